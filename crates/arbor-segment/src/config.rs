//! What a trained tokenizer is and how it is trained: the network's shape ([`SegmenterConfig`],
//! `config.json` in a model directory), the training settings ([`TrainConfig`], whose `Default`
//! is the one source of every default, the CLI's included), and the model directory's kind,
//! format version and file names. No libtorch here.

use arbor_core::{Checks, MAX_LAYERS, MAX_WIDTH};
use serde::{Deserialize, Serialize};

pub const KIND: &str = "tokenizer";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const CHARS_FILE: &str = "chars.json";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmenterConfig {
    pub char_dim: i64,
    pub class_dim: i64,
    /// Hidden units per direction.
    pub hidden: i64,
    pub layers: i64,
    pub dropout: f64,
    /// Characters per window at inference (plus `context` on each side).
    pub window: usize,
    pub context: usize,
    /// Whether the model also labels multiword tokens in context (see `crate::data`); models
    /// trained before these labels existed have none, and their lexicon alone decides.
    #[serde(default)]
    pub multiword_labels: bool,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        SegmenterConfig {
            char_dim: 32,
            class_dim: 8,
            hidden: 64,
            layers: 2,
            dropout: 0.2,
            window: 1000,
            context: 64,
            multiword_labels: true,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Characters per training window.
    pub segment: usize,
    pub batch_size: usize,
    pub lr: f64,
    pub clip: f64,
    pub seed: u64,
    pub threads: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 10, segment: 200, batch_size: 32, lr: 2e-3, clip: 5.0, seed: 1, threads: 0 }
    }
}

impl SegmenterConfig {
    /// Labels the network predicts per character.
    pub fn labels(&self) -> i64 {
        if self.multiword_labels {
            crate::data::MULTIWORD_LABELS
        } else {
            crate::data::PLAIN_LABELS
        }
    }

    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("char_dim", self.char_dim, 1, MAX_WIDTH.into())
            .between("class_dim", self.class_dim, 1, MAX_WIDTH.into())
            .between("hidden", self.hidden, 1, MAX_WIDTH.into())
            .between("layers", self.layers, 1, MAX_LAYERS.into())
            .fraction("dropout", self.dropout)
            .between("window", self.window, 1, MAX_WIDTH.into())
            .finish()
    }
}

impl TrainConfig {
    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .at_least("epochs", self.epochs, 1)
            .at_least("segment", self.segment, 8)
            .at_least("batch_size", self.batch_size, 1)
            .positive("lr", self.lr)
            .positive("clip", self.clip)
            .finish()
    }
}
