//! What a training run is given ([`TrainSpec`]) and what it reports after each epoch.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::{SegmenterConfig, TrainConfig};

pub struct TrainSpec {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub out: PathBuf,
    pub model: SegmenterConfig,
    pub config: TrainConfig,
    pub device: Device,
    /// Replace a model (or checkpoint) already in `out` (otherwise that is an error).
    pub force: bool,
    pub command: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EpochReport {
    pub epoch: usize,
    pub loss: f64,
    pub dev_tokens: f64,
    pub dev_words: f64,
    pub dev_sentences: f64,
    pub seconds: f64,
    pub best: bool,
}

/// Progress callbacks of tokenizer training.
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}
