//! Training: truncated BPTT over the corpus laid out in columns, the hidden state carried from
//! batch to batch and detached; gradient clipping; SGD whose learning rate is divided by
//! `anneal` when validation perplexity does not improve, or Adam. The best model (by validation
//! perplexity) is written to the output directory after each epoch; a checkpoint (weights,
//! optimizer moments, position, learning rate) every `checkpoint_every` batches and at each
//! epoch end allows `resume`.

use std::path::Path;
use std::time::Instant;

use arbor_core::{Lines, Metadata, OptimizerKind};
use arbor_nn::{seed_everything, Optimizer, RunDir, Weights};
use serde::{Deserialize, Serialize};
use tch::nn;

use crate::config::{LmConfig, CONFIG_FILE, FORMAT_VERSION, KIND, VOCAB_FILE};
use crate::corpus::{batchify, read_ids};
use crate::error::{Error, Result};
use crate::evaluate::mean_loss;
use crate::model::LstmLm;
use crate::vocab::{for_each_token, Vocab};

mod spec;
pub use spec::{EpochReport, Observer, TrainSpec};

#[derive(Serialize, Deserialize)]
struct State {
    epoch: usize,
    next_batch: usize,
    lr: f64,
    best_valid: Option<f64>,
    optimizer_step: i64,
    history: Vec<EpochReport>,
}

fn build_vocab(path: &Path, model: &LmConfig) -> Result<Vocab> {
    let mut vocab = Vocab::build(std::iter::empty(), model.level);
    let mut tokens = 0usize;
    Lines::open(path)?.try_for_each(|line| {
        for_each_token(line.text, model.level, |t| {
            vocab.add(t);
            tokens += 1;
        });
        Ok::<_, Error>(())
    })?;
    if tokens == 0 {
        return Err(Error::Data { path: path.into(), problem: "empty training file: no text to learn from".into() });
    }
    Ok(vocab)
}

/// Train a model as `spec` says; returns the report of every epoch (resumed ones included).
///
/// Reproducible for a seed and thread count, provided no other thread draws from libtorch's
/// process-wide random generator meanwhile. A resumed run restarts the hidden state and the
/// dropout stream at the checkpoint, so it is close to, not bit-identical with, an
/// uninterrupted one.
pub fn train(spec: &TrainSpec, observer: &mut dyn Observer) -> Result<Vec<EpochReport>> {
    let c = &spec.config;
    spec.model.check().and_then(|()| c.check()).map_err(Error::Config)?;
    seed_everything(c.seed, c.threads);
    arbor_nn::retain_freed_memory();
    let RunDir { dir, checkpoint, resuming } =
        RunDir::open(&spec.out, spec.resume, spec.force, &mut |m| observer.message(m))?;
    let vocab = if resuming { dir.read_json::<Vocab>(VOCAB_FILE)? } else { build_vocab(&spec.train, &spec.model)? };
    let mut cfg = spec.model.clone();
    cfg.vocab_size = vocab.len() as i64;
    if resuming {
        let saved: LmConfig = dir.read_json(CONFIG_FILE)?;
        let changed = arbor_core::differences(&saved, &cfg, &[]);
        if !changed.is_empty() {
            return Err(Error::Input(format!(
                "--resume with other model settings than the checkpoint's ({}); give the same ones",
                changed.join("; ")
            )));
        }
    }
    if cfg.tied && cfg.emsize != cfg.nhid {
        return Err(Error::Input(format!("--tied needs emsize == nhid (got {} and {})", cfg.emsize, cfg.nhid)));
    }
    let (train_ids, _) = read_ids(&spec.train, &vocab)?;
    let (valid_ids, unknown) = read_ids(&spec.valid, &vocab)?;
    if unknown > 0 {
        observer.message(&format!("{unknown} validation tokens are not in the training vocabulary (scored as <unk>)"));
    }
    if train_ids.len() < c.batch_size * (c.bptt as usize + 1) {
        return Err(Error::Data {
            path: spec.train.clone(),
            problem: format!(
                "too little text ({} tokens) for batch size {} and bptt {}",
                train_ids.len(),
                c.batch_size,
                c.bptt
            ),
        });
    }
    let mut vs = nn::VarStore::new(spec.device);
    let model = LstmLm::new(&vs.root(), cfg.clone());
    let params = arbor_nn::trainable_sorted(&vs).into_iter().map(|(_, t)| t).collect();
    let mut opt = Optimizer::new(c.optimizer, params);
    let mut st = State { epoch: 1, next_batch: 0, lr: c.lr, best_valid: None, optimizer_step: 0, history: Vec::new() };
    if resuming {
        let (saved, extra): (State, _) = checkpoint.load(&mut vs)?;
        opt.restore(saved.optimizer_step, &extra);
        st = saved;
        observer.message(&format!("resuming at epoch {}, batch {}", st.epoch, st.next_batch));
    } else {
        dir.write_json(CONFIG_FILE, &cfg)?;
        dir.write_json(VOCAB_FILE, &vocab)?;
    }
    let data = batchify(&train_ids, c.batch_size).to_device(spec.device); // [rows, batch]
    let rows = data.size()[0];
    let batches = ((rows - 1) as usize).div_ceil(c.bptt as usize);
    let save_checkpoint = |st: &State, opt: &Optimizer, vs: &nn::VarStore| -> Result<()> {
        let (step, extra) = opt.state();
        let st = State { optimizer_step: step, history: st.history.clone(), ..*st };
        Ok(checkpoint.save(vs, &extra, &st)?)
    };
    while st.epoch <= c.epochs {
        let epoch = st.epoch;
        observer.epoch_start(epoch, batches as u64, st.next_batch as u64);
        let start = Instant::now();
        let mut state = model.zero_state(c.batch_size as i64);
        let (mut loss_sum, mut loss_n, mut tokens) = (0.0, 0usize, 0usize);
        for b in st.next_batch..batches {
            let i = b as i64 * c.bptt;
            let len = c.bptt.min(rows - 1 - i);
            let input = data.narrow(0, i, len); // [len, batch]
            let target = data.narrow(0, i + 1, len).reshape([-1]); // [len * batch]
            let (logits, next) = model.forward_in(&input, &state.detach(), true, c.precision);
            state = next;
            let loss = logits.cross_entropy_for_logits(&target);
            opt.minimize(&loss, st.lr, c.clip);
            let l = loss.double_value(&[]);
            if !l.is_finite() {
                return Err(Error::Input(format!(
                    "the loss became {l} at epoch {epoch}, batch {b}: lower --lr or --clip"
                )));
            }
            loss_sum += l;
            loss_n += 1;
            tokens += (len as usize) * c.batch_size;
            observer.step(b as u64 + 1, l, st.lr);
            if c.checkpoint_every > 0 && (b + 1) % c.checkpoint_every == 0 && b + 1 < batches {
                st.next_batch = b + 1;
                save_checkpoint(&st, &opt, &vs)?;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let (valid_loss, _) = mean_loss(&model, &valid_ids, c.eval_batch_size, c.bptt, spec.device)?;
        let valid_ppl = valid_loss.exp();
        let improved = st.best_valid.is_none_or(|b| valid_ppl < b);
        let report = EpochReport {
            epoch,
            train_ppl: (loss_sum / loss_n.max(1) as f64).exp(),
            valid_ppl,
            lr: st.lr,
            seconds,
            tokens_per_second: tokens as f64 / seconds.max(1e-9),
            improved,
        };
        if improved {
            st.best_valid = Some(valid_ppl);
            dir.save_weights(&vs)?;
            let mut meta = Metadata::new(KIND, FORMAT_VERSION);
            meta.command = spec.command.clone();
            meta.scores.insert("valid_ppl".into(), valid_ppl);
            meta.scores.insert("epoch".into(), epoch as f64);
            dir.write_metadata(&meta)?;
        } else if c.optimizer == OptimizerKind::Sgd {
            st.lr /= c.anneal;
        }
        observer.epoch_end(&report);
        st.history.push(report);
        st.epoch += 1;
        st.next_batch = 0;
        save_checkpoint(&st, &opt, &vs)?;
    }
    Ok(st.history)
}
