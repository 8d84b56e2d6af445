//! The crate's one error type.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("invalid device '{given}': expected auto, cpu, cuda or cuda:N")]
    InvalidDevice { given: String },
    #[error("device '{requested}' was requested but {reason}")]
    CudaUnavailable { requested: String, reason: String },
    #[error("{path}: {problem}")]
    ModelDir { path: PathBuf, problem: String },
    #[error("{path}: model format version {found} of kind '{kind}', but this build of Arbor reads version {expected}; retrain the model or use the Arbor release that wrote it")]
    Version { path: PathBuf, kind: String, found: u32, expected: u32 },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("{path}: invalid JSON: {error}")]
    Json {
        path: PathBuf,
        #[source]
        error: serde_json::Error,
    },
    #[error("{path}: {error}")]
    Torch {
        path: PathBuf,
        #[source]
        error: tch::TchError,
    },
}
