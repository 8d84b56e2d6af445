//! What a language model is and how it is trained: the network's shape ([`LmConfig`],
//! `config.json` in a model directory), the training settings ([`TrainConfig`]), each with the
//! `Default` that is the one source of its defaults (the CLI's included), and the model
//! directory's kind, format version and file names. No libtorch here.

use arbor_core::{Checks, OptimizerKind, Precision, MAX_LAYERS, MAX_WIDTH};
use serde::{Deserialize, Serialize};

use crate::vocab::Level;

/// Model kind and format version in `metadata.json`.
pub const KIND: &str = "lm";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const VOCAB_FILE: &str = "vocab.json";

/// The model's shape; `config.json` of a model directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LmConfig {
    pub level: Level,
    pub vocab_size: i64,
    pub emsize: i64,
    pub nhid: i64,
    pub layers: i64,
    pub dropout: f64,
    /// Share the embedding matrix with the decoder (needs `emsize == nhid`).
    pub tied: bool,
}

impl Default for LmConfig {
    fn default() -> Self {
        LmConfig { level: Level::Word, vocab_size: 0, emsize: 200, nhid: 200, layers: 2, dropout: 0.2, tied: false }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrainConfig {
    pub epochs: usize,
    pub lr: f64,
    pub clip: f64,
    pub bptt: i64,
    pub batch_size: usize,
    pub eval_batch_size: usize,
    pub optimizer: OptimizerKind,
    /// SGD: divide the learning rate by this when validation perplexity does not improve.
    pub anneal: f64,
    pub seed: u64,
    /// libtorch intra-op threads (0: libtorch's default).
    pub threads: usize,
    /// Also checkpoint every this many batches (0: only at epoch ends).
    pub checkpoint_every: usize,
    /// The output layer's matrix products in training (evaluation is always f32).
    #[serde(default)]
    pub precision: Precision,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 40,
            lr: 20.0,
            clip: 0.25,
            bptt: 35,
            batch_size: 20,
            eval_batch_size: 10,
            optimizer: OptimizerKind::Sgd,
            anneal: 4.0,
            seed: 1111,
            threads: 0,
            checkpoint_every: 200,
            precision: Precision::F32,
        }
    }
}

impl LmConfig {
    /// Every setting in its range, or what is wrong (`vocab_size` comes from the data).
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("emsize", self.emsize, 1, MAX_WIDTH.into())
            .between("nhid", self.nhid, 1, MAX_WIDTH.into())
            .between("layers", self.layers, 1, MAX_LAYERS.into())
            .fraction("dropout", self.dropout)
            .finish()
    }
}

impl TrainConfig {
    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .at_least("epochs", self.epochs, 1)
            .positive("lr", self.lr)
            .positive("clip", self.clip)
            .at_least("bptt", self.bptt, 1)
            .at_least("batch_size", self.batch_size, 1)
            .at_least("eval_batch_size", self.eval_batch_size, 1)
            .positive("anneal", self.anneal)
            .finish()
    }
}
