//! The batched backend: the same model as the hogwild kernel, but each step updates the weights
//! with one set of tensor operations over a batch of (context, target, noise) examples —
//! gather, batched dot products, `index_add_` scatter. The operations are device-agnostic, so
//! this is the trainer for CUDA devices; on the CPU it is tested against the same expectations
//! as the hogwild kernel (the hogwild kernel is faster there).

use std::time::Instant;

use tch::{Kind, Tensor};

use super::kernel::splitmix;
use super::kernel::Worker;
use super::run::{Backend, Run};
use super::source::Source;
use crate::config::{Model, TrainConfig};
use crate::error::Result;

/// Examples gathered on the host before one device step.
struct Examples {
    /// Skip-gram: `[n]` context ids; CBOW: `[n * 2w]` padded context ids.
    inputs: Vec<i64>,
    /// CBOW: `[n * 2w]` 1.0 for a real context word, 0.0 for padding.
    mask: Vec<f32>,
    targets: Vec<i64>,
}

fn step(input: &mut Tensor, output: &mut Tensor, noise: &Tensor, b: &Examples, cfg: &TrainConfig, alpha: f64) -> f64 {
    let device = input.device();
    let n = b.targets.len() as i64;
    let k = cfg.negative as i64;
    let d = cfg.dim as i64;
    let w2 = 2 * cfg.window as i64;
    let tgt = Tensor::from_slice(&b.targets).to_device(device); // [n]
    let negs = noise.multinomial(n * k, true).view([n, k]); // [n, k]
    let idx = Tensor::cat(&[tgt.unsqueeze(1), negs.shallow_clone()], 1); // [n, 1 + k]
    let ctx = Tensor::from_slice(&b.inputs).to_device(device);
    let (h, mask) = match cfg.model {
        Model::SkipGram => (input.index_select(0, &ctx), None), // [n, d]
        Model::Cbow => {
            let mask = Tensor::from_slice(&b.mask).to_device(device).view([n, w2]); // [n, 2w]
            let rows = input.index_select(0, &ctx).view([n, w2, d]) * mask.unsqueeze(2); // [n, 2w, d]
            let count = mask.sum_dim_intlist([1i64].as_slice(), true, Kind::Float).clamp_min(1.0); // [n, 1]
            (rows.sum_dim_intlist([1i64].as_slice(), false, Kind::Float) / count, Some(mask))
            // [n, d]
        }
    };
    let v_out = output.index_select(0, &idx.view([-1])).view([n, 1 + k, d]); // [n, 1+k, d]
    let scores = v_out.bmm(&h.unsqueeze(2)).squeeze_dim(2); // [n, 1+k]
    let labels =
        Tensor::cat(&[Tensor::ones([n, 1], (Kind::Float, device)), Tensor::zeros([n, k], (Kind::Float, device))], 1);
    // A noise word equal to the target is not a negative example.
    let keep = Tensor::cat(
        &[Tensor::ones([n, 1], (Kind::Float, device)), negs.ne_tensor(&tgt.unsqueeze(1)).to_kind(Kind::Float)],
        1,
    );
    let g = (&labels - scores.sigmoid()) * &keep * alpha; // [n, 1+k]
    let signed = &scores * (&labels * 2.0 - 1.0); // positive: s, negative: -s
    let loss = -(signed.log_sigmoid() * &keep).sum(Kind::Double).double_value(&[]) / (n as f64 * (1 + k) as f64);
    let grad_h = g.unsqueeze(1).bmm(&v_out).squeeze_dim(1); // [n, d]
    let grad_out = g.unsqueeze(2) * h.unsqueeze(1); // [n, 1+k, d]

    // Rows that occur several times in a batch get the mean of their updates, not the sum:
    // summing would multiply a frequent word's step by its count and diverge.
    let rows = input.size()[0];
    let per_row_mean = |ids: &Tensor, weights: &Tensor| {
        let counts = Tensor::zeros([rows], (Kind::Float, device)).index_add(0, ids, weights); // [vocab]
        (weights / counts.index_select(0, ids).clamp_min(1.0)).unsqueeze(1) // [m, 1]
    };
    let out_ids = idx.view([-1]); // [n * (1+k)]
    let out_scale = per_row_mean(&out_ids, &keep.view([-1]));
    let _ = output.index_add_(0, &out_ids, &(grad_out.view([-1, d]) * out_scale));
    match mask {
        None => {
            let scale = per_row_mean(&ctx, &Tensor::ones([n], (Kind::Float, device)));
            let _ = input.index_add_(0, &ctx, &(grad_h * scale));
        }
        Some(mask) => {
            let flat_mask = mask.view([-1]); // [n * 2w]
            let scale = per_row_mean(&ctx, &flat_mask);
            let spread = grad_h.unsqueeze(1).expand([n, w2, d], false).reshape([-1, d]); // [n * 2w, d]
            let _ = input.index_add_(0, &ctx, &(spread * scale));
        }
    }
    loss
}

pub(super) struct Batched<'t> {
    input: &'t mut Tensor,
    output: &'t mut Tensor,
    /// Unigram^0.75 weights to draw noise words from, on the weights' device.
    noise: Tensor,
    /// The sampling stream (subsampling, windows), seeded apart from the initialisation and
    /// carried from epoch to epoch.
    rng: Worker,
    batch: usize,
}

impl<'t> Batched<'t> {
    pub fn new(input: &'t mut Tensor, output: &'t mut Tensor, run: &Run, batch: usize) -> Batched<'t> {
        let (vocab, cfg) = (run.vocab, run.config);
        let w: Vec<f32> = (0..vocab.len()).map(|i| (vocab.count(i as u32) as f32).powf(0.75)).collect();
        let noise = Tensor::from_slice(&w).to_device(input.device());
        let rng = Worker::new(cfg.dim, splitmix(cfg.seed ^ 0x5EED));
        Batched { input, output, noise, rng, batch }
    }
}

impl Backend for Batched<'_> {
    fn epoch(
        &mut self,
        run: &Run,
        source: &Source,
        _epoch: usize,
        done_before: u64,
        progress: &mut dyn FnMut(u64, f64),
    ) -> Result<(f64, u64)> {
        let cfg = run.config;
        let w = cfg.window;
        let Batched { input, output, noise, rng, batch } = self;
        let mut b = Examples { inputs: Vec::new(), mask: Vec::new(), targets: Vec::new() };
        let (mut loss, mut loss_sum, mut predictions) = (f64::NAN, 0.0, 0u64);
        let mut sentence: Vec<u32> = Vec::new();
        let mut done = done_before;
        let mut last_report = Instant::now();
        let mut flush = |b: &mut Examples, done: u64| -> f64 {
            if b.targets.is_empty() {
                return f64::NAN;
            }
            let n = b.targets.len() as u64 * (1 + cfg.negative as u64);
            let l = tch::no_grad(|| step(input, output, noise, b, cfg, f64::from(run.alpha_at(done))));
            loss_sum += l * n as f64;
            predictions += n;
            b.inputs.clear();
            b.mask.clear();
            b.targets.clear();
            l
        };
        source.for_each_sentence(run.vocab, (0, u64::MAX), |ids| {
            sentence.clear();
            for &id in ids {
                done += 1;
                if run.kept(id, || rng.next()) {
                    sentence.push(id);
                }
            }
            let n = sentence.len();
            for pos in 0..n {
                let reach = w - (rng.next() % w as u64) as usize;
                let (lo, hi) = (pos.saturating_sub(reach), (pos + reach + 1).min(n));
                match cfg.model {
                    Model::SkipGram => {
                        for c in (lo..hi).filter(|&c| c != pos) {
                            b.inputs.push(sentence[c] as i64);
                            b.targets.push(sentence[pos] as i64);
                        }
                    }
                    Model::Cbow if hi - lo > 1 => {
                        let mut slots = 0;
                        for c in (lo..hi).filter(|&c| c != pos) {
                            b.inputs.push(sentence[c] as i64);
                            b.mask.push(1.0);
                            slots += 1;
                        }
                        for _ in slots..2 * w {
                            b.inputs.push(0);
                            b.mask.push(0.0);
                        }
                        b.targets.push(sentence[pos] as i64);
                    }
                    Model::Cbow => {}
                }
                if b.targets.len() >= *batch {
                    loss = flush(&mut b, done);
                }
            }
            if last_report.elapsed().as_millis() >= 100 {
                last_report = Instant::now();
                progress(done - done_before, loss);
            }
        })?;
        flush(&mut b, done);
        Ok((loss_sum, predictions))
    }
}
