//! `arbor train parser`: a BiLSTM transition parser with a joint tagger from CoNLL-U treebanks.

use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_nn::DeviceSpec;
use arbor_parser::train::{train, TrainConfig, TrainSpec};
use arbor_parser::ParserConfig;

use crate::progress::TrainBars;

/// Train a parser and tagger: dev LAS after each epoch, the best model kept in --out, a
/// checkpoint in --out/checkpoint (`--resume` continues from it).
#[derive(clap::Args, Debug)]
pub struct ParserArgs {
    /// Training treebank (CoNLL-U with heads and labels).
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank (model selection, early stopping).
    #[arg(long)]
    pub dev: PathBuf,
    /// Pretrained word vectors (word2vec text or binary) to initialise word embeddings.
    #[arg(long)]
    pub embeddings: Option<PathBuf>,
    /// Output model directory.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 30)]
    pub epochs: usize,
    /// Sentences per batch.
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    #[arg(long, default_value_t = 2e-3)]
    pub lr: f64,
    /// Stop after this many epochs without a better dev LAS (0: never).
    #[arg(long, default_value_t = 6)]
    pub patience: usize,
    /// Multiply the learning rate by this after --decay-patience epochs without a better dev LAS.
    #[arg(long, default_value_t = 0.5)]
    pub lr_decay: f64,
    #[arg(long, default_value_t = 2)]
    pub decay_patience: usize,
    /// Probability of following a wrong prediction during training (dynamic oracle).
    #[arg(long, default_value_t = 0.1)]
    pub explore: f64,
    #[arg(long, default_value_t = 100)]
    pub word_dim: i64,
    #[arg(long, default_value_t = 200)]
    pub lstm_hidden: i64,
    #[arg(long, default_value_t = 2)]
    pub lstm_layers: i64,
    #[arg(long, default_value_t = 200)]
    pub mlp_hidden: i64,
    #[arg(long, default_value_t = 0.33)]
    pub dropout: f64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[arg(long, default_value = "cpu")]
    pub device: DeviceSpec,
    /// Continue from --out/checkpoint.
    #[arg(long)]
    pub resume: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(a: &ParserArgs) -> Result<()> {
    let device = a.device.resolve()?;
    let model = ParserConfig {
        word_dim: a.word_dim,
        lstm_hidden: a.lstm_hidden,
        lstm_layers: a.lstm_layers,
        mlp_hidden: a.mlp_hidden,
        dropout: a.dropout,
        ..ParserConfig::default()
    };
    let config = TrainConfig {
        epochs: a.epochs,
        batch_size: a.batch_size,
        lr: a.lr,
        seed: a.seed,
        threads: a.threads,
        explore: a.explore,
        patience: a.patience,
        lr_decay: a.lr_decay,
        decay_patience: a.decay_patience,
        ..TrainConfig::default()
    };
    let spec = TrainSpec {
        train: a.train.clone(),
        dev: a.dev.clone(),
        embeddings: a.embeddings.clone(),
        out: a.out.clone(),
        model,
        config,
        device,
        resume: a.resume,
        command: Some(std::env::args().collect::<Vec<_>>().join(" ")),
    };
    let history = train(&spec, &mut TrainBars::new(a.quiet))
        .with_context(|| format!("training a parser on {}", a.train.display()))?;
    if let Some(best) = history.iter().rfind(|r| r.best) {
        eprintln!("best dev LAS {:.2} (epoch {}) -> {}", best.dev_las * 100.0, best.epoch, a.out.display());
    }
    Ok(())
}
