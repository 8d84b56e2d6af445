//! A tokenizer model directory of either kind, loaded by its metadata: `tokenizer` (the trained
//! character BiLSTM, `arbor tokenizer train`) or `rules-tokenizer` (`arbor tokenizer train
//! --rules`). Every model that tokenizes raw text (the pipeline, the classifier) loads its
//! tokenizer here.

use std::path::Path;

use arbor_core::ModelDir;
use arbor_text::{InputMode, RuleTokenizer, Tokenizer};
use tch::Device;

use crate::error::Result;
use crate::trained_tokenizer::TrainedTokenizer;

/// The tokenizer in `dir`, for input laid out as `mode`.
pub fn load_tokenizer(dir: &Path, mode: InputMode, device: Device) -> Result<Box<dyn Tokenizer>> {
    if ModelDir::metadata(dir)?.kind == arbor_text::lexicon::KIND {
        return Ok(Box::new(RuleTokenizer::load(dir)?.with_mode(mode)));
    }
    Ok(Box::new(TrainedTokenizer::load(dir, device)?.with_mode(mode)))
}
