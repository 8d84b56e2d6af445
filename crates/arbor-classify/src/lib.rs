//! An LSTM text classifier on libtorch — sentiment analysis and any labelled text: text →
//! Arbor's tokenizer → word embeddings (random, or word2vec vectors) → BiLSTM → pooling →
//! softmax over the classes.
//!
//! - [`ClassifierConfig`], [`TrainConfig`], [`Pooling`], [`Tokenization`] (`config`): the
//!   network's shape and text handling, the training settings;
//! - [`Words`], [`Labels`] (`vocab`): the vocabulary and classes on the shared table;
//! - [`read_examples`] (`data`): `label<TAB>text` files, errors naming file and line;
//! - [`TextReader`] (`text`): texts → tokens (rule tokenizer, whitespace, or a tokenizer
//!   model), lowercasing, the cut at `max_tokens`;
//! - [`ClassifierNet`] (`model`): the network;
//! - [`train`]: bucketed training with Adam, dev selection, early stopping, checkpoint/resume;
//! - [`Classifier`] (`classifier`): a model directory, loaded by itself, applied to texts;
//! - [`evaluate`]: accuracy, macro-F1, per-class precision/recall, confusion matrix.
//!
//! ```
//! use arbor_classify::train::{train, TrainSpec};
//! use arbor_classify::{Classifier, ClassifierConfig, TrainConfig};
//! # fn main() -> arbor_classify::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let data = dir.path().join("data.tsv");
//! std::fs::write(&data, "pos\ta fine film\nneg\ta dull film\n".repeat(10)).unwrap();
//! let spec = TrainSpec {
//!     train: data.clone(),
//!     dev: data.clone(),
//!     out: dir.path().join("model"),
//!     model: ClassifierConfig { embedding: 8, hidden: 8, ..ClassifierConfig::default() },
//!     config: TrainConfig { epochs: 2, threads: 1, ..TrainConfig::default() },
//!     embeddings: None,
//!     tokenizer: None,
//!     device: tch::Device::Cpu,
//!     resume: false,
//!     force: false,
//!     command: None,
//! };
//! let reports = train(&spec, &mut ())?;
//! assert_eq!(reports.len(), 2);
//! let model = Classifier::load(dir.path().join("model"), tch::Device::Cpu)?;
//! let predictions = model.predict(&["a fine film", ""]);
//! assert_eq!(predictions.len(), 2);
//! assert_eq!(predictions[0].probabilities.len(), 2);
//! # Ok(())
//! # }
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{
    ClassifierConfig, Pooling, Tokenization, TrainConfig, CONFIG_FILE, FORMAT_VERSION, KIND, LABELS_FILE,
    MAX_TOKENS_LIMIT, TOKENIZER_DIR, WORDS_FILE,
};

mod vocab;
pub use vocab::{Labels, Words, PAD, UNK};

mod data;
pub use data::{read_examples, Example};

mod text;
pub use text::{TextReader, Tokens};

mod model;
pub use model::ClassifierNet;

mod predict;
pub use predict::{argmax, Prediction};

pub mod train;

mod classifier;
pub use classifier::Classifier;

pub mod evaluate;
pub use evaluate::Scores;
