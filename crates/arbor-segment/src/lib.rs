//! A trained tokenizer and sentence splitter: a character BiLSTM labels every character as
//! inside a token, a token end or a sentence end (trained from any CoNLL-U file whose raw text
//! is rebuilt from `# text`, `# newpar` and `# newdoc`); multiword tokens are split by the
//! lexicon learned from the same file (see `arbor_text::Lexicon`).
//!
//! - [`data`]: training text and labels from a treebank;
//! - [`SegmenterModel`], [`SegmenterConfig`]: the network;
//! - [`train::train`]: training with dev Tokens/Sentences F1 after each epoch;
//! - [`TrainedTokenizer`]: a model directory that loads by itself and implements
//!   [`arbor_text::Tokenizer`].
//!
//! ```
//! use arbor_text::Tokenizer;
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt-tokenizer");
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

pub mod data;

mod model;
pub use model::{CharVocab, SegmenterConfig, SegmenterModel};

mod segmenter;
pub use segmenter::{TrainedTokenizer, FORMAT_VERSION, KIND};

pub mod train;
