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
    /// The multiword-token expander (a sequence-to-sequence model; boxed: its error is large).
    #[error("multiword-token expander: {0}")]
    Expander(Box<arbor_seq2seq::Error>),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// Reading input, model directories, device names (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}

impl From<arbor_seq2seq::Error> for Error {
    fn from(e: arbor_seq2seq::Error) -> Error {
        Error::Expander(Box::new(e))
    }
}
