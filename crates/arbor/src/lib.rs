//! Arbor as a library: [`Pipeline`] (raw text → sentences → tokens and words → stems → tags,
//! trees and lemmas), streaming over any reader, with the output formats of `arbor parse`; and the
//! crates underneath, re-exported.
//!
//! The command-line program is the `arbor-cli` crate, built on this one.

pub use arbor_classify as classify;
pub use arbor_conllu as conllu;
pub use arbor_core::{DeviceSpec, Metadata, ModelDir};
pub use arbor_lemma as lemma;
pub use arbor_lm as lm;
pub use arbor_nn as nn;
pub use arbor_parser as parser;
pub use arbor_segment as segment;
pub use arbor_seq2seq as seq2seq;
pub use arbor_text as text;
pub use arbor_word2vec as word2vec;

mod error;
pub use error::{Error, Result};

/// A tokenizer model directory of either kind (trained or rules).
pub use arbor_segment::load_tokenizer;

pub mod pipeline;
pub use pipeline::{InputFormat, Pipeline, Stats};

pub mod pipeline_dir;

mod texts;

pub mod output;
pub use output::OutputFormat;
