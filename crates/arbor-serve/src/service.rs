//! [`Service`]: the models, the workers and the counters behind the routes, and what every
//! route needs of them (the request body within its limits, the model by name, the work queued
//! and its result awaited).

use std::sync::Arc;

use arbor_conllu::Sentence;
use axum::body::Body;
use axum::http::StatusCode;
use tokio::sync::oneshot;

use crate::answer::Problem;
use crate::config::ServeConfig;
use crate::engine::{Analyses, Engine, Input, Job};
use crate::error::{Error, Result};
use crate::metrics::Metrics;
use crate::model::ServedModel;
use crate::params::read_body;

pub struct Service {
    pub models: Arc<Vec<ServedModel>>,
    /// Index of the model a request without `model` gets.
    pub default: usize,
    pub config: ServeConfig,
    pub metrics: Metrics,
    pub(crate) engine: Engine,
}

impl Service {
    /// Start the workers over `models` (the first is the default).
    pub fn new(models: Vec<ServedModel>, config: ServeConfig) -> Result<Service> {
        config.check().map_err(Error::Config)?;
        if models.is_empty() {
            return Err(Error::Config("a service needs at least one model".into()));
        }
        let mut names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(Error::Config(format!("two models are called '{}'", w[0])));
        }
        let models = Arc::new(models);
        let engine = Engine::start(Arc::clone(&models), config.threads, config.queue, config.batch_words);
        Ok(Service { models, default: 0, config, metrics: Metrics::default(), engine })
    }
}

impl Service {
    /// A request body, within the size limit and the time limit.
    pub(crate) async fn read(&self, body: Body) -> Result<axum::body::Bytes, Problem> {
        match tokio::time::timeout(self.config.timeout, read_body(body, self.config.max_request_bytes)).await {
            Ok(result) => result,
            Err(_) => Err(Problem::new(StatusCode::REQUEST_TIMEOUT, "the request body did not arrive in time")),
        }
    }

    /// The index of the model called `name` (the default for none).
    pub(crate) fn model(&self, name: Option<&str>) -> Result<usize, Problem> {
        match name {
            None | Some("") => Ok(self.default),
            Some(n) => self
                .models
                .iter()
                .position(|m| m.name == n)
                .ok_or_else(|| Problem::bad_request(format!("The requested model '{n}' does not exist."))),
        }
    }

    /// Queue the work and wait for its result.
    pub(crate) async fn analyse(
        &self,
        model: usize,
        input: Input,
        analyses: Analyses,
    ) -> Result<Vec<Sentence>, Problem> {
        let (reply, result) = oneshot::channel();
        if self.engine.submit(Job { model, input, analyses, reply }).is_err() {
            self.metrics.rejected.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Err(Problem::new(StatusCode::SERVICE_UNAVAILABLE, "the service is busy: try again later"));
        }
        let unavailable = |m: String| Problem::new(StatusCode::SERVICE_UNAVAILABLE, m);
        let sentences = match tokio::time::timeout(self.config.timeout, result).await {
            Err(_) => return Err(unavailable(format!("no result within {} s", self.config.timeout.as_secs_f64()))),
            Ok(Err(_)) => {
                return Err(unavailable("the request was dropped (the service is stopping, or failed)".into()))
            }
            Ok(Ok(Err(f))) if f.internal => return Err(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, f.message)),
            Ok(Ok(Err(f))) => return Err(Problem::bad_request(f.message)),
            Ok(Ok(Ok(s))) => s,
        };
        self.metrics.analysed(sentences.len(), sentences.iter().map(|s| s.words.len()).sum());
        Ok(sentences)
    }
}
