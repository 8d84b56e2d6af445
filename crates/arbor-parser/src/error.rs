//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A training or evaluation file that cannot be used (no sentences, no trees ...).
    #[error("{path}: {problem}")]
    Data { path: PathBuf, problem: String },
    /// Settings out of range (see `ParserConfig::check`, `TrainConfig::check`).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A sentence the parser cannot take.
    #[error("invalid input: {0}")]
    Input(String),
    #[error(transparent)]
    Conllu(#[from] arbor_conllu::Error),
    #[error(transparent)]
    Transition(#[from] arbor_transition::Error),
    #[error(transparent)]
    Embeddings(#[from] arbor_word2vec::Error),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// Reading input, model directories, device names (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}
