//! What a training run is given ([`TrainSpec`]) and what it reports after each epoch.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::{ParserConfig, TrainConfig};

pub struct TrainSpec {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub embeddings: Option<PathBuf>,
    pub out: PathBuf,
    pub model: ParserConfig,
    pub config: TrainConfig,
    pub device: Device,
    pub resume: bool,
    /// Replace a model (or checkpoint) already in `out` (otherwise that is an error).
    pub force: bool,
    pub command: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EpochReport {
    pub epoch: usize,
    pub loss: f64,
    pub dev_las: f64,
    pub dev_uas: f64,
    pub dev_upos: f64,
    pub seconds: f64,
    pub best: bool,
}

/// Progress callbacks of parser training.
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}
