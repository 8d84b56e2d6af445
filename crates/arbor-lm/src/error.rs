//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("{path}:{line}: invalid UTF-8 at byte offset {byte_offset}")]
    Utf8 { path: PathBuf, line: usize, byte_offset: u64 },
    #[error("{path}: {problem}")]
    Data { path: PathBuf, problem: String },
    #[error("invalid input: {0}")]
    Input(String),
    #[error("model mismatch: {0}")]
    Mismatch(String),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
}
