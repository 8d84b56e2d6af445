//! [`ServedModel`]: one named pipeline a service answers with — its parser and lemmatizer
//! (`arbor::Pipeline`), and its tokenizer loaded for running text and for one sentence a line
//! (UDPipe's `tokenizer=presegmented`).

use arbor::pipeline_dir::Parts;
use arbor::Pipeline;
use arbor_text::{InputMode, Tokenizer};
use tch::Device;

use crate::error::{Error, Result};

pub struct ServedModel {
    pub name: String,
    /// Said in every `/process` answer (UDPipe's `acknowledgements`).
    pub acknowledgements: Vec<String>,
    pub(crate) pipeline: Pipeline,
    pub(crate) presegmented: Box<dyn Tokenizer>,
}

impl ServedModel {
    /// The pipeline whose tokenizer, parser and lemmatizer are in `parts`.
    pub fn open(name: &str, parts: &Parts, device: Device) -> Result<ServedModel> {
        let wrap = |source: arbor::Error| Error::Model { name: name.to_string(), source };
        let raw = arbor::load_tokenizer(&parts.tokenizer, InputMode::Raw, device).map_err(|e| wrap(e.into()))?;
        let presegmented =
            arbor::load_tokenizer(&parts.tokenizer, InputMode::Presegmented, device).map_err(|e| wrap(e.into()))?;
        let parser = arbor::parser::Parser::load(&parts.parser, device).map_err(|e| wrap(e.into()))?;
        let mut pipeline = Pipeline::new(raw, parser);
        if let Some(dir) = &parts.lemmatizer {
            pipeline = pipeline.with_lemmatizer(arbor::lemma::Lemmatizer::load(dir).map_err(|e| wrap(e.into()))?);
        }
        let acknowledgements = vec![format!("Arbor {}", env!("CARGO_PKG_VERSION")), format!("model {name}")];
        Ok(ServedModel { name: name.to_string(), acknowledgements, pipeline, presegmented })
    }

    /// The tokenizer for running text (`presegmented`: one sentence a line).
    pub(crate) fn tokenizer(&self, presegmented: bool) -> Option<&dyn Tokenizer> {
        if presegmented {
            Some(self.presegmented.as_ref())
        } else {
            self.pipeline.tokenizer()
        }
    }
}
