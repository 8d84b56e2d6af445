//! Training: teacher forcing over length-bucketed batches, cross-entropy over the target
//! symbols (padding ignored), global-norm gradient clipping, Adam. After each epoch the dev
//! pairs are decoded greedily; the model with the lowest dev word error rate (then symbol
//! error rate) is written to the output directory, the learning rate is multiplied by
//! `lr_decay` when the dev score does not improve, and training stops after `patience` such
//! epochs. A checkpoint every `checkpoint_every` batches and at each epoch end allows
//! `resume`; each batch's dropout is seeded from (seed, epoch, batch), so a resumed run
//! continues exactly as the uninterrupted one would (same seed and thread count).

use std::time::Instant;

use arbor_core::Metadata;
use arbor_nn::{length_batches, mix, seed_everything, Optimizer, RunDir, Weights};
use serde::{Deserialize, Serialize};
use tch::{nn, Reduction};

use crate::apply::predict;
use crate::config::{
    Decoding, Seq2seqConfig, CONFIG_FILE, FEATURES_FILE, FORMAT_VERSION, KIND, SOURCE_FILE, TARGET_FILE,
};
use crate::data::{read_pairs, references, Pair};
use crate::error::{Error, Result};
use crate::evaluate::score;
use crate::model::Seq2seqNet;
use crate::vocab::{Level, Symbols, Vocabs, PAD};

mod batches;
mod spec;
pub use batches::Batch;
pub use spec::{EpochReport, Observer, TrainSpec};

#[derive(Serialize, Deserialize)]
struct State {
    epoch: usize,
    next_batch: usize,
    lr: f64,
    /// The best dev (word, symbol) error rates so far.
    best: Option<(f64, f64)>,
    bad_epochs: usize,
    optimizer_step: i64,
    /// Loss sum and batches of the epoch so far (a resumed epoch reports the whole epoch).
    loss_sum: f64,
    loss_batches: usize,
    history: Vec<EpochReport>,
}

/// The tables of the training pairs (a feature table when the pairs have features).
fn vocabs_of(pairs: &[Pair], model: &Seq2seqConfig) -> Vocabs {
    let (mut source, mut target) = (Symbols::new(model.source_level), Symbols::new(model.target_level));
    let mut features = Symbols::new(Level::Token);
    for p in pairs {
        source.add(&p.source);
        target.add(&p.target);
        features.add(&p.features);
    }
    let featured = pairs.first().is_some_and(|p| !p.features.is_empty());
    Vocabs { source, target, features: featured.then_some(features) }
}

/// Train a model as `spec` says; returns the report of every epoch (resumed ones included).
pub fn train(spec: &TrainSpec, observer: &mut dyn Observer) -> Result<Vec<EpochReport>> {
    let c = &spec.config;
    spec.model.check().and_then(|()| c.check()).map_err(Error::Config)?;
    seed_everything(c.seed, c.threads);
    arbor_nn::retain_freed_memory();
    let pairs = read_pairs(&spec.train, spec.model.source_level, spec.model.max_source)?;
    let dev = references(&read_pairs(&spec.dev, spec.model.source_level, spec.model.max_source)?);
    let RunDir { dir, checkpoint, resuming } =
        RunDir::open(&spec.out, spec.resume, spec.force, &mut |m| observer.message(m))?;
    let vocabs = if resuming {
        let features =
            dir.file(FEATURES_FILE).is_file().then(|| dir.read_json::<Symbols>(FEATURES_FILE)).transpose()?;
        Vocabs { source: dir.read_json(SOURCE_FILE)?, target: dir.read_json(TARGET_FILE)?, features }
    } else {
        vocabs_of(&pairs, &spec.model)
    };
    let (source, target) = (&vocabs.source, &vocabs.target);
    let mut cfg = spec.model.clone();
    cfg.source_vocab_size = source.len() as i64;
    cfg.target_vocab_size = target.len() as i64;
    cfg.feature_vocab_size = vocabs.features.as_ref().map_or(0, |f| f.len() as i64);
    if cfg.feature_vocab_size == 0 {
        cfg.feature_dim = 0;
    } else if cfg.feature_dim == 0 {
        return Err(Error::Config("the pairs have source features: feature_dim must be at least 1".into()));
    }
    if resuming {
        let saved: Seq2seqConfig = dir.read_json(CONFIG_FILE)?;
        let changed = arbor_core::differences(&saved, &cfg, &[]);
        if !changed.is_empty() {
            return Err(Error::Input(format!(
                "--resume with other model settings or data than the checkpoint's ({}); give the same ones",
                changed.join("; ")
            )));
        }
    }
    let feature_ids = |f: &str| vocabs.features.as_ref().map_or_else(Vec::new, |t| t.encode(f).0);
    let encoded: Vec<(Vec<i64>, Vec<i64>, Vec<i64>)> = pairs
        .iter()
        .map(|p| (source.encode(&p.source).0, feature_ids(&p.features), target.encode(&p.target).0))
        .collect();
    let lengths: Vec<usize> = encoded.iter().map(|(s, _, _)| s.len()).collect();
    let mut vs = nn::VarStore::new(spec.device);
    let net = Seq2seqNet::new(&vs.root(), cfg.clone());
    let params = arbor_nn::trainable_sorted(&vs).into_iter().map(|(_, t)| t).collect();
    let mut opt = Optimizer::new(arbor_core::OptimizerKind::Adam, params);
    let mut st = State {
        epoch: 1,
        next_batch: 0,
        lr: c.lr,
        best: None,
        bad_epochs: 0,
        optimizer_step: 0,
        loss_sum: 0.0,
        loss_batches: 0,
        history: Vec::new(),
    };
    if resuming {
        let (saved, extra): (State, _) = checkpoint.load(&mut vs)?;
        opt.restore(saved.optimizer_step, &extra);
        st = saved;
        observer.message(&format!("resuming at epoch {}, batch {}", st.epoch, st.next_batch));
    } else {
        dir.write_json(CONFIG_FILE, &cfg)?;
        dir.write_json(SOURCE_FILE, source)?;
        dir.write_json(TARGET_FILE, target)?;
        if let Some(f) = &vocabs.features {
            dir.write_json(FEATURES_FILE, f)?;
        }
    }
    let save_checkpoint = |st: &State, opt: &Optimizer, vs: &nn::VarStore| -> Result<()> {
        let (step, extra) = opt.state();
        let st = State { optimizer_step: step, history: st.history.clone(), ..*st };
        Ok(checkpoint.save(vs, &extra, &st)?)
    };
    let dev_inputs: Vec<(&str, &str)> = dev.iter().map(|r| (r.source.as_str(), r.features.as_str())).collect();
    let dev_refs: Vec<Vec<String>> = dev.iter().map(|r| r.targets.clone()).collect();
    while st.epoch <= c.epochs && (c.patience == 0 || st.bad_epochs < c.patience) {
        let epoch = st.epoch;
        let order = length_batches(&lengths, c.batch_size, c.seed, epoch);
        observer.epoch_start(epoch, order.len() as u64, st.next_batch as u64);
        let start = Instant::now();
        let mut pairs_done = 0usize;
        for (b, batch) in order.iter().enumerate().skip(st.next_batch) {
            tch::manual_seed(mix(c.seed, epoch, b) as i64);
            let srcs: Vec<&[i64]> = batch.iter().map(|&i| encoded[i].0.as_slice()).collect();
            let feats: Vec<&[i64]> = batch.iter().map(|&i| encoded[i].1.as_slice()).collect();
            let tgts: Vec<&[i64]> = batch.iter().map(|&i| encoded[i].2.as_slice()).collect();
            let feats = vocabs.features.is_some().then_some(feats.as_slice());
            let x = Batch::new(&srcs, feats, &tgts, spec.device);
            let logits = net.forward(&x.source, &x.lengths, x.features.as_ref(), &x.target_in, true); // [batch, steps, vocab]
            let loss = logits.flatten(0, 1).cross_entropy_loss::<tch::Tensor>(
                &x.target_out.flatten(0, 1), // [batch * steps]
                None,
                Reduction::Mean,
                PAD,
                0.0,
            );
            opt.minimize(&loss, st.lr, c.clip);
            let l = loss.double_value(&[]);
            if !l.is_finite() {
                return Err(Error::Input(format!("the loss became {l} at epoch {epoch}, batch {b}: lower --lr")));
            }
            st.loss_sum += l;
            st.loss_batches += 1;
            pairs_done += batch.len();
            observer.step(b as u64 + 1, l, st.lr);
            if c.checkpoint_every > 0 && (b + 1) % c.checkpoint_every == 0 && b + 1 < order.len() {
                st.next_batch = b + 1;
                save_checkpoint(&st, &opt, &vs)?;
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        let outputs = predict(&net, &vocabs, &dev_inputs, &Decoding::default(), false);
        let texts: Vec<String> = outputs.into_iter().map(|mut o| o.predictions.swap_remove(0).text).collect();
        let s = score(target.level, &dev_refs, &texts);
        let best = st.best.is_none_or(|b| (s.wer, s.ser) < b);
        let report = EpochReport {
            epoch,
            loss: st.loss_sum / st.loss_batches.max(1) as f64,
            dev_wer: s.wer,
            dev_ser: s.ser,
            lr: st.lr,
            seconds,
            pairs_per_second: pairs_done as f64 / seconds.max(1e-9),
            best,
        };
        if best {
            st.best = Some((s.wer, s.ser));
            st.bad_epochs = 0;
            dir.save_weights(&vs)?;
            let mut meta = Metadata::new(KIND, FORMAT_VERSION);
            meta.command = spec.command.clone();
            meta.scores.insert("dev_wer".into(), s.wer);
            meta.scores.insert("dev_ser".into(), s.ser);
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
