//! The batched trainer: the same model as the hogwild kernel, but each step updates the weights
//! with one set of tensor operations over a batch of (context, target, noise) examples —
//! gather, batched dot products, `index_add_` scatter. The operations are device-agnostic, so
//! this is the trainer for CUDA devices; on the CPU it is tested against the same expectations
//! as the hogwild kernel (the hogwild kernel is faster there).

use std::time::Instant;

use arbor_nn::Checkpoint;
use tch::{nn, Device, Kind, Tensor};

use crate::corpus::Corpus;
use crate::embeddings::Embeddings;
use crate::error::{Error, Result};
use crate::kernel::Worker;
use crate::trainer::{Model, Progress, TrainConfig};
use crate::vocab::Vocab;

/// Examples gathered on the host before one device step.
struct Batch {
    /// Skip-gram: `[n]` context ids; CBOW: `[n * 2w]` padded context ids.
    inputs: Vec<i64>,
    /// CBOW: `[n * 2w]` 1.0 for a real context word, 0.0 for padding.
    mask: Vec<f32>,
    targets: Vec<i64>,
}

fn step(input: &mut Tensor, output: &mut Tensor, noise: &Tensor, b: &Batch, cfg: &TrainConfig, alpha: f64) -> f64 {
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

pub(crate) fn run<F: FnMut(&Progress)>(
    vocab: &Vocab,
    corpus: &Corpus,
    cfg: &TrainConfig,
    device: Device,
    batch: usize,
    mut progress: F,
) -> Result<Embeddings> {
    let (v, dim) = (vocab.len(), cfg.dim);
    tch::manual_seed(cfg.seed as i64);
    let mut vs = nn::VarStore::new(device);
    let mut input = vs.root().zeros_no_train("input", &[v as i64, dim as i64]);
    let mut output = vs.root().zeros_no_train("output", &[v as i64, dim as i64]);
    tch::no_grad(|| input.copy_(&crate::trainer::initial_vectors(cfg.seed, v, dim)));
    // The sampling stream (subsampling, windows), seeded apart from the initialisation.
    let mut rng = Worker::new(dim, crate::trainer::splitmix(cfg.seed ^ 0x5EED));
    let checkpoint = cfg.checkpoint.as_ref().map(Checkpoint::new);
    let mut epochs_done = 0;
    if let Some(ck) = checkpoint.as_ref().filter(|c| c.exists()) {
        let (state, _): (crate::trainer::State, _) = ck.load(&mut vs)?;
        if state.vocab_size != v || state.dim != dim {
            return Err(Error::Config(format!(
                "{}: the checkpoint is for another vocabulary or dimension",
                ck.dir().display()
            )));
        }
        epochs_done = state.epochs_done;
    }
    let noise = {
        let w: Vec<f32> = (0..v).map(|i| (vocab.count(i as u32) as f32).powf(0.75)).collect();
        Tensor::from_slice(&w).to_device(device)
    };
    let keep = vocab.keep_thresholds(cfg.sample);
    let total = vocab.total() * cfg.epochs as u64;
    let alpha_at =
        |d: u64| (cfg.alpha - (cfg.alpha - cfg.min_alpha) * (d as f32 / total.max(1) as f32)).max(cfg.min_alpha) as f64;
    let mut done = vocab.total() * epochs_done as u64;
    let started = Instant::now();
    let w = cfg.window;
    let last_epoch = cfg.stop_after_epochs.map_or(cfg.epochs, |s| s.min(cfg.epochs));
    for epoch in epochs_done..last_epoch {
        let mut b = Batch { inputs: Vec::new(), mask: Vec::new(), targets: Vec::new() };
        let mut loss = f64::NAN;
        let mut sentence: Vec<u32> = Vec::new();
        let mut last_report = Instant::now();
        let flush = |b: &mut Batch, done: u64, input: &mut Tensor, output: &mut Tensor| -> f64 {
            if b.targets.is_empty() {
                return f64::NAN;
            }
            let l = tch::no_grad(|| step(input, output, &noise, b, cfg, alpha_at(done)));
            b.inputs.clear();
            b.mask.clear();
            b.targets.clear();
            l
        };
        corpus.for_each_line(0, u64::MAX, |line| {
            sentence.clear();
            corpus.tokenization.tokens(line, |t| {
                if let Some(id) = vocab.id(t) {
                    done += 1;
                    if keep[id as usize] >= 1 << 32 || keep[id as usize] > (rng.next() & 0xFFFF_FFFF) {
                        sentence.push(id);
                    }
                }
            });
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
                if b.targets.len() >= batch {
                    loss = flush(&mut b, done, &mut input, &mut output);
                }
            }
            if last_report.elapsed().as_millis() >= 100 {
                last_report = Instant::now();
                progress(&Progress {
                    epoch: epoch + 1,
                    words: done,
                    total_words: total,
                    alpha: alpha_at(done) as f32,
                    loss,
                    words_per_second: done as f64 / started.elapsed().as_secs_f64().max(1e-9),
                });
            }
        })?;
        flush(&mut b, done, &mut input, &mut output);
        if let Some(ck) = &checkpoint {
            ck.save(&vs, &[], &crate::trainer::State { epochs_done: epoch + 1, vocab_size: v, dim })?;
        }
    }
    let vectors = Vec::<f32>::try_from(input.to_device(Device::Cpu).flatten(0, 1))
        .map_err(|e| Error::Corpus(format!("cannot read the trained vectors: {e}")))?;
    Ok(Embeddings::new(vocab.words().to_vec(), dim, vectors))
}
