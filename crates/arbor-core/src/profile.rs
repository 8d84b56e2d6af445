//! Where the time of a run goes, stage by stage (`arbor parse --profile`).
//!
//! Off by default: [`time`] then costs one relaxed atomic load. Once [`enable`]d, every timed
//! section adds its wall time to its [`Stage`]'s counter; with several workers the counters add
//! the time of all threads (CPU-seconds spent in each stage, not elapsed time). libtorch runs
//! CPU operations synchronously, so a section around tensor calls measures them; on CUDA,
//! kernels run asynchronously and their time shows up wherever the results are first read.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The tokenizer's character BiLSTM.
    TokenizerModel,
    /// Tokens, multiword words and sentences from the labels (rules and lexicon).
    TokenizerRules,
    /// Word and character ids into tensors.
    Batching,
    /// The parser's character BiLSTM (one vector per distinct form).
    CharLstm,
    /// The sentence BiLSTM.
    SentenceLstm,
    /// The tagger MLP and the choice of tags.
    Tagger,
    /// The transition MLP's first layer and greedy decoding.
    Transitions,
    /// Lemmas (and stems).
    Lemmatizer,
    /// Formatting and writing the output.
    Write,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::TokenizerModel,
        Stage::TokenizerRules,
        Stage::Batching,
        Stage::CharLstm,
        Stage::SentenceLstm,
        Stage::Tagger,
        Stage::Transitions,
        Stage::Lemmatizer,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::TokenizerModel => "tokenizer BiLSTM",
            Stage::TokenizerRules => "tokenizer rules + lexicon",
            Stage::Batching => "batching (ids → tensors)",
            Stage::CharLstm => "parser character BiLSTM",
            Stage::SentenceLstm => "sentence BiLSTM",
            Stage::Tagger => "tagger MLP",
            Stage::Transitions => "transition scoring + decoding",
            Stage::Lemmatizer => "lemmatizer",
            Stage::Write => "format + write output",
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; Stage::ALL.len()] = [const { AtomicU64::new(0) }; Stage::ALL.len()];

/// Start counting (counters are process-wide).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Run `f`, adding its wall time to `stage` when profiling is on.
pub fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    add(stage, start.elapsed());
    out
}

/// Add `d` to `stage` (for sections that are not one closure).
pub fn add(stage: Stage, d: Duration) {
    if enabled() {
        NANOS[stage as usize].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
}

/// The time counted in each stage so far.
pub fn totals() -> Vec<(Stage, Duration)> {
    Stage::ALL.iter().map(|&s| (s, Duration::from_nanos(NANOS[s as usize].load(Ordering::Relaxed)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_count_only_once_enabled() {
        time(Stage::Write, || std::thread::sleep(Duration::from_millis(2)));
        let before = totals()[Stage::Write as usize].1;
        assert_eq!(before, Duration::ZERO);
        enable();
        let x = time(Stage::Write, || {
            std::thread::sleep(Duration::from_millis(3));
            7
        });
        assert_eq!(x, 7);
        assert!(totals()[Stage::Write as usize].1 >= Duration::from_millis(3));
        assert_eq!(Stage::ALL.iter().enumerate().filter(|(i, s)| **s as usize != *i).count(), 0);
    }
}
