//! Training: batches of sentences through the shared BiLSTM; the tagger's cross-entropy plus
//! the transition classifier's loss over the zero-cost transitions of every configuration the
//! batch visits. Configurations are visited by following the model (error exploration with the
//! dynamic oracle) or the oracle, scored without gradients; the loss is then computed over all
//! configurations of the batch in one libtorch call. Adam, gradient clipping, dev LAS after
//! each epoch, the best model kept, early stopping, a checkpoint per epoch for `resume`.
//! Helpers: [`prepare`] (treebanks, vocabulary, batches), [`loss`] (the tagger's loss),
//! [`spec`] (what a run is given and reports).

use std::time::Instant;

use arbor_conllu::Sentence;
use arbor_core::{Metadata, OptimizerKind};
use arbor_nn::{seed_everything, trainable_sorted, Optimizer, RunDir};
use arbor_transition::GoldTree;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::batch::Batch;
use crate::config::{ParserConfig, TrainConfig, CONFIG_FILE, FORMAT_VERSION, KIND, VOCAB_FILE};
use crate::error::{Error, Result};
use crate::evaluate::dev_scores;
use crate::explore::{visit, Visited};
use crate::parser::Parser;
use crate::vocab::Vocab;

mod loss;
mod prepare;
mod spec;

use loss::tag_loss;
use prepare::{fresh_parser, gold_trees, length_batches, read_treebank};
pub use spec::{EpochReport, Observer, TrainSpec};

#[derive(Serialize, Deserialize)]
struct State {
    next_epoch: usize,
    best_las: f64,
    bad_epochs: usize,
    optimizer_step: i64,
    /// The learning rate after decays (absent: `TrainConfig::lr`, no decay yet).
    #[serde(default)]
    lr: Option<f64>,
    history: Vec<EpochReport>,
}

/// Train a parser; the best model by dev LAS is in `spec.out` when this returns.
pub fn train(spec: &TrainSpec, observer: &mut dyn Observer) -> Result<Vec<EpochReport>> {
    let c = &spec.config;
    spec.model.check().and_then(|()| c.check()).map_err(Error::Config)?;
    seed_everything(c.seed, c.threads);
    arbor_nn::retain_freed_memory();
    let RunDir { dir, checkpoint, resuming } =
        RunDir::open(&spec.out, spec.resume, spec.force, &mut |m| observer.message(m))?;
    let train = read_treebank(&spec.train)?;
    let mut parser = if resuming {
        let config: ParserConfig = dir.read_json(CONFIG_FILE)?;
        let changed = arbor_core::differences(&config, &spec.model, &[]);
        if !changed.is_empty() {
            return Err(Error::Config(format!(
                "--resume with other model settings than the checkpoint's ({}); give the same ones",
                changed.join("; ")
            )));
        }
        Parser::new(&config, dir.read_json::<Vocab>(VOCAB_FILE)?, spec.device)
    } else {
        fresh_parser(spec, &train, observer)?
    };
    let dev_gold = read_treebank(&spec.dev)?;
    let trees = gold_trees(&spec.train, &train, &parser.vocab)?;
    let params: Vec<Tensor> = trainable_sorted(&parser.vs).into_iter().map(|(_, t)| t).collect();
    let mut opt = Optimizer::new(OptimizerKind::Adam, params).with_betas(0.9, 0.9);
    let mut st =
        State { next_epoch: 1, best_las: -1.0, bad_epochs: 0, optimizer_step: 0, lr: None, history: Vec::new() };
    if resuming {
        let (saved, extra): (State, _) = checkpoint.load(&mut parser.vs)?;
        opt.restore(saved.optimizer_step, &extra);
        observer.message(&format!(
            "resuming at epoch {} (best dev LAS {:.2})",
            saved.next_epoch,
            saved.best_las * 100.0
        ));
        st = saved;
    }
    let labels = parser.vocab.labels.len();
    let mut order: Vec<usize> = (0..train.len()).collect();
    while st.next_epoch <= c.epochs && (c.patience == 0 || st.bad_epochs < c.patience) {
        let epoch = st.next_epoch;
        let lr = st.lr.unwrap_or(c.lr);
        let started = Instant::now();
        // Every epoch's randomness derives from (seed, epoch), so a resumed run repeats it.
        seed_everything(c.seed.wrapping_add(epoch as u64 * 1_000_003), c.threads);
        let mut rng = ChaCha8Rng::seed_from_u64(c.seed ^ (epoch as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let batches = length_batches(&mut order, &train, c.batch_size.max(1), &mut rng);
        observer.epoch_start(epoch, batches.len() as u64, 0);
        let (mut loss_sum, mut loss_n) = (0.0, 0usize);
        for (k, chunk) in batches.iter().enumerate() {
            let sents: Vec<&Sentence> = chunk.iter().map(|&i| &train[i]).collect();
            let trees: Vec<&GoldTree> = chunk.iter().map(|&i| &trees[i]).collect();
            let batch = Batch::new(&sents, &parser.vocab, parser.model.config(), Some(&mut rng), spec.device);
            let encoded = parser.model.encode(&batch, true);
            let tag_loss = tag_loss(&parser, &batch, &sents, &encoded);
            let projected = parser.model.project(&encoded);
            let explore = if epoch >= c.explore_from { c.explore } else { 0.0 };
            let Visited { features, masks, configs } =
                visit(&parser.model, &batch, &projected, &trees, labels, explore, &mut rng);
            let feats = Tensor::from_slice(&features).view([configs as i64, -1]).to_device(spec.device);
            let mask = Tensor::from_slice(&masks).view([configs as i64, -1]).to_device(spec.device);
            let logp = parser.model.score(&projected, &feats, true).log_softmax(1, Kind::Float); // [configs, T]
            let correct = logp.masked_fill(&mask.logical_not(), f64::NEG_INFINITY).logsumexp([1], false); // [configs]
            let parse_loss = -correct.mean(Kind::Float);
            let loss = &parse_loss + tag_loss;
            opt.minimize(&loss, lr, c.clip);
            let l = loss.double_value(&[]);
            loss_sum += l;
            loss_n += 1;
            observer.step(k as u64 + 1, l, lr);
        }
        let scores = dev_scores(&parser, &dev_gold)?;
        let best = scores.0 > st.best_las;
        let report = EpochReport {
            epoch,
            loss: loss_sum / loss_n.max(1) as f64,
            dev_las: scores.0,
            dev_uas: scores.1,
            dev_upos: scores.2,
            seconds: started.elapsed().as_secs_f64(),
            best,
        };
        if best {
            st.best_las = scores.0;
            st.bad_epochs = 0;
            let mut meta = Metadata::new(KIND, FORMAT_VERSION);
            meta.command = spec.command.clone();
            meta.scores.insert("dev_las".into(), scores.0 * 100.0);
            meta.scores.insert("dev_uas".into(), scores.1 * 100.0);
            meta.scores.insert("dev_upos".into(), scores.2 * 100.0);
            meta.scores.insert("epoch".into(), epoch as f64);
            parser.save(&spec.out, &meta)?;
        } else {
            st.bad_epochs += 1;
            if let Some(next) = decayed_lr(c, lr, st.bad_epochs) {
                st.lr = Some(next);
                observer.message(&format!("learning rate {lr:.2e} -> {next:.2e}"));
            }
        }
        observer.epoch_end(&report);
        st.history.push(report);
        st.next_epoch = epoch + 1;
        let (step, extra) = opt.state();
        st.optimizer_step = step;
        checkpoint.save(&parser.vs, &extra, &st)?;
    }
    if st.bad_epochs >= c.patience && c.patience > 0 && st.next_epoch <= c.epochs {
        observer.message(&format!("early stop: no better dev LAS for {} epochs", c.patience));
    }
    Ok(st.history)
}

/// The learning rate after an epoch that left `bad_epochs` epochs in a row without a better dev
/// LAS, when it changes: decayed at every `decay_patience`-th such epoch.
fn decayed_lr(c: &TrainConfig, lr: f64, bad_epochs: usize) -> Option<f64> {
    let due = c.decay_patience > 0 && bad_epochs > 0 && bad_epochs % c.decay_patience == 0;
    (due && c.lr_decay != 1.0).then_some(lr * c.lr_decay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_learning_rate_halves_after_every_second_bad_epoch_in_a_row() {
        let c = TrainConfig::default();
        assert_eq!((c.lr_decay, c.decay_patience), (0.5, 2));
        assert_eq!(decayed_lr(&c, 2e-3, 0), None);
        assert_eq!(decayed_lr(&c, 2e-3, 1), None);
        assert_eq!(decayed_lr(&c, 2e-3, 2), Some(1e-3));
        assert_eq!(decayed_lr(&c, 1e-3, 3), None);
        assert_eq!(decayed_lr(&c, 1e-3, 4), Some(5e-4));
        let constant = TrainConfig { lr_decay: 1.0, ..c.clone() };
        assert_eq!(decayed_lr(&constant, 2e-3, 2), None);
        let never = TrainConfig { decay_patience: 0, ..c };
        assert_eq!(decayed_lr(&never, 2e-3, 2), None);
    }
}
