//! Arbor as an HTTP service: one copy of each model in memory for many clients in any
//! language, compatible with the UDPipe 2 REST API.
//!
//! - [`ServeConfig`] (`config`): workers, queue, size and time limits;
//! - [`ServedModel`] (`model`): a named pipeline (tokenizer, tagger + parser, lemmatizer);
//! - `engine`: the bounded queue and the workers, which gather waiting requests into one
//!   parser batch;
//! - `params`, `formats`: UDPipe's request parameters (query, form, multipart) and its
//!   horizontal/vertical formats;
//! - `api`: the routes (`/models`, `/process`, `/parse`, `/health`, `/metrics`), errors as
//!   JSON ([`Problem`]);
//! - [`Service`] (`service`): models, workers and counters, and what every route needs of them;
//! - [`router`], [`serve`] (`server`): the routes with a log line and metrics per request,
//!   served until SIGTERM/SIGINT with in-flight requests finished.

mod error;
pub use error::{Error, Result};

mod config;
pub use config::ServeConfig;

mod model;
pub use model::ServedModel;

mod engine;

mod answer;
pub use answer::Problem;

mod formats;
mod metrics;
mod params;

mod api;

mod service;
pub use service::Service;

mod server;
pub use server::{router, serve, shutdown_signal};
