//! The crate's one error type. Errors from input name the input and, where there is one, the line.

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
    /// Bytes that are not UTF-8: the input's name, the 1-based line, the byte offset in the input.
    #[error("{source_name}:{line}: invalid UTF-8 at byte offset {byte_offset} of the input")]
    Utf8 { source_name: String, line: usize, byte_offset: u64 },
    #[error("{path}: invalid JSON: {error}")]
    Json {
        path: PathBuf,
        #[source]
        error: serde_json::Error,
    },
    #[error("{path}: {problem}")]
    ModelDir { path: PathBuf, problem: String },
    #[error("{path}: model format version {found} of kind '{kind}', but this build of Arbor reads version {expected}; retrain the model or use the Arbor release that wrote it")]
    Version { path: PathBuf, kind: String, found: u32, expected: u32 },
    #[error("invalid device '{given}': expected auto, cpu, cuda or cuda:N")]
    InvalidDevice { given: String },
    #[error("device '{requested}' was requested but {reason}")]
    CudaUnavailable { requested: String, reason: String },
}
