//! What a training run is given ([`TrainSpec`]) and what it reports after each epoch.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::{LmConfig, TrainConfig};

/// What to train on and where to write.
pub struct TrainSpec {
    pub train: PathBuf,
    pub valid: PathBuf,
    pub out: PathBuf,
    /// `vocab_size` is filled in from the training data.
    pub model: LmConfig,
    pub config: TrainConfig,
    pub device: Device,
    pub resume: bool,
    /// Replace a model (or checkpoint) already in `out` (otherwise that is an error).
    pub force: bool,
    /// The command line, recorded in the model's metadata.
    pub command: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EpochReport {
    pub epoch: usize,
    pub train_ppl: f64,
    pub valid_ppl: f64,
    pub lr: f64,
    pub seconds: f64,
    pub tokens_per_second: f64,
    pub improved: bool,
}

/// Progress callbacks of language-model training (steps are batches).
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}
