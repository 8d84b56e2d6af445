//! What a training run is given ([`TrainSpec`]) and what it reports after each epoch.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tch::Device;

use crate::config::{ClassifierConfig, TrainConfig};

/// What to train on and where to write.
pub struct TrainSpec {
    /// `label<TAB>text` lines to learn from.
    pub train: PathBuf,
    /// `label<TAB>text` lines for model selection, learning-rate decay and early stopping.
    pub dev: PathBuf,
    pub out: PathBuf,
    /// The vocabulary size and classes are filled in from the training data.
    pub model: ClassifierConfig,
    pub config: TrainConfig,
    /// word2vec vectors (text or binary) to initialise the word embeddings with.
    pub embeddings: Option<PathBuf>,
    /// The tokenizer model directory (rule or trained) when `model.tokenization` is `Model`:
    /// copied into the model directory, so that the classifier loads by itself.
    pub tokenizer: Option<PathBuf>,
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
    /// Mean cross-entropy over the epoch's batches.
    pub loss: f64,
    pub dev_accuracy: f64,
    pub dev_macro_f1: f64,
    /// Mean cross-entropy on dev.
    pub dev_loss: f64,
    pub lr: f64,
    pub seconds: f64,
    pub texts_per_second: f64,
    /// The dev score is the best so far: the model was saved.
    pub best: bool,
}

/// Progress callbacks of classifier training (steps are batches).
pub trait Observer: arbor_core::Observer<EpochReport> {}
impl<T: arbor_core::Observer<EpochReport>> Observer for T {}
