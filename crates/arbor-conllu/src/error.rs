//! The crate's one error type. Every variant that comes from input names the source and line.

use std::fmt;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in an input a problem sits: the source's name (a path, or `<stdin>`) and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub source: String,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// Errors of reading, writing, validating and evaluating CoNLL-U.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O failure while reading or writing.
    #[error("{source_name}: {error}")]
    Io {
        source_name: String,
        #[source]
        error: std::io::Error,
    },
    /// Bytes that are not UTF-8.
    #[error("{at}: invalid UTF-8 at byte offset {byte_offset} of the input")]
    Utf8 { at: Location, byte_offset: u64 },
    /// A line that breaks the CoNLL-U format.
    #[error("{at}: {problem}")]
    Format { at: Location, problem: String },
    /// A well-formed sentence whose tree is not a tree (see [`crate::validate`]).
    #[error("{at}: {problem}")]
    Tree { at: Location, problem: String },
    /// Gold and system files cannot be evaluated against each other.
    #[error("{0}")]
    Eval(String),
}

impl Error {
    /// The location the error points at, when it has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Utf8 { at, .. } | Error::Format { at, .. } | Error::Tree { at, .. } => Some(at),
            _ => None,
        }
    }
}
