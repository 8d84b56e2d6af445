//! The CPU backend: one thread per part of the source, each running the [`kernel`] over its
//! sentences and updating the shared weights without locks (as word2vec.c and gensim do). The
//! main thread reports progress about ten times a second while the workers run.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tch::Tensor;

use super::kernel::splitmix;
use super::kernel::{Params, Tables, Weights, Worker};
use super::run::{Backend, Run};
use super::source::Source;
use crate::config::Model;
use crate::error::{Error, Result};
use crate::vocab::{NoiseTable, Vocab};

/// Longest run of words trained as one sentence (as gensim).
const MAX_SENTENCE: usize = 10_000;

pub(super) struct Hogwild {
    weights: Weights,
    noise: NoiseTable,
    tables: Tables,
}

impl Hogwild {
    /// Over the CPU tensors `input` and `output`, `[vocab, dim]` each, which must outlive it.
    pub fn new(input: &mut Tensor, output: &mut Tensor, vocab: &Vocab) -> Hogwild {
        let dim = input.size()[1] as usize;
        let weights = Weights { input: input.data_ptr() as *mut f32, output: output.data_ptr() as *mut f32, dim };
        Hogwild { weights, noise: NoiseTable::new(vocab, 0.75), tables: Tables::new() }
    }
}

impl Backend for Hogwild {
    fn epoch(
        &mut self,
        run: &Run,
        source: &Source,
        epoch: usize,
        done_before: u64,
        progress: &mut dyn FnMut(u64, f64),
    ) -> Result<(f64, u64)> {
        let config = run.config;
        let params = Params {
            skip_gram: config.model == Model::SkipGram,
            window: config.window,
            negative: config.negative,
            noise: &self.noise,
            tables: &self.tables,
        };
        let parts = source.parts(config.threads)?;
        let done = AtomicU64::new(done_before);
        let loss_milli = AtomicU64::new(0);
        let predictions = AtomicU64::new(0);
        let weights = self.weights;
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .enumerate()
                .map(|(t, &part)| {
                    let (params, done, loss_milli, predictions) = (&params, &done, &loss_milli, &predictions);
                    scope.spawn(move || -> Result<()> {
                        let mut worker =
                            Worker::new(weights.dim, splitmix(config.seed ^ splitmix((epoch * 1000 + t) as u64 + 1)));
                        let mut sentence: Vec<u32> = Vec::with_capacity(MAX_SENTENCE);
                        // Train on what was gathered and publish progress and loss.
                        let flush = |worker: &mut Worker, sentence: &mut Vec<u32>, read: u64| {
                            let d = done.fetch_add(read, Ordering::Relaxed);
                            if !sentence.is_empty() {
                                worker.sentence(weights, params, sentence, run.alpha_at(d));
                                sentence.clear();
                            }
                            loss_milli.fetch_add((worker.loss * 1000.0) as u64, Ordering::Relaxed);
                            predictions.fetch_add(worker.predictions, Ordering::Relaxed);
                            worker.loss = 0.0;
                            worker.predictions = 0;
                        };
                        source.for_each_sentence(run.vocab, part, |ids| {
                            let mut read = 0u64;
                            for &id in ids {
                                read += 1;
                                if run.kept(id, || worker.next()) {
                                    sentence.push(id);
                                }
                                if sentence.len() >= MAX_SENTENCE {
                                    flush(&mut worker, &mut sentence, std::mem::take(&mut read));
                                }
                            }
                            // A line is a sentence: windows do not cross it.
                            flush(&mut worker, &mut sentence, read);
                        })
                    })
                })
                .collect();
            let mut last = (0u64, 0u64);
            while handles.iter().any(|h| !h.is_finished()) {
                std::thread::sleep(Duration::from_millis(100));
                let (l, p) = (loss_milli.load(Ordering::Relaxed), predictions.load(Ordering::Relaxed));
                let loss = if p > last.1 { (l - last.0) as f64 / 1000.0 / (p - last.1) as f64 } else { f64::NAN };
                progress(done.load(Ordering::Relaxed) - done_before, loss);
                last = (l, p);
            }
            handles
                .into_iter()
                .try_for_each(|h| h.join().unwrap_or_else(|_| Err(Error::Corpus("a training thread panicked".into()))))
        })?;
        let (l, p) = (loss_milli.load(Ordering::Relaxed), predictions.load(Ordering::Relaxed));
        Ok((l as f64 / 1000.0, p))
    }
}
