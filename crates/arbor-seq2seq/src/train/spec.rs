//! What a training run is given ([`TrainSpec`]) and what it reports after each epoch.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::{Seq2seqConfig, TrainConfig};

/// What to train on and where to write.
pub struct TrainSpec {
    /// Pairs to learn from, `source<TAB>target` a line.
    pub train: PathBuf,
    /// Pairs for model selection and early stopping.
    pub dev: PathBuf,
    pub out: PathBuf,
    /// The vocabulary sizes are filled in from the training data.
    pub model: Seq2seqConfig,
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
    /// Mean cross-entropy per target symbol over the epoch's batches.
    pub loss: f64,
    /// Dev word (sequence) error rate and symbol error rate, greedy search.
    pub dev_wer: f64,
    pub dev_ser: f64,
    pub lr: f64,
    pub seconds: f64,
    pub pairs_per_second: f64,
    /// The dev score is the best so far: the model was saved.
    pub best: bool,
}

/// Progress callbacks of sequence-to-sequence training (steps are batches).
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}
