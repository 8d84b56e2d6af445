//! The training kernel: skip-gram and CBOW with negative sampling over shared weight buffers,
//! updated without locks by several threads at once ("hogwild", as word2vec.c and gensim do).
//! With one thread the arithmetic is fully deterministic.
//!
//! The inner loops are written with eight independent accumulators so that the compiler
//! vectorises them; on x86-64 CPUs with AVX2 and FMA the whole sentence loop is compiled a
//! second time for those instructions and chosen at run time.

use crate::vocab::NoiseTable;

const EXP_TABLE_SIZE: usize = 1000;
const MAX_EXP: f32 = 6.0;

/// Sigmoid and log-sigmoid tables over [-MAX_EXP, MAX_EXP].
pub(crate) struct Tables {
    sigmoid: Vec<f32>,
    log_sigmoid: Vec<f32>,
}

impl Tables {
    pub fn new() -> Tables {
        let x = |i: usize| (i as f32 / EXP_TABLE_SIZE as f32 * 2.0 - 1.0) * MAX_EXP;
        let sigmoid: Vec<f32> = (0..EXP_TABLE_SIZE).map(|i| 1.0 / (1.0 + (-x(i)).exp())).collect();
        let log_sigmoid = sigmoid.iter().map(|s| s.ln()).collect();
        Tables { sigmoid, log_sigmoid }
    }
}

/// Raw views of the two weight matrices, `[vocab, dim]` each, shared by the worker threads.
#[derive(Clone, Copy)]
pub(crate) struct Weights {
    pub input: *mut f32,
    pub output: *mut f32,
    pub dim: usize,
}

// SAFETY: the buffers outlive the training threads (they are owned by tensors that the
// trainer keeps alive until every thread has joined). Concurrent unsynchronised updates of
// the same row are the hogwild algorithm's accepted races on plain f32 values.
unsafe impl Send for Weights {}
unsafe impl Sync for Weights {}

impl Weights {
    /// # Safety
    /// `row` must be below the vocabulary size the buffers were made for, and the buffers must
    /// outlive the returned slice (they outlive every training thread).
    #[inline(always)]
    unsafe fn input<'a>(self, row: u32) -> &'a mut [f32] {
        std::slice::from_raw_parts_mut(self.input.add(row as usize * self.dim), self.dim)
    }
    /// # Safety
    /// As for [`Weights::input`].
    #[inline(always)]
    unsafe fn output<'a>(self, row: u32) -> &'a mut [f32] {
        std::slice::from_raw_parts_mut(self.output.add(row as usize * self.dim), self.dim)
    }
}

#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = ra.iter().zip(rb).map(|(x, y)| x * y).sum::<f32>();
    for v in acc {
        s += v;
    }
    s
}

/// y += a * x
#[inline(always)]
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// What a worker needs besides the weights.
pub(crate) struct Params<'a> {
    pub skip_gram: bool,
    pub window: usize,
    pub negative: usize,
    pub noise: &'a NoiseTable,
    pub tables: &'a Tables,
}

/// A worker's scratch space and random state (xorshift64*, seeded per thread).
pub(crate) struct Worker {
    pub rng: u64,
    neu1: Vec<f32>,
    neu1e: Vec<f32>,
    /// Sum of -log σ over the predictions made, and their number.
    pub loss: f64,
    pub predictions: u64,
}

impl Worker {
    pub fn new(dim: usize, seed: u64) -> Worker {
        Worker { rng: seed.max(1), neu1: vec![0.0; dim], neu1e: vec![0.0; dim], loss: 0.0, predictions: 0 }
    }

    #[inline(always)]
    pub fn next(&mut self) -> u64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545F4914F6CDD1D)
    }

    /// Train on one (already subsampled) sentence.
    pub fn sentence(&mut self, w: Weights, p: &Params, sentence: &[u32], alpha: f32) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                // SAFETY: the CPU has the features the function is compiled for.
                return unsafe { self.sentence_avx2(w, p, sentence, alpha) };
            }
        }
        self.sentence_generic(w, p, sentence, alpha)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn sentence_avx2(&mut self, w: Weights, p: &Params, sentence: &[u32], alpha: f32) {
        self.sentence_generic(w, p, sentence, alpha)
    }

    #[inline(always)]
    fn sentence_generic(&mut self, w: Weights, p: &Params, sentence: &[u32], alpha: f32) {
        let n = sentence.len();
        for pos in 0..n {
            let shrink = (self.next() % p.window as u64) as usize;
            let reach = p.window - shrink;
            let (lo, hi) = (pos.saturating_sub(reach), (pos + reach + 1).min(n));
            let target = sentence[pos];
            if p.skip_gram {
                for (c, &context) in sentence.iter().enumerate().take(hi).skip(lo) {
                    if c != pos {
                        // The context word's vector predicts the centre word.
                        // SAFETY: ids come from the vocabulary the buffers were sized for.
                        let l1 = unsafe { w.input(context) };
                        self.neu1e.fill(0.0);
                        self.predict(w, p, l1, target, alpha);
                        axpy(l1, 1.0, &self.neu1e);
                    }
                }
            } else {
                let count = (hi - lo - 1) as f32;
                if count == 0.0 {
                    continue;
                }
                self.neu1.fill(0.0);
                for c in (lo..hi).filter(|&c| c != pos) {
                    axpy(&mut self.neu1, 1.0, unsafe { w.input(sentence[c]) });
                }
                self.neu1.iter_mut().for_each(|v| *v /= count);
                self.neu1e.fill(0.0);
                let h = std::mem::take(&mut self.neu1);
                self.predict(w, p, &h, target, alpha);
                self.neu1 = h;
                for c in (lo..hi).filter(|&c| c != pos) {
                    axpy(unsafe { w.input(sentence[c]) }, 1.0, &self.neu1e);
                }
            }
        }
    }

    /// One positive and `negative` noise predictions from hidden vector `h`; accumulates the
    /// error for `h` in `neu1e` and updates the output vectors.
    #[inline(always)]
    fn predict(&mut self, w: Weights, p: &Params, h: &[f32], target: u32, alpha: f32) {
        for d in 0..=p.negative {
            let (word, label) = if d == 0 {
                (target, 1.0f32)
            } else {
                let r = self.next();
                let word = p.noise.draw(r);
                if word == target {
                    continue;
                }
                (word, 0.0)
            };
            // SAFETY: as above.
            let l2 = unsafe { w.output(word) };
            let f = dot(h, l2);
            let (g, loss) = if f > MAX_EXP {
                (label - 1.0, if label > 0.0 { 0.0 } else { f })
            } else if f < -MAX_EXP {
                (label, if label > 0.0 { -f } else { 0.0 })
            } else {
                let i = ((f + MAX_EXP) * (EXP_TABLE_SIZE as f32 / MAX_EXP / 2.0)) as usize;
                let i = i.min(EXP_TABLE_SIZE - 1);
                let s = p.tables.sigmoid[i];
                let loss =
                    if label > 0.0 { -p.tables.log_sigmoid[i] } else { -p.tables.log_sigmoid[EXP_TABLE_SIZE - 1 - i] };
                (label - s, loss)
            };
            self.loss += loss as f64;
            self.predictions += 1;
            let g = g * alpha;
            axpy(&mut self.neu1e, g, l2);
            axpy(l2, g, h);
        }
    }
}

/// SplitMix64: spreads a seed (and seed ⊕ thread/epoch numbers) over 64 bits.
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_axpy_match_the_plain_formulas() {
        let a: Vec<f32> = (0..19).map(|i| i as f32 * 0.5).collect();
        let b: Vec<f32> = (0..19).map(|i| 1.0 - i as f32 * 0.1).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-4);
        let mut y = b.clone();
        axpy(&mut y, 2.0, &a);
        assert!(y.iter().zip(a.iter().zip(&b)).all(|(y, (a, b))| (y - (b + 2.0 * a)).abs() < 1e-6));
    }

    #[test]
    fn the_sigmoid_table_is_a_sigmoid() {
        let t = Tables::new();
        assert!((t.sigmoid[EXP_TABLE_SIZE / 2] - 0.5).abs() < 0.01);
        assert!(t.sigmoid[0] < 0.01 && t.sigmoid[EXP_TABLE_SIZE - 1] > 0.99);
    }
}
