//! The workers: a bounded queue of jobs and `threads` worker threads that share the models. A
//! worker takes the next job and, while the queue holds more, gathers jobs of the same model
//! up to `batch_words` words, tokenizes each one's text, then tags, parses and lemmatizes all
//! their sentences in one call (a parser batch of many requests' sentences is several times
//! faster than one of a few), and hands each job its own sentences. A sentence's analysis does
//! not depend on its batch, so an answer is what `arbor parse` writes for the same input.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use arbor_conllu::{Sentence, Word};
use crossbeam_channel::{Receiver, Sender, TrySendError};
use tokio::sync::oneshot;

use crate::model::ServedModel;

/// What a job starts from.
pub enum Input {
    /// Text to tokenize: running text, or one sentence a line.
    Text { text: String, presegmented: bool },
    /// Sentences already tokenized (CoNLL-U, horizontal or vertical input).
    Sentences(Vec<Sentence>),
}

impl Input {
    fn words(&self) -> usize {
        match self {
            Input::Text { text, .. } => text.len() / 5 + 1,
            Input::Sentences(s) => s.iter().map(|s| s.words.len()).sum(),
        }
    }
}

/// Which analyses a job asks for (UDPipe's `tagger` and `parser`): what is not asked for is
/// left as the input had it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analyses {
    pub tag: bool,
    pub parse: bool,
}

/// Why a job has no result: its input (`internal` false), or a fault of the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub internal: bool,
    pub message: String,
}

impl Failure {
    fn input(message: impl Into<String>) -> Failure {
        Failure { internal: false, message: message.into() }
    }
}

pub type Reply = Result<Vec<Sentence>, Failure>;

pub struct Job {
    pub model: usize,
    pub input: Input,
    pub analyses: Analyses,
    pub reply: oneshot::Sender<Reply>,
}

/// The queue and its workers. Dropping it lets the workers finish the queue and stop.
pub struct Engine {
    queue: Option<Sender<Job>>,
    queued: Arc<AtomicUsize>,
    workers: Vec<JoinHandle<()>>,
}

/// The queue is full: the job was not taken.
#[derive(Debug)]
pub struct Busy;

impl Engine {
    pub fn start(models: Arc<Vec<ServedModel>>, threads: usize, queue: usize, batch_words: usize) -> Engine {
        let (tx, rx) = crossbeam_channel::bounded::<Job>(queue.max(1));
        let queued = Arc::new(AtomicUsize::new(0));
        let workers = (0..threads.max(1))
            .map(|i| {
                let (rx, models, queued) = (rx.clone(), Arc::clone(&models), Arc::clone(&queued));
                std::thread::Builder::new()
                    .name(format!("arbor-worker-{i}"))
                    .spawn(move || work(&rx, &models, &queued, batch_words))
                    .expect("the system can start a worker thread")
            })
            .collect();
        Engine { queue: Some(tx), queued, workers }
    }

    /// Queue a job, or say the queue is full.
    pub fn submit(&self, job: Job) -> Result<(), Busy> {
        let queue = self.queue.as_ref().ok_or(Busy)?;
        self.queued.fetch_add(1, Ordering::Relaxed);
        match queue.try_send(job) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.queued.fetch_sub(1, Ordering::Relaxed);
                Err(Busy)
            }
        }
    }

    /// Jobs waiting for a worker.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.queue.take();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn work(rx: &Receiver<Job>, models: &[ServedModel], queued: &AtomicUsize, batch_words: usize) {
    while let Ok(first) = rx.recv() {
        let mut words = first.input.words();
        let mut jobs = vec![first];
        while words < batch_words {
            match rx.try_recv() {
                Ok(job) => {
                    words += job.input.words();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        queued.fetch_sub(jobs.len(), Ordering::Relaxed);
        let mut by_model: Vec<Vec<Job>> = (0..models.len()).map(|_| Vec::new()).collect();
        for job in jobs {
            if let Some(list) = by_model.get_mut(job.model) {
                list.push(job);
            } else {
                let _ = job.reply.send(Err(Failure::input(format!("no model {}", job.model))));
            }
        }
        for (model, jobs) in models.iter().zip(by_model) {
            if !jobs.is_empty() {
                run(model, jobs);
            }
        }
    }
}

/// Tokenize the jobs' texts (all of them in one tokenizer call per input layout), analyse the
/// sentences of all jobs at once, answer each.
fn run(model: &ServedModel, jobs: Vec<Job>) {
    let jobs: Vec<Job> = jobs.into_iter().filter(|j| !j.reply.is_closed()).collect(); // clients gone or timed out
    let mut analyse: Vec<(Job, Vec<Sentence>)> = Vec::new();
    // A panic here (a bug) drops the jobs: their clients get a 503.
    for (job, result) in guarded(|| Ok(tokenize(model, jobs))).unwrap_or_default() {
        match result {
            Ok(sentences) if job.analyses.tag || job.analyses.parse => analyse.push((job, sentences)),
            result => {
                let _ = job.reply.send(result);
            }
        }
    }
    if analyse.is_empty() {
        return;
    }
    let counts: Vec<usize> = analyse.iter().map(|(_, s)| s.len()).collect();
    let mut all: Vec<Sentence> = analyse.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
    match guarded(|| model.pipeline.parse_sentences(&mut all).map_err(|e| Failure::input(e.to_string()))) {
        Ok(()) => {
            let mut rest = all.into_iter();
            for ((job, sentences), n) in analyse.into_iter().zip(counts) {
                let own: Vec<Sentence> = rest.by_ref().take(n).collect();
                let _ = job.reply.send(Ok(finish(own, &sentences, job.analyses)));
            }
        }
        Err(e) if analyse.len() == 1 => {
            for (job, _) in analyse {
                let _ = job.reply.send(Err(e.clone()));
            }
        }
        Err(_) => {
            // One job's input failed the batch: analyse each alone, so that only it fails.
            for (job, sentences) in analyse {
                let mut own = sentences.clone();
                let result =
                    guarded(|| model.pipeline.parse_sentences(&mut own).map_err(|e| Failure::input(e.to_string())));
                let _ = job.reply.send(result.map(|()| finish(own, &sentences, job.analyses)));
            }
        }
    }
}

/// `f`, with a panic (a bug, never an input's fault) turned into an error for the client.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Failure { internal: true, message: "an internal error occurred during processing".into() })
    })
}

/// The analysed sentences with what the job did not ask for restored from its input.
fn finish(mut analysed: Vec<Sentence>, original: &[Sentence], analyses: Analyses) -> Vec<Sentence> {
    if !(analyses.tag && analyses.parse) {
        restore(&mut analysed, original, analyses);
    }
    analysed
}

/// Each job with its sentences: the texts of all jobs of one layout tokenized together by
/// [`arbor_text::tokenize_texts`] (cut as `arbor parse` cuts an input, each job's sentences
/// numbered from 1 as `arbor parse` numbers a whole input).
fn tokenize(model: &ServedModel, jobs: Vec<Job>) -> Vec<(Job, Result<Vec<Sentence>, Failure>)> {
    let mut out: Vec<(Job, Result<Vec<Sentence>, Failure>)> = Vec::with_capacity(jobs.len());
    let mut texts: [Vec<(usize, String)>; 2] = [Vec::new(), Vec::new()];
    for mut job in jobs {
        let result = match std::mem::replace(&mut job.input, Input::Sentences(Vec::new())) {
            Input::Sentences(s) => Ok(s),
            Input::Text { text, presegmented } => match model.tokenizer(presegmented) {
                None => Err(Failure::input("this model has no tokenizer")),
                Some(_) => {
                    texts[usize::from(presegmented)].push((out.len(), text));
                    Ok(Vec::new())
                }
            },
        };
        out.push((job, result));
    }
    for (presegmented, list) in texts.iter().enumerate() {
        let Some(tokenizer) = model.tokenizer(presegmented == 1).filter(|_| !list.is_empty()) else { continue };
        let refs: Vec<&str> = list.iter().map(|(_, t)| t.as_str()).collect();
        for ((i, _), result) in list.iter().zip(arbor_text::tokenize_texts(&refs, "data", tokenizer)) {
            out[*i].1 = result.map_err(|e| Failure::input(e.to_string()));
        }
    }
    out
}

/// The columns a job did not ask to be analysed, as the input had them.
fn restore(analysed: &mut [Sentence], original: &[Sentence], analyses: Analyses) {
    for (a, o) in analysed.iter_mut().zip(original) {
        for (w, ow) in a.words.iter_mut().zip(&o.words) {
            if !analyses.tag {
                let Word { lemma, upos, xpos, feats, .. } = ow;
                (w.lemma, w.upos, w.xpos, w.feats) = (lemma.clone(), upos.clone(), xpos.clone(), feats.clone());
            }
            if !analyses.parse {
                (w.head, w.deprel, w.deps) = (ow.head, ow.deprel.clone(), ow.deps.clone());
            }
        }
    }
}
