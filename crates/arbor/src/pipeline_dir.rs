//! One model directory per language: a `pipeline` directory holds a tokenizer, a parser and
//! (when the treebank had lemmas) a lemmatizer, each a model directory of its own, and
//! `metadata.json` (kind `pipeline`) with the command that trained them and every stage's dev
//! scores. `arbor train pipeline` writes one; [`Pipeline::open`] loads one.

use std::path::{Path, PathBuf};

use arbor_core::ModelDir;
use arbor_lemma::Lemmatizer;
use arbor_parser::Parser;
use arbor_text::InputMode;
use tch::Device;

use crate::error::Result;
use crate::pipeline::Pipeline;

/// The kind of a pipeline model directory.
pub const KIND: &str = "pipeline";
pub const FORMAT_VERSION: u32 = 1;
/// The stages' subdirectories.
pub const TOKENIZER_DIR: &str = "tokenizer";
pub const PARSER_DIR: &str = "parser";
pub const LEMMATIZER_DIR: &str = "lemmatizer";

/// Whether `dir` is a pipeline directory (and not a single model).
pub fn is_pipeline_dir(dir: &Path) -> bool {
    ModelDir::metadata(dir).is_ok_and(|m| m.kind == KIND)
}

/// The stage directories of a pipeline directory (its kind and format version checked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    pub tokenizer: PathBuf,
    pub parser: PathBuf,
    /// Absent when the treebank had no lemmas.
    pub lemmatizer: Option<PathBuf>,
}

/// Open a pipeline directory and name its stages' directories.
pub fn parts(dir: impl AsRef<Path>) -> Result<Parts> {
    let (dir, _meta) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
    let lemmatizer = Some(dir.file(LEMMATIZER_DIR)).filter(|d| d.exists());
    Ok(Parts { tokenizer: dir.file(TOKENIZER_DIR), parser: dir.file(PARSER_DIR), lemmatizer })
}

impl Pipeline {
    /// Load a pipeline directory (`arbor train pipeline`): its tokenizer for running text, its
    /// parser, and its lemmatizer when it has one.
    pub fn open(dir: impl AsRef<Path>, mode: InputMode, device: Device) -> Result<Pipeline> {
        let parts = parts(dir)?;
        let tokenizer = crate::load_tokenizer(&parts.tokenizer, mode, device)?;
        let mut pipeline = Pipeline::new(tokenizer, Parser::load(&parts.parser, device)?);
        if let Some(lemmatizer) = parts.lemmatizer {
            pipeline = pipeline.with_lemmatizer(Lemmatizer::load(lemmatizer)?);
        }
        Ok(pipeline)
    }
}
