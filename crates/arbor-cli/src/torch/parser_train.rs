//! `arbor parser train` (also `arbor train parser`): a BiLSTM transition parser with a joint
//! tagger from CoNLL-U treebanks. Every default comes from `arbor_parser`'s configs.

use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_core::DeviceSpec;
use arbor_nn::Resolve;
use arbor_parser::train::{train, TrainSpec};
use arbor_parser::{ParserConfig, TrainConfig};

use crate::progress::TrainBars;

/// `arbor parser ...`.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    Train(Args),
}

fn c() -> TrainConfig {
    TrainConfig::default()
}

fn m() -> ParserConfig {
    ParserConfig::default()
}

/// Train a parser and tagger: dev LAS after each epoch, the best model kept in --out, a
/// checkpoint in --out/checkpoint (`--resume` continues from it).
#[derive(clap::Args, Debug)]
pub struct Args {
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
    #[arg(long, default_value_t = c().epochs)]
    pub epochs: usize,
    /// Sentences per batch.
    #[arg(long, default_value_t = c().batch_size)]
    pub batch_size: usize,
    #[arg(long, default_value_t = c().lr)]
    pub lr: f64,
    /// Stop after this many epochs without a better dev LAS (0: never).
    #[arg(long, default_value_t = c().patience)]
    pub patience: usize,
    /// Multiply the learning rate by this after --decay-patience epochs without a better dev LAS.
    #[arg(long, default_value_t = c().lr_decay)]
    pub lr_decay: f64,
    #[arg(long, default_value_t = c().decay_patience)]
    pub decay_patience: usize,
    /// Probability of following a wrong prediction during training (dynamic oracle).
    #[arg(long, default_value_t = c().explore)]
    pub explore: f64,
    #[arg(long, default_value_t = m().word_dim)]
    pub word_dim: i64,
    #[arg(long, default_value_t = m().lstm_hidden)]
    pub lstm_hidden: i64,
    #[arg(long, default_value_t = m().lstm_layers)]
    pub lstm_layers: i64,
    #[arg(long, default_value_t = m().mlp_hidden)]
    pub mlp_hidden: i64,
    #[arg(long, default_value_t = m().dropout)]
    pub dropout: f64,
    #[arg(long, default_value_t = c().seed)]
    pub seed: u64,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = c().threads)]
    pub threads: usize,
    #[arg(long, default_value = "cpu")]
    pub device: DeviceSpec,
    /// Continue from --out/checkpoint.
    #[arg(long)]
    pub resume: bool,
    /// Replace a model already in --out (without it, that is an error).
    #[arg(long)]
    pub force: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(a: &Args) -> Result<()> {
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
        force: a.force,
        command: Some(arbor_cli::command_line()),
    };
    let history = train(&spec, &mut TrainBars::new(a.quiet))
        .with_context(|| format!("training a parser on {}", a.train.display()))?;
    if let Some(best) = history.iter().rfind(|r| r.best) {
        eprintln!("best dev LAS {:.2} (epoch {}) -> {}", best.dev_las * 100.0, best.epoch, a.out.display());
    }
    Ok(())
}
