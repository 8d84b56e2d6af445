//! Training: count words, build the vocabulary and tables, then run the kernel over the corpus
//! for each epoch with one thread per part of the file. The learning rate decays linearly over
//! all epochs with the number of words read by all threads together. Weights live in libtorch
//! tensors (a `VarStore`), so a checkpoint after each epoch is an ordinary safetensors file.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use arbor_nn::Checkpoint;
use serde::{Deserialize, Serialize};
use tch::{nn, Device};

use crate::corpus::Corpus;
use crate::embeddings::Embeddings;
use crate::error::{Error, Result};
use crate::kernel::{Params, Tables, Weights, Worker};
use crate::vocab::{NoiseTable, Vocab};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    #[default]
    SkipGram,
    /// Continuous bag of words over the mean of the context vectors.
    Cbow,
}

impl std::str::FromStr for Model {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "skipgram" | "skip-gram" | "sg" => Ok(Model::SkipGram),
            "cbow" => Ok(Model::Cbow),
            _ => Err(format!("unknown model '{s}': expected skipgram or cbow")),
        }
    }
}

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub model: Model,
    pub dim: usize,
    /// Maximum distance of a context word; each position uses a random window of 1..=window.
    pub window: usize,
    /// Noise words per prediction.
    pub negative: usize,
    pub min_count: u64,
    /// Keep at most this many of the most frequent words (0: no cap).
    pub max_vocab: usize,
    /// Subsampling threshold for frequent words (0: off).
    pub sample: f64,
    pub epochs: usize,
    /// Learning rate at the start, decaying linearly to `min_alpha`.
    pub alpha: f32,
    pub min_alpha: f32,
    pub threads: usize,
    pub seed: u64,
    /// Save a checkpoint there after each epoch and resume from it when it exists.
    pub checkpoint: Option<PathBuf>,
    /// Train with batched tensor operations on this device (the trainer for CUDA) instead of
    /// the hogwild kernel, `batch` examples a step.
    pub batched: Option<(Device, usize)>,
    /// End this run once this many epochs are done (the learning-rate schedule still spans
    /// `epochs`): a time-boxed run that a later one resumes from the checkpoint.
    pub stop_after_epochs: Option<usize>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            model: Model::SkipGram,
            dim: 100,
            window: 5,
            negative: 5,
            min_count: 5,
            max_vocab: 0,
            sample: 1e-3,
            epochs: 5,
            alpha: 0.025,
            min_alpha: 0.0001,
            threads: 2,
            seed: 1,
            checkpoint: None,
            batched: None,
            stop_after_epochs: None,
        }
    }
}

/// Reported about ten times a second while training.
#[derive(Clone, Debug)]
pub struct Progress {
    pub epoch: usize,
    /// Words read so far (over all epochs) and in all.
    pub words: u64,
    pub total_words: u64,
    pub alpha: f32,
    /// Mean -log σ per prediction since the last report.
    pub loss: f64,
    pub words_per_second: f64,
}

/// Longest run of words trained as one sentence (as gensim).
const MAX_SENTENCE: usize = 10_000;

enum Source<'a> {
    File(&'a Corpus),
    Memory(&'a [Vec<u32>]),
}

#[derive(Serialize, Deserialize)]
pub(crate) struct State {
    pub epochs_done: usize,
    pub vocab_size: usize,
    pub dim: usize,
}

/// word2vec's initialisation of the input vectors, `[v, dim]`: uniform in ±0.5/dim, from the seed.
pub(crate) fn initial_vectors(seed: u64, v: usize, dim: usize) -> tch::Tensor {
    let mut rng = Worker::new(dim, splitmix(seed));
    let init: Vec<f32> =
        (0..v * dim).map(|_| ((rng.next() >> 40) as f32 / (1u64 << 24) as f32 - 0.5) / dim as f32).collect();
    tch::Tensor::from_slice(&init).view([v as i64, dim as i64])
}

pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
    x ^ (x >> 31)
}

fn check(config: &TrainConfig) -> Result<()> {
    let bad = |m: &str| Err(Error::Config(m.into()));
    match () {
        _ if config.dim == 0 => bad("dim must be positive"),
        _ if config.window == 0 => bad("window must be positive"),
        _ if config.epochs == 0 => bad("epochs must be positive"),
        _ if config.threads == 0 => bad("threads must be positive"),
        _ if config.alpha.is_nan() || config.alpha <= 0.0 => bad("alpha must be positive"),
        _ => Ok(()),
    }
}

/// Train on a corpus file, streamed from disk (memory: vocabulary and weights only).
pub fn train<F: FnMut(&Progress)>(corpus: &Corpus, config: &TrainConfig, progress: F) -> Result<Embeddings> {
    check(config)?;
    let counts = corpus.count_words()?;
    if counts.is_empty() {
        return Err(Error::Corpus(format!("{}: empty corpus: no words to train on", corpus.path.display())));
    }
    let vocab = vocab_from(counts, config)?;
    match config.batched {
        Some((device, batch)) => crate::batched::run(&vocab, corpus, config, device, batch.max(1), progress),
        None => run(&vocab, Source::File(corpus), config, progress),
    }
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
    run(&vocab, Source::Memory(&ids), config, |_| {})
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

fn run<F: FnMut(&Progress)>(
    vocab: &Vocab,
    source: Source,
    config: &TrainConfig,
    mut progress: F,
) -> Result<Embeddings> {
    let (v, dim) = (vocab.len(), config.dim);
    let mut vs = nn::VarStore::new(Device::Cpu);
    let mut input = vs.root().zeros_no_train("input", &[v as i64, dim as i64]);
    let output = vs.root().zeros_no_train("output", &[v as i64, dim as i64]);
    let weights = Weights { input: input.data_ptr() as *mut f32, output: output.data_ptr() as *mut f32, dim };
    tch::no_grad(|| input.copy_(&initial_vectors(config.seed, v, dim)));
    let mut epochs_done = 0;
    let checkpoint = config.checkpoint.as_ref().map(Checkpoint::new);
    if let Some(ck) = checkpoint.as_ref().filter(|c| c.exists()) {
        let (state, _): (State, _) = ck.load(&mut vs)?;
        if state.vocab_size != v || state.dim != dim {
            return Err(Error::Config(format!(
                "{}: the checkpoint is for {} words x {} dimensions, this run has {v} x {dim}",
                ck.dir().display(),
                state.vocab_size,
                state.dim
            )));
        }
        epochs_done = state.epochs_done;
    }
    let keep = vocab.keep_thresholds(config.sample);
    let noise = NoiseTable::new(vocab, 0.75);
    let tables = Tables::new();
    let params = Params {
        skip_gram: config.model == Model::SkipGram,
        window: config.window,
        negative: config.negative,
        noise: &noise,
        tables: &tables,
    };
    let words_per_epoch = match &source {
        Source::File(_) => vocab.total(),
        Source::Memory(s) => s.iter().map(|x| x.len() as u64).sum(),
    };
    let total = words_per_epoch * config.epochs as u64;
    let parts: Vec<(u64, u64)> = match &source {
        Source::File(c) => c.split(config.threads)?,
        Source::Memory(s) => (0..config.threads)
            .map(|t| ((s.len() * t / config.threads) as u64, (s.len() * (t + 1) / config.threads) as u64))
            .collect(),
    };
    let done = AtomicU64::new(words_per_epoch * epochs_done as u64);
    let loss_milli = AtomicU64::new(0);
    let predictions = AtomicU64::new(0);
    let alpha_at = |d: u64| {
        (config.alpha - (config.alpha - config.min_alpha) * (d as f32 / total.max(1) as f32)).max(config.min_alpha)
    };
    let started = Instant::now();
    let done_at_start = done.load(Ordering::Relaxed);
    let last_epoch = config.stop_after_epochs.map_or(config.epochs, |s| s.min(config.epochs));
    for epoch in epochs_done..last_epoch {
        let result: Result<()> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .enumerate()
                .map(|(t, &(start, end))| {
                    let (params, keep, done, loss_milli, predictions, source) =
                        (&params, &keep, &done, &loss_milli, &predictions, &source);
                    scope.spawn(move || -> Result<()> {
                        let mut worker =
                            Worker::new(dim, splitmix(config.seed ^ splitmix((epoch * 1000 + t) as u64 + 1)));
                        let mut sentence: Vec<u32> = Vec::with_capacity(MAX_SENTENCE);
                        // Train on what was gathered and publish progress and loss.
                        let flush = |worker: &mut Worker, sentence: &mut Vec<u32>, read: u64| {
                            let d = done.fetch_add(read, Ordering::Relaxed);
                            if !sentence.is_empty() {
                                worker.sentence(weights, params, sentence, alpha_at(d));
                                sentence.clear();
                            }
                            loss_milli.fetch_add((worker.loss * 1000.0) as u64, Ordering::Relaxed);
                            predictions.fetch_add(worker.predictions, Ordering::Relaxed);
                            worker.loss = 0.0;
                            worker.predictions = 0;
                        };
                        let mut read = 0u64;
                        let push = |worker: &mut Worker, sentence: &mut Vec<u32>, id: u32, read: &mut u64| {
                            *read += 1;
                            if keep[id as usize] >= 1 << 32 || keep[id as usize] > (worker.next() & 0xFFFF_FFFF) {
                                sentence.push(id);
                            }
                            if sentence.len() >= MAX_SENTENCE {
                                flush(worker, sentence, std::mem::take(read));
                            }
                        };
                        match source {
                            Source::File(corpus) => corpus.for_each_line(start, end, |line| {
                                corpus.tokenization.tokens(line, |tok| {
                                    if let Some(id) = vocab.id(tok) {
                                        push(&mut worker, &mut sentence, id, &mut read);
                                    }
                                });
                                // A line is a sentence: windows do not cross it.
                                flush(&mut worker, &mut sentence, std::mem::take(&mut read));
                            })?,
                            Source::Memory(all) => {
                                for s in &all[start as usize..end as usize] {
                                    for &id in s {
                                        push(&mut worker, &mut sentence, id, &mut read);
                                    }
                                    flush(&mut worker, &mut sentence, std::mem::take(&mut read));
                                }
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            // Report while the workers run.
            let mut last = (Instant::now(), 0u64, 0u64);
            while handles.iter().any(|h| !h.is_finished()) {
                std::thread::sleep(Duration::from_millis(100));
                let (l, p) = (loss_milli.load(Ordering::Relaxed), predictions.load(Ordering::Relaxed));
                let d = done.load(Ordering::Relaxed);
                progress(&Progress {
                    epoch: epoch + 1,
                    words: d,
                    total_words: total,
                    alpha: alpha_at(d),
                    loss: if p > last.2 { (l - last.1) as f64 / 1000.0 / (p - last.2) as f64 } else { f64::NAN },
                    words_per_second: (d - done_at_start) as f64 / started.elapsed().as_secs_f64().max(1e-9),
                });
                last = (Instant::now(), l, p);
            }
            handles
                .into_iter()
                .try_for_each(|h| h.join().unwrap_or_else(|_| Err(Error::Corpus("a training thread panicked".into()))))
        });
        result?;
        if let Some(ck) = &checkpoint {
            ck.save(&vs, &[], &State { epochs_done: epoch + 1, vocab_size: v, dim })?;
        }
    }
    let vectors: Vec<f32> = Vec::<f32>::try_from(input.flatten(0, 1))
        .map_err(|e| Error::Corpus(format!("cannot read the trained vectors: {e}")))?;
    drop(output);
    Ok(Embeddings::new(vocab.words().to_vec(), dim, vectors))
}
