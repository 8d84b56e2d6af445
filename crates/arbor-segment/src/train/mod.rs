//! Training the segmenter: windows of the rebuilt training text, cross-entropy on every
//! character's label, Adam; after each epoch the development text is tokenized and scored
//! (Words F1 + Sentences F1, as `arbor eval` computes them; Words also counts multiword tokens split right) and the best model kept.

use std::collections::HashMap;
use std::time::Instant;

use arbor_core::{Metadata, OptimizerKind};
use arbor_nn::{seed_everything, trainable_sorted, Optimizer};
use arbor_text::Lexicon;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tch::Tensor;

use crate::config::{FORMAT_VERSION, KIND};
use crate::data::{paragraphs, raw_text, INSIDE};
use crate::error::{Error, Result};
use crate::evaluate::segmentation_scores;
use crate::expander::{train_expander, EXPANDER_DIR, MIN_PAIRS};
use crate::trained_tokenizer::TrainedTokenizer;
use crate::vocab::CharVocab;

mod spec;
pub use spec::{EpochReport, Observer, TrainSpec};

/// Train a tokenizer; the best model by dev Words F1 + Sentences F1 is in `spec.out`.
pub fn train(spec: &TrainSpec, observer: &mut dyn Observer) -> Result<Vec<EpochReport>> {
    let c = &spec.config;
    spec.model.check().and_then(|()| c.check()).map_err(Error::Config)?;
    let out = arbor_core::ModelDir::create_for_training(&spec.out, false, spec.force)?;
    let stale = out.file(EXPANDER_DIR);
    if stale.exists() {
        std::fs::remove_dir_all(&stale).map_err(|e| Error::Data { path: stale.clone(), problem: e.to_string() })?;
    }
    seed_everything(c.seed, c.threads);
    arbor_nn::retain_freed_memory();
    let train_sents = arbor_conllu::read_file(&spec.train)?;
    let dev_gold = arbor_conllu::read_file(&spec.dev)?;
    let (train_paras, skipped) = paragraphs(&train_sents);
    if train_paras.is_empty() {
        return Err(Error::Data {
            path: spec.train.clone(),
            problem: "no sentence with `# text` matching its tokens".into(),
        });
    }
    if skipped > 0 {
        observer.message(&format!("{skipped} training sentences left out: their tokens do not match their # text"));
    }
    let dev_text = raw_text(&paragraphs(&dev_gold).0);
    // One stream of training characters, paragraphs separated by a space (labelled INSIDE).
    let (mut chars, mut labels) = (Vec::new(), Vec::new());
    for p in &train_paras {
        chars.extend_from_slice(&p.chars);
        labels.extend_from_slice(&p.labels);
        chars.push(' ');
        labels.push(INSIDE);
    }
    let mut counts: HashMap<char, usize> = HashMap::new();
    chars.iter().for_each(|&ch| *counts.entry(ch).or_default() += 1);
    let vocab = CharVocab::from_counts(&counts, 2);
    let lexicon = Lexicon::learn(&train_sents);
    let tok = TrainedTokenizer::new(&spec.model, vocab, lexicon, spec.device);
    let params: Vec<Tensor> = trainable_sorted(&tok.vs).into_iter().map(|(_, t)| t).collect();
    let mut opt = Optimizer::new(OptimizerKind::Adam, params).with_betas(0.9, 0.9);
    let seg = c.segment.max(8);
    let n_labels = spec.model.labels();
    let mut best_score = -1.0;
    let mut history = Vec::new();
    for epoch in 1..=c.epochs {
        let started = Instant::now();
        let mut rng = ChaCha8Rng::seed_from_u64(c.seed.wrapping_add(epoch as u64));
        let offset = rng.gen_range(0..seg);
        let mut starts: Vec<usize> = (offset..chars.len().saturating_sub(1)).step_by(seg).collect();
        starts.shuffle(&mut rng);
        let batches: Vec<&[usize]> = starts.chunks(c.batch_size.max(1)).collect();
        observer.epoch_start(epoch, batches.len() as u64, 0);
        let (mut loss_sum, mut n) = (0.0, 0);
        for (k, group) in batches.iter().enumerate() {
            let windows: Vec<&[char]> = group.iter().map(|&s| &chars[s..(s + seg).min(chars.len())]).collect();
            let mut gold = vec![-100i64; group.len() * seg];
            for (b, &s) in group.iter().enumerate() {
                for (i, &l) in labels[s..(s + seg).min(chars.len())].iter().enumerate() {
                    // A model without the multiword labels learns their characters as inside.
                    gold[b * seg + i] = if l < n_labels { l } else { INSIDE };
                }
            }
            let logits = tok.model.forward(&windows, &tok.chars, spec.device, true); // [batch, seq, labels]
            let width = logits.size()[1];
            let gold = Tensor::from_slice(&gold).view([group.len() as i64, seg as i64]).narrow(1, 0, width);
            let loss = logits.view([-1, n_labels]).cross_entropy_loss::<Tensor>(
                &gold.reshape([-1]).to_device(spec.device),
                None,
                tch::Reduction::Mean,
                -100,
                0.0,
            );
            opt.minimize(&loss, c.lr, c.clip);
            let l = loss.double_value(&[]);
            loss_sum += l;
            n += 1;
            observer.step(k as u64 + 1, l, c.lr);
        }
        let (t, w, s) = segmentation_scores(&tok, &dev_text, &dev_gold)?;
        let best = w + s > best_score;
        if best {
            best_score = w + s;
            let mut meta = Metadata::new(KIND, FORMAT_VERSION);
            meta.command = spec.command.clone();
            for (k, v) in [("dev_tokens", t), ("dev_words", w), ("dev_sentences", s)] {
                meta.scores.insert(k.into(), v * 100.0);
            }
            meta.scores.insert("epoch".into(), epoch as f64);
            tok.save(&spec.out, &meta)?;
        }
        let report = EpochReport {
            epoch,
            loss: loss_sum / n.max(1) as f64,
            dev_tokens: t,
            dev_words: w,
            dev_sentences: s,
            seconds: started.elapsed().as_secs_f64(),
            best,
        };
        observer.epoch_end(&report);
        history.push(report);
    }
    if spec.model.multiword_labels {
        expander(spec, &train_sents, &dev_gold, &out, observer)?;
    }
    Ok(history)
}

/// Train the multiword-token expander after the tokenizer (when the treebank has enough
/// multiword tokens whose words do not spell them) and add its dev scores to the metadata.
fn expander(
    spec: &TrainSpec,
    train: &[arbor_conllu::Sentence],
    dev: &[arbor_conllu::Sentence],
    out: &arbor_core::ModelDir,
    observer: &mut dyn Observer,
) -> Result<()> {
    let c = &spec.config;
    let Some(r) = train_expander(train, dev, out.path(), c.seed, c.threads, spec.device)? else {
        observer.message(&format!(
            "no multiword-token expander: fewer than {MIN_PAIRS} multiword tokens whose words do not spell them"
        ));
        return Ok(());
    };
    let mut meta = arbor_core::ModelDir::metadata(out.path())?;
    for (k, v) in [
        ("expander_train_pairs", r.train_pairs as f64),
        ("expander_dev_pairs", r.dev_pairs as f64),
        ("expander_dev_unseen", r.dev_unseen as f64),
        ("expander_dev_accuracy", r.dev_accuracy * 100.0),
        ("expander_dev_unseen_accuracy", r.dev_unseen_accuracy * 100.0),
    ] {
        meta.scores.insert(k.into(), v);
    }
    out.write_metadata(&meta)?;
    observer.message(&format!(
        "multiword-token expander: {} training pairs; dev {:.2}% of {} right, {:.2}% of the {} unseen in training",
        r.train_pairs,
        r.dev_accuracy * 100.0,
        r.dev_pairs,
        r.dev_unseen_accuracy * 100.0,
        r.dev_unseen
    ));
    Ok(())
}
