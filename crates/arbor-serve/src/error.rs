//! The crate's one error type: what can go wrong starting a service (requests get HTTP
//! answers, see `answer`).

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Loading a model.
    #[error("model '{name}': {source}")]
    Model {
        name: String,
        #[source]
        source: arbor::Error,
    },
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the service failed: {0}")]
    Io(#[from] std::io::Error),
}
