//! How Word2Vec is trained: the model ([`Model`]) and every setting ([`TrainConfig`], whose
//! `Default` is the one source of the defaults, the CLI's included). No libtorch here.

use std::path::PathBuf;

use arbor_core::DeviceSpec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    #[default]
    SkipGram,
    /// Continuous bag of words over the mean of the context vectors.
    Cbow,
}

impl std::str::FromStr for Model {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "skipgram" | "skip-gram" | "sg" => Ok(Model::SkipGram),
            "cbow" => Ok(Model::Cbow),
            _ => Err(format!("unknown model '{s}': expected skipgram or cbow")),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    pub model: Model,
    pub dim: usize,
    /// Maximum distance of a context word; each position uses a random window of 1..=window.
    pub window: usize,
    /// Noise words per prediction.
    pub negative: usize,
    pub min_count: u64,
    /// Keep at most this many of the most frequent words (0: no cap).
    pub max_vocab: usize,
    /// Subsampling threshold for frequent words (0: off).
    pub sample: f64,
    pub epochs: usize,
    /// Learning rate at the start, decaying linearly to `min_alpha`.
    pub alpha: f32,
    pub min_alpha: f32,
    pub threads: usize,
    pub seed: u64,
    /// Save a checkpoint there after each epoch and resume from it when it exists.
    pub checkpoint: Option<PathBuf>,
    /// `cpu`: the hogwild kernel (fastest there); a CUDA device: the batched trainer.
    pub device: DeviceSpec,
    /// Use the batched tensor trainer on the CPU too.
    pub batched: bool,
    /// Examples per step of the batched trainer.
    pub batch_size: usize,
    /// End this run once this many epochs are done (the learning-rate schedule still spans
    /// `epochs`): a time-boxed run that a later one resumes from the checkpoint.
    pub stop_after_epochs: Option<usize>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            model: Model::SkipGram,
            dim: 100,
            window: 5,
            negative: 5,
            min_count: 5,
            max_vocab: 0,
            sample: 1e-3,
            epochs: 5,
            alpha: 0.025,
            min_alpha: 0.0001,
            threads: 2,
            seed: 1,
            checkpoint: None,
            device: DeviceSpec::Cpu,
            batched: false,
            batch_size: 16384,
            stop_after_epochs: None,
        }
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Model::SkipGram => "skipgram",
            Model::Cbow => "cbow",
        })
    }
}
