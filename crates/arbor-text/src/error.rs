//! The crate's one error type.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("unknown stemmer language '{name}': choose one of {choices}")]
    UnknownStemmer { name: String, choices: String },
    #[error("{0}")]
    Lexicon(String),
    /// Reading input or a model directory (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
