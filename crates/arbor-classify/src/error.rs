//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A problem at a line of an input file.
    #[error("{path}:{line}: {problem}")]
    Line { path: PathBuf, line: usize, problem: String },
    #[error("{path}: {problem}")]
    Data { path: PathBuf, problem: String },
    #[error("invalid input: {0}")]
    Input(String),
    /// Settings out of range (see `ClassifierConfig::check`, `TrainConfig::check`).
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("model mismatch: {0}")]
    Mismatch(String),
    /// Loading the tokenizer a model reads its texts with.
    #[error(transparent)]
    Tokenizer(#[from] arbor_segment::Error),
    /// Reading pretrained vectors.
    #[error(transparent)]
    Vectors(#[from] arbor_word2vec::Error),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// Reading input, model directories, device names (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}
