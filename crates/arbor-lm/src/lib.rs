//! LSTM language models on libtorch, word or character level.
//!
//! - [`LmConfig`], [`TrainConfig`] (`config`): the network's shape, the training settings;
//! - [`Vocab`], [`Level`]: tokens of a line (whitespace-separated words, or characters) plus
//!   `<eos>` at each line end; unknown tokens map to `<unk>`;
//! - [`LstmLm`]: embedding → multi-layer LSTM (fused kernel) → linear decoder,
//!   optional weight tying, dropout on embeddings and outputs;
//! - [`train`]: truncated BPTT carrying the hidden state across batches, gradient clipping,
//!   SGD with annealing on plateau or Adam, checkpoint/resume with the optimizer state;
//! - [`LanguageModel`]: a trained model directory with `perplexity`, `score` and `generate`;
//! - [`evaluate`]: cross-entropy and perplexity over a token stream.
//!
//! ```
//! use arbor_lm::train::{train, TrainSpec};
//! use arbor_lm::{LanguageModel, Level, LmConfig, OptimizerKind, Precision, Sampling, TrainConfig};
//! # fn main() -> arbor_lm::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let text = dir.path().join("text.txt");
//! std::fs::write(&text, "the cat sat on the mat\nthe dog sat on the log\n".repeat(30)).unwrap();
//! let spec = TrainSpec {
//!     train: text.clone(),
//!     valid: text.clone(),
//!     out: dir.path().join("model"),
//!     model: LmConfig { level: Level::Word, vocab_size: 0, emsize: 16, nhid: 16, layers: 1, dropout: 0.0, tied: true },
//!     config: TrainConfig {
//!         epochs: 3, lr: 0.02, clip: 0.25, bptt: 8, batch_size: 4, eval_batch_size: 2,
//!         optimizer: OptimizerKind::Adam, anneal: 4.0, seed: 1, threads: 1, checkpoint_every: 0,
//!         precision: Precision::F32,
//!     },
//!     device: tch::Device::Cpu,
//!     resume: false,
//!     force: false,
//!     command: None,
//! };
//! train(&spec, &mut ())?;
//!
//! let lm = LanguageModel::load(dir.path().join("model"), tch::Device::Cpu)?;
//! let ppl = lm.perplexity(&text, 2, 8)?.perplexity;
//! assert!(ppl < lm.vocab().len() as f64); // better than guessing uniformly
//! let (log_prob, tokens) = lm.score("the cat sat on the mat");
//! assert!(log_prob < 0.0 && tokens == 7);
//! let greedy = Sampling { temperature: 0.0, ..Sampling::default() };
//! let text = lm.generate("the", 5, &greedy, 0)?;
//! assert!(text.starts_with("the"));
//! # Ok(())
//! # }
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{LmConfig, TrainConfig, CONFIG_FILE, FORMAT_VERSION, KIND, VOCAB_FILE};

mod vocab;
pub use vocab::{Level, Vocab, EOS, UNK};

mod corpus;
pub use corpus::{batchify, read_ids};

mod model;
pub use model::LstmLm;

pub use arbor_core::{OptimizerKind, Precision};

pub mod train;

mod sample;
pub use sample::Sampling;

mod language_model;
pub use language_model::LanguageModel;

pub mod evaluate;
pub use evaluate::Perplexity;
