//! LSTM language models on libtorch, word or character level.
//!
//! - [`Vocab`], [`Level`]: tokens of a line (whitespace-separated words, or characters) plus
//!   `<eos>` at each line end; unknown tokens map to `<unk>`;
//! - [`LstmLm`], [`LmConfig`]: embedding → multi-layer LSTM (fused kernel) → linear decoder,
//!   optional weight tying, dropout on embeddings and outputs;
//! - [`train`]: truncated BPTT carrying the hidden state across batches, gradient clipping,
//!   SGD with annealing on plateau or Adam, checkpoint/resume with the optimizer state;
//! - [`LanguageModel`]: a trained model directory with `perplexity`, `score` and `generate`.

mod error;
pub use error::{Error, Result};

mod vocab;
pub use vocab::{Level, Vocab, EOS, UNK};

mod corpus;
pub use corpus::{batchify, for_each_line, for_each_line_in, read_ids};

mod model;
pub use model::{LmConfig, LstmLm};

mod optim;
pub use optim::{Optimizer, OptimizerKind};

pub mod train;

mod sample;
pub use sample::Sampling;

mod language_model;
pub use language_model::{LanguageModel, Perplexity, FORMAT_VERSION, KIND};
