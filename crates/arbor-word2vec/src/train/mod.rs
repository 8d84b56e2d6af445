//! Training, one skeleton for both backends: check the config, count words and build the
//! vocabulary, initialise the weights ([`crate::model::Word2Vec`]), resume from a checkpoint, run the epochs with a learning rate that decays linearly over all of them with
//! the number of words read, checkpoint after each epoch, and read the vectors out.
//!
//! The backends differ only in how an epoch updates the weights: [`hogwild`] (the CPU kernel
//! in [`kernel`], one thread per part of the corpus, lock-free) or [`batched`] (tensor
//! operations over batches of examples, on any libtorch device: the CUDA path).

use std::time::Instant;

use arbor_nn::{Checkpoint, Resolve};
use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::TrainConfig;
use crate::corpus::Corpus;
use crate::embeddings::Embeddings;
use crate::error::{Error, Result};
use crate::model::Word2Vec;
use crate::vocab::Vocab;

mod batched;
mod hogwild;
pub(crate) mod kernel;
mod run;
mod source;

use run::{Backend, Run};
use source::Source;

/// Reported after each epoch.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EpochReport {
    pub epoch: usize,
    /// Corpus words read in this epoch (before subsampling).
    pub words: u64,
    pub seconds: f64,
    pub words_per_second: f64,
    /// Mean -log σ per prediction over the epoch (NaN when nothing was predicted).
    pub loss: f64,
    /// The learning rate at the epoch's end.
    pub alpha: f64,
}

/// Progress callbacks of Word2Vec training: steps are corpus words, reported about ten times
/// a second.
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}

#[derive(Serialize, Deserialize)]
struct State {
    epochs_done: usize,
    vocab_size: usize,
    dim: usize,
}

fn check(config: &TrainConfig) -> Result<()> {
    arbor_core::Checks::new()
        .at_least("dim", config.dim, 1)
        .at_least("window", config.window, 1)
        .at_least("negative", config.negative, 1)
        .at_least("epochs", config.epochs, 1)
        .at_least("threads", config.threads, 1)
        .at_least("batch_size", config.batch_size, 1)
        .positive("alpha", f64::from(config.alpha))
        .at_least("min_alpha", f64::from(config.min_alpha), 0.0)
        .at_least("sample", config.sample, 0.0)
        .finish()
        .map_err(Error::Config)
}

/// Train on a corpus file, streamed from disk (memory: vocabulary and weights only).
pub fn train(corpus: &Corpus, config: &TrainConfig, observer: &mut dyn Observer) -> Result<Embeddings> {
    check(config)?;
    let counts = corpus.count_words()?;
    if counts.is_empty() {
        return Err(Error::Corpus(format!("{}: empty corpus: no words to train on", corpus.path.display())));
    }
    let vocab = vocab_from(counts, config)?;
    run(&vocab, Source::File(corpus), config, observer)
}

/// Train on sentences from any iterator (held in memory as word ids).
pub fn train_sentences<'a>(sentences: impl IntoIterator<Item = &'a str>, config: &TrainConfig) -> Result<Embeddings> {
    check(config)?;
    let lines: Vec<&str> = sentences.into_iter().collect();
    let mut counts = std::collections::HashMap::new();
    for l in &lines {
        for w in l.split_whitespace() {
            *counts.entry(w.to_string()).or_insert(0u64) += 1;
        }
    }
    if counts.is_empty() {
        return Err(Error::Corpus("empty corpus: no words to train on".into()));
    }
    let vocab = vocab_from(counts, config)?;
    let ids: Vec<Vec<u32>> = lines.iter().map(|l| l.split_whitespace().filter_map(|w| vocab.id(w)).collect()).collect();
    run(&vocab, Source::Memory(&ids), config, &mut ())
}

fn vocab_from(counts: std::collections::HashMap<String, u64>, config: &TrainConfig) -> Result<Vocab> {
    let distinct = counts.len();
    let vocab = Vocab::from_counts(counts, config.min_count, config.max_vocab);
    if vocab.is_empty() {
        return Err(Error::Corpus(format!(
            "no word occurs at least {} times (min-count) among the {distinct} distinct words; lower --min-count",
            config.min_count
        )));
    }
    Ok(vocab)
}

fn run(vocab: &Vocab, source: Source, config: &TrainConfig, observer: &mut dyn Observer) -> Result<Embeddings> {
    let device = config.device.resolve()?;
    let batched = config.batched || device.is_cuda();
    let (v, dim) = (vocab.len(), config.dim);
    let Word2Vec { mut vs, mut input, mut output } =
        Word2Vec::new(v, dim, config.seed, if batched { device } else { Device::Cpu });
    let mut epochs_done = 0;
    let checkpoint = config.checkpoint.as_ref().map(Checkpoint::new);
    if let Some(ck) = checkpoint.as_ref().filter(|c| c.exists()) {
        let state: State = ck.state()?;
        if state.vocab_size != v || state.dim != dim {
            return Err(Error::Config(format!(
                "{}: the checkpoint is for {} words x {} dimensions, this run has {v} x {dim}",
                ck.dir().display(),
                state.vocab_size,
                state.dim
            )));
        }
        ck.load::<State>(&mut vs)?;
        epochs_done = state.epochs_done;
    }
    let words_per_epoch = source.words(vocab);
    let run = Run {
        vocab,
        config,
        keep: vocab.keep_thresholds(config.sample),
        total: words_per_epoch * config.epochs as u64,
    };
    let mut backend: Box<dyn Backend + '_> = if batched {
        tch::manual_seed(config.seed as i64);
        Box::new(batched::Batched::new(&mut input, &mut output, &run, config.batch_size))
    } else {
        Box::new(hogwild::Hogwild::new(&mut input, &mut output, vocab))
    };
    let last_epoch = config.stop_after_epochs.map_or(config.epochs, |s| s.min(config.epochs));
    for epoch in epochs_done..last_epoch {
        let started = Instant::now();
        let done_before = words_per_epoch * epoch as u64;
        observer.epoch_start(epoch + 1, words_per_epoch, 0);
        let (loss, predictions) = backend.epoch(&run, &source, epoch, done_before, &mut |done, loss| {
            observer.step(done, loss, f64::from(run.alpha_at(done_before + done)))
        })?;
        if let Some(ck) = &checkpoint {
            ck.save(&vs, &[], &State { epochs_done: epoch + 1, vocab_size: v, dim })?;
        }
        let seconds = started.elapsed().as_secs_f64();
        observer.epoch_end(&EpochReport {
            epoch: epoch + 1,
            words: words_per_epoch,
            seconds,
            words_per_second: words_per_epoch as f64 / seconds.max(1e-9),
            loss: if predictions > 0 { loss / predictions as f64 } else { f64::NAN },
            alpha: f64::from(run.alpha_at(done_before + words_per_epoch)),
        });
    }
    drop(backend);
    Word2Vec { vs, input, output }.into_embeddings(vocab)
}
