//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A training or development file that cannot be used.
    #[error("{path}: {problem}")]
    Data { path: PathBuf, problem: String },
    /// Settings out of range (see `SegmenterConfig::check`, `TrainConfig::check`).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A rule tokenizer's lexicon.
    #[error(transparent)]
    Text(#[from] arbor_text::Error),
    #[error(transparent)]
    Conllu(#[from] arbor_conllu::Error),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// Reading input, model directories, device names (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}
