//! Training: length-bucketed batches, cross-entropy (optionally weighted by inverse class
//! frequency), global-norm gradient clipping, Adam. After each epoch the dev texts are
//! classified; the model with the best dev accuracy (then macro-F1) is written to the output
//! directory, the learning rate is multiplied by `lr_decay` when the dev score does not
//! improve, and training stops after `patience` such epochs. A checkpoint every
//! `checkpoint_every` batches and at each epoch end allows `resume`; each batch's dropout is
//! seeded from (seed, epoch, batch), so a resumed run continues exactly as the uninterrupted
//! one would (same seed and thread count).

use std::time::Instant;

use arbor_core::Metadata;
use arbor_nn::{length_batches, mix, seed_everything, Optimizer, RunDir, Weights};
use serde::{Deserialize, Serialize};
use tch::{nn, Kind, Reduction, Tensor};

use crate::classifier::text_reader;
use crate::config::{ClassifierConfig, CONFIG_FILE, FORMAT_VERSION, KIND, LABELS_FILE, WORDS_FILE};
use crate::data::read_examples;
use crate::error::{Error, Result};
use crate::evaluate::score;
use crate::model::ClassifierNet;
use crate::predict::{argmax, classes, encode, mean_loss, probabilities};
use crate::vocab::{Labels, Words};

mod prepare;
mod spec;
pub use spec::{EpochReport, Observer, TrainSpec};

#[derive(Serialize, Deserialize)]
struct State {
    epoch: usize,
    next_batch: usize,
    lr: f64,
    /// The best dev (accuracy, macro-F1) so far.
    best: Option<(f64, f64)>,
    bad_epochs: usize,
    /// The embeddings are not trained (pretrained vectors without fine-tuning).
    frozen: bool,
    optimizer_step: i64,
    /// Loss sum and batches of the epoch so far (a resumed epoch reports the whole epoch).
    loss_sum: f64,
    loss_batches: usize,
    history: Vec<EpochReport>,
}

/// Train a classifier as `spec` says; returns the report of every epoch (resumed ones included).
pub fn train(spec: &TrainSpec, observer: &mut dyn Observer) -> Result<Vec<EpochReport>> {
    let c = &spec.config;
    spec.model.check().and_then(|()| c.check()).map_err(Error::Config)?;
    seed_everything(c.seed, c.threads);
    arbor_nn::retain_freed_memory();
    let train_examples = read_examples(&spec.train)?;
    let dev_examples = read_examples(&spec.dev)?;
    let vectors = spec.embeddings.as_deref().map(|p| prepare::read_vectors(p, &spec.model)).transpose()?;
    let RunDir { dir, checkpoint, resuming } =
        RunDir::open(&spec.out, spec.resume, spec.force, &mut |m| observer.message(m))?;
    prepare::install_tokenizer(spec, dir.path(), resuming)?;
    let reader = text_reader(dir.path(), &spec.model, spec.device)?;
    let max = spec.model.max_tokens;
    let train_tokens = prepare::tokenize(&reader, &train_examples, &spec.train, max, observer);
    let dev_tokens = prepare::tokenize(&reader, &dev_examples, &spec.dev, max, observer);
    let (words, labels): (Words, Labels) = if resuming {
        (dir.read_json(WORDS_FILE)?, dir.read_json(LABELS_FILE)?)
    } else {
        let labels = Labels::new(train_examples.iter().map(|e| e.label.as_str()));
        (prepare::words(&train_tokens, spec, vectors.as_ref()), labels)
    };
    if labels.len() < 2 {
        let problem = format!("one label only ('{}'): a classifier needs at least two", labels.name(0));
        return Err(Error::Data { path: spec.train.clone(), problem });
    }
    let train_gold = prepare::gold(&labels, &train_examples, &spec.train)?;
    let dev_gold = prepare::gold(&labels, &dev_examples, &spec.dev)?;
    let cfg = ClassifierConfig { vocab_size: words.len() as i64, classes: labels.len() as i64, ..spec.model.clone() };
    if resuming {
        let saved: ClassifierConfig = dir.read_json(CONFIG_FILE)?;
        let changed = arbor_core::differences(&saved, &cfg, &[]);
        if !changed.is_empty() {
            return Err(Error::Input(format!(
                "--resume with other model settings or data than the checkpoint's ({}); give the same ones",
                changed.join("; ")
            )));
        }
    }
    let train_ids: Vec<Vec<i64>> = train_tokens.iter().map(|t| encode(&words, t)).collect();
    let dev_ids: Vec<Vec<i64>> = dev_tokens.iter().map(|t| encode(&words, t)).collect();
    let lengths: Vec<usize> = train_ids.iter().map(Vec::len).collect();
    let mut vs = nn::VarStore::new(spec.device);
    let mut net = ClassifierNet::new(&vs.root(), cfg.clone());
    let mut st = State {
        epoch: 1,
        next_batch: 0,
        lr: c.lr,
        best: None,
        bad_epochs: 0,
        frozen: vectors.is_some() && !c.fine_tune,
        optimizer_step: 0,
        loss_sum: 0.0,
        loss_batches: 0,
        history: Vec::new(),
    };
    let mut extra = Vec::new();
    if resuming {
        let (saved, saved_extra): (State, _) = checkpoint.load(&mut vs)?;
        st = saved;
        extra = saved_extra;
        observer.message(&format!("resuming at epoch {}, batch {}", st.epoch, st.next_batch));
    } else {
        if let Some(e) = &vectors {
            let n = prepare::init_embeddings(&mut net, &words, e);
            observer.message(&format!("{n} of {} words initialised from {} vectors", words.len(), e.len()));
        }
        dir.write_json(CONFIG_FILE, &cfg)?;
        dir.write_json(WORDS_FILE, &words)?;
        dir.write_json(LABELS_FILE, &labels)?;
    }
    if st.frozen {
        net.freeze_embeddings();
    }
    let params = arbor_nn::trainable_sorted(&vs).into_iter().map(|(_, t)| t).collect();
    let mut opt = Optimizer::new(arbor_core::OptimizerKind::Adam, params);
    if resuming {
        opt.restore(st.optimizer_step, &extra);
    }
    let weights = c.class_weights.then(|| class_weights(&train_gold, labels.len(), spec.device));
    let save_checkpoint = |st: &State, opt: &Optimizer, vs: &nn::VarStore| -> Result<()> {
        let (step, extra) = opt.state();
        let st = State { optimizer_step: step, history: st.history.clone(), ..*st };
        Ok(checkpoint.save(vs, &extra, &st)?)
    };
    while st.epoch <= c.epochs && (c.patience == 0 || st.bad_epochs < c.patience) {
        let epoch = st.epoch;
        let order = length_batches(&lengths, c.batch_size, c.seed, epoch);
        observer.epoch_start(epoch, order.len() as u64, st.next_batch as u64);
        let start = Instant::now();
        let mut texts_done = 0usize;
        for (b, batch) in order.iter().enumerate().skip(st.next_batch) {
            tch::manual_seed(mix(c.seed, epoch, b) as i64);
            let texts: Vec<&[i64]> = batch.iter().map(|&i| train_ids[i].as_slice()).collect();
            let gold: Vec<usize> = batch.iter().map(|&i| train_gold[i]).collect();
            let logits = net.forward(&texts, true); // [batch, classes]
            let loss = logits.cross_entropy_loss::<&Tensor>(
                &classes(&gold, spec.device),
                weights.as_ref(),
                Reduction::Mean,
                -100,
                0.0,
            );
            opt.minimize(&loss, st.lr, c.clip);
            let l = loss.double_value(&[]);
            if !l.is_finite() {
                return Err(Error::Input(format!("the loss became {l} at epoch {epoch}, batch {b}: lower --lr")));
            }
            st.loss_sum += l;
            st.loss_batches += 1;
            texts_done += batch.len();
            observer.step(b as u64 + 1, l, st.lr);
            if c.checkpoint_every > 0 && (b + 1) % c.checkpoint_every == 0 && b + 1 < order.len() {
                st.next_batch = b + 1;
                save_checkpoint(&st, &opt, &vs)?;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let probs = probabilities(&net, &dev_ids);
        let predicted: Vec<usize> = probs.iter().map(|p| argmax(p)).collect();
        let s = score(labels.names(), &dev_gold, &predicted);
        let best = st.best.is_none_or(|b| (s.accuracy, s.macro_f1) > b);
        let report = EpochReport {
            epoch,
            loss: st.loss_sum / st.loss_batches.max(1) as f64,
            dev_accuracy: s.accuracy,
            dev_macro_f1: s.macro_f1,
            dev_loss: mean_loss(&probs, &dev_gold),
            lr: st.lr,
            seconds,
            texts_per_second: texts_done as f64 / seconds.max(1e-9),
            best,
        };
        if best {
            st.best = Some((s.accuracy, s.macro_f1));
            st.bad_epochs = 0;
            dir.save_weights(&vs)?;
            let mut meta = Metadata::new(KIND, FORMAT_VERSION);
            meta.command = spec.command.clone();
            meta.scores.insert("dev_accuracy".into(), s.accuracy);
            meta.scores.insert("dev_macro_f1".into(), s.macro_f1);
            meta.scores.insert("epoch".into(), epoch as f64);
            dir.write_metadata(&meta)?;
        } else {
            st.bad_epochs += 1;
            st.lr *= c.lr_decay;
        }
        observer.epoch_end(&report);
        st.history.push(report);
        st.epoch += 1;
        st.next_batch = 0;
        st.loss_sum = 0.0;
        st.loss_batches = 0;
        save_checkpoint(&st, &opt, &vs)?;
    }
    if c.patience > 0 && st.bad_epochs >= c.patience && st.epoch <= c.epochs {
        observer.message(&format!("stopped early: no better dev score in {} epochs", c.patience));
    }
    Ok(st.history)
}

/// `[classes]`: the inverse of each class's training frequency, scaled so that a balanced set
/// weighs every class 1.
fn class_weights(gold: &[usize], classes: usize, device: tch::Device) -> Tensor {
    let mut counts = vec![0usize; classes];
    gold.iter().for_each(|&g| counts[g] += 1);
    let n = gold.len() as f64;
    let w: Vec<f32> = counts.iter().map(|&k| (n / (classes as f64 * k.max(1) as f64)) as f32).collect();
    Tensor::from_slice(&w).to_kind(Kind::Float).to_device(device)
}
