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

mod error;
pub use error::{Error, Result};

pub mod data;

mod model;
pub use model::{CharVocab, SegmenterConfig, SegmenterModel};

mod segmenter;
pub use segmenter::{TrainedTokenizer, FORMAT_VERSION, KIND};

pub mod train;
