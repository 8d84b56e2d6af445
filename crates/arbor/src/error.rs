//! The library side's error type ([`crate::Pipeline`]); the command itself uses `anyhow`.

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Parser(#[from] arbor_parser::Error),
    #[error(transparent)]
    Tokenizer(#[from] arbor_segment::Error),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
}
