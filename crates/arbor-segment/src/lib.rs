//! A trained tokenizer and sentence splitter: a character BiLSTM labels every character as
//! inside a token, a token end or a sentence end (trained from any CoNLL-U file whose raw text
//! is rebuilt from `# text`, `# newpar` and `# newdoc`), and (with the multiword labels) which
//! tokens are multiword tokens, in context; their words come from the lexicon learned from the
//! same file (see `arbor_text::Lexicon`), or from the [`Expander`] for tokens it does not know.
//!
//! - [`SegmenterConfig`], [`TrainConfig`] (`config`): the network's shape, the training settings;
//! - [`CharVocab`]: the characters the network knows;
//! - [`data`]: training text and labels from a treebank;
//! - [`SegmenterModel`]: the network;
//! - [`train::train`]: training with dev Tokens/Sentences F1 after each epoch;
//! - [`TrainedTokenizer`]: a model directory that loads by itself and implements
//!   [`arbor_text::Tokenizer`]; [`load_tokenizer`]: a tokenizer directory of either kind
//!   (trained or rules) by its metadata;
//! - [`Expander`] (`expander`): token → words for unknown multiword tokens (arbor-seq2seq);
//! - [`evaluate`]: Tokens / Words / Sentences F1 on raw text.
//!
//! ```
//! use arbor_text::Tokenizer;
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/tokenizer");
//! let tokenizer = arbor_segment::TrainedTokenizer::load(dir, tch::Device::Cpu).unwrap();
//! let sentences = tokenizer.tokenize("I can't come. It's late!");
//! assert_eq!(sentences.len(), 2);
//! let words: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
//! assert_eq!(words, ["I", "ca", "n't", "come", "."]);
//! // "can't" is one token (offsets 2..7 of the input) of two words.
//! let mwt = &sentences[0].multiwords[0];
//! assert_eq!((mwt.form.as_str(), mwt.misc_value("TokenRange")), ("can't", Some("2:7")));
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{SegmenterConfig, TrainConfig, CHARS_FILE, CONFIG_FILE, FORMAT_VERSION, KIND};

mod vocab;
pub use vocab::CharVocab;

pub mod data;

pub mod decode;

mod model;
pub use model::SegmenterModel;

mod trained_tokenizer;
pub use trained_tokenizer::TrainedTokenizer;

pub mod expander;
pub use expander::Expander;

mod load;
pub use load::load_tokenizer;

pub mod evaluate;

pub mod train;
