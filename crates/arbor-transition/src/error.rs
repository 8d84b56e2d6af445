//! The crate's one error type.

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gold tree that is not a tree.
    #[error("not a dependency tree: {0}")]
    NotATree(String),
    /// An oracle that did not reach its tree (a bug, reported rather than looping).
    #[error("the oracle did not rebuild the tree: {0}")]
    Oracle(String),
}
