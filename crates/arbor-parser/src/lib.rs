//! A BiLSTM transition-based dependency parser with a joint tagger (Kiperwasser & Goldberg
//! 2016 family) on libtorch.
//!
//! - [`ParserConfig`], [`TrainConfig`] (`config`): the model's shape and the training settings;
//! - [`Vocab`]: words, characters, UPOS/XPOS/FEATS values and labels from a treebank;
//! - [`ParserModel`]: word + character-BiLSTM embeddings → 2-layer BiLSTM →
//!   tagger MLP and a transition MLP over s0, s1, s2, b0, b1;
//! - [`train::train`]: batched training with the dynamic oracle's error exploration, Adam,
//!   clipping, dev LAS per epoch, best model kept, early stopping, resume;
//! - [`Parser`]: a model directory that loads by itself; [`Parser::parse`] tags and parses a
//!   batch of sentences with greedy batched decoding (arc-hybrid with swap, from
//!   `arbor-transition`);
//! - [`evaluate`]: LAS/UAS/UPOS of a parser on a treebank.
//!
//! ```
//! use arbor_conllu::{Sentence, Word};
//! # fn main() -> arbor_parser::Result<()> {
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/parser");
//! let parser = arbor_parser::Parser::load(dir, tch::Device::Cpu)?;
//! let words = ["She", "reads", "old", "books", "."].map(Word::new);
//! let mut batch = vec![Sentence::from_words(Vec::from(words))];
//! parser.parse(&mut batch)?;
//! let w = &batch[0].words;
//! assert_eq!((w[1].head, w[1].deprel.as_str(), w[1].upos.as_str()), (Some(0), "root", "VERB"));
//! assert_eq!((w[0].head, w[0].deprel.as_str()), (Some(2), "nsubj"));
//! assert_eq!((w[3].head, w[3].deprel.as_str()), (Some(2), "obj"));
//! # Ok(())
//! # }
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{
    ParserConfig, TrainConfig, BATCH_WORDS, CONFIG_FILE, FEATURES, FORMAT_VERSION, KIND, MAX_WORDS, VOCAB_FILE,
};

mod vocab;
pub use vocab::{id_or_unk, word_key, Vocab};

mod batch;
pub use batch::Batch;

mod model;
pub use model::{ParserModel, TagLogits};

mod oracle;
pub use oracle::{Guide, ZeroCost};

pub mod decode;

mod explore;

mod parser;
pub use parser::Parser;

pub mod evaluate;

pub mod train;
