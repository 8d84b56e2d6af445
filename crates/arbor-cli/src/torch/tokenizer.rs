//! The tokenizer commands that need libtorch: `arbor tokenizer train` (the character BiLSTM;
//! `--rules` goes to the lexicon learner) and `arbor tokenize` with a trained tokenizer.

use anyhow::{Context, Result};
use arbor_cli::commands::{tokenize, tokenizer_train};
use arbor_nn::Resolve;
use arbor_segment::train::{train, TrainSpec};
use arbor_segment::{SegmenterConfig, TrainConfig};

use crate::progress::TrainBars;

pub fn run(a: &tokenizer_train::Args) -> Result<()> {
    let Some(dev) = a.dev.as_ref().filter(|_| !a.rules) else {
        return tokenizer_train::run_rules(a);
    };
    let (c, m) = (TrainConfig::default(), SegmenterConfig::default());
    let spec = TrainSpec {
        train: a.train.clone(),
        dev: dev.clone(),
        out: a.out.clone(),
        model: SegmenterConfig { hidden: a.hidden.unwrap_or(m.hidden), layers: a.layers.unwrap_or(m.layers), ..m },
        config: TrainConfig {
            epochs: a.epochs.unwrap_or(c.epochs),
            seed: a.seed.unwrap_or(c.seed),
            threads: a.threads.unwrap_or(c.threads),
            ..c
        },
        device: a.device.resolve()?,
        force: a.force,
        command: Some(arbor_cli::command_line()),
    };
    let history = train(&spec, &mut TrainBars::new(a.quiet))
        .with_context(|| format!("training a tokenizer on {}", a.train.display()))?;
    if let Some(b) = history.iter().rfind(|r| r.best) {
        eprintln!(
            "best dev Tokens {:.2} Words {:.2} Sentences {:.2} (epoch {}) -> {}",
            b.dev_tokens * 100.0,
            b.dev_words * 100.0,
            b.dev_sentences * 100.0,
            b.epoch,
            a.out.display()
        );
    }
    Ok(())
}

/// `arbor tokenize` with whichever tokenizer the arguments name.
pub fn tokenize(a: &tokenize::Args) -> Result<()> {
    if let Some(rules) = a.rule_tokenizer()? {
        return tokenize::run(a, &rules);
    }
    // Not the rule tokenizer: the directory holds a trained one. One libtorch thread per
    // worker (`--threads` workers), as in `arbor parse`.
    tch::set_num_threads(1);
    let dir = a.model_dir()?;
    let t = arbor_segment::TrainedTokenizer::load(&dir, a.device.resolve()?)
        .with_context(|| format!("cannot load the tokenizer {}", dir.display()))?;
    tokenize::run(a, &t.with_mode(a.mode()))
}
