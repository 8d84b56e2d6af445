//! How a service runs ([`ServeConfig`]): its `Default` is the one source of the defaults
//! (`arbor serve`'s included).

use std::time::Duration;

use arbor_core::Checks;

#[derive(Clone, Debug, PartialEq)]
pub struct ServeConfig {
    /// Workers that tokenize, tag and parse (each on one core).
    pub threads: usize,
    /// Requests waiting for a worker at most; one more is answered 503.
    pub queue: usize,
    /// The largest request body, in bytes; a larger one is answered 413.
    pub max_request_bytes: usize,
    /// A request is answered 503 when its result is not ready after this long (queue wait
    /// included), and 408 when its body has not arrived after this long.
    pub timeout: Duration,
    /// Words a worker gathers from waiting requests into one parser batch.
    pub batch_words: usize,
    /// One line per request on stderr.
    pub log: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            threads: 1,
            queue: 256,
            max_request_bytes: 16 << 20,
            timeout: Duration::from_secs(60),
            batch_words: arbor::parser::BATCH_WORDS,
            log: true,
        }
    }
}

impl ServeConfig {
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("threads", self.threads, 1, 1024)
            .between("queue", self.queue, 1, 1 << 20)
            .at_least("max_request_bytes", self.max_request_bytes, 1)
            .at_least("timeout (seconds)", self.timeout.as_secs_f64(), 0.001)
            .at_least("batch_words", self.batch_words, 1)
            .finish()
    }
}
