//! The crate's one error type.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A training treebank whose LEMMA column is `_` throughout.
    #[error("{source_name}: no word has a lemma (every LEMMA is '_'), so there is nothing to learn lemmas from")]
    NoLemmas { source_name: String },
    #[error("{path}: {problem}")]
    Config { path: String, problem: String },
    /// Reading input or a model directory (see `arbor_core::Error`).
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
    #[error(transparent)]
    Conllu(#[from] arbor_conllu::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
