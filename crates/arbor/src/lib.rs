//! Arbor's top crate: the `arbor` command (in `main.rs` and [`cmd`]) and, for library users,
//! [`Pipeline`] (tokenize → stem → tag → parse) and re-exports of the crates underneath.

pub use arbor_conllu as conllu;
pub use arbor_lm as lm;
pub use arbor_nn as nn;
pub use arbor_parser as parser;
pub use arbor_segment as segment;
pub use arbor_text as text;
pub use arbor_word2vec as word2vec;

pub mod cmd;
pub mod io;
pub mod models;
pub mod progress;
pub mod render;

mod error;
pub use error::{Error, Result};

mod pipeline;
pub use pipeline::{load_lexicon, load_tokenizer, rule_tokenizer, Pipeline};
