//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {problem}")]
    Format { path: PathBuf, problem: String },
    #[error("{0}")]
    Corpus(String),
    #[error("'{0}' is not in the vocabulary")]
    UnknownWord(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Checkpoint(#[from] arbor_nn::Error),
    /// Reading input, model directories, device names (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}

/// An I/O error on `path`, as the shared [`arbor_core::Error::Io`].
pub(crate) fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> Error + Copy + '_ {
    move |error| Error::Core(arbor_core::Error::Io { path: path.to_path_buf(), error })
}
