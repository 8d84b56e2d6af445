//! [`Pipeline`]: the models `arbor parse` uses, loaded once; texts in, [`Doc`]s out. Every
//! call releases the GIL while it computes, so Python threads parse side by side.

use std::path::{Path, PathBuf};

use arbor::conllu::{Sentence as RustSentence, Word as RustWord};
use arbor::lemma::Lemmatizer;
use arbor::nn::Resolve;
use arbor::parser::Parser;
use arbor::pipeline_dir;
use arbor::text::{InputMode, Numbering};
use arbor::DeviceSpec;
use pyo3::prelude::*;

use crate::doc::Doc;
use crate::error::arbor_error;

/// A bundled model: `$ARBOR_MODELS/NAME`, else `models/NAME` of the checkout this package was
/// built from.
pub fn bundled(name: &str) -> PyResult<PathBuf> {
    bundled_dir(name).map_err(arbor_error)
}

fn bundled_dir(name: &str) -> arbor::Result<PathBuf> {
    let mut tried = Vec::new();
    if let Some(dir) = std::env::var_os("ARBOR_MODELS") {
        tried.push(PathBuf::from(dir).join(name));
    }
    tried.push(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")).join(name));
    if let Some(found) = tried.iter().find(|p| p.is_dir()) {
        return Ok(found.clone());
    }
    let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
    Err(arbor::Error::Bundled(format!(
        "no bundled model '{name}' found (looked in {}); pass a model directory or set ARBOR_MODELS",
        list.join(", ")
    )))
}

/// Tokenizer, tagger and parser, lemmatizer: `arbor.load()` builds one.
#[pyclass(module = "arbor", frozen)]
pub struct Pipeline {
    inner: arbor::Pipeline,
}

impl Pipeline {
    fn load(
        path: Option<PathBuf>,
        tokenizer: Option<PathBuf>,
        lemmatizer: Option<PathBuf>,
        lemmas: bool,
        rules: bool,
        device: &str,
    ) -> PyResult<arbor::Pipeline> {
        let device = device.parse::<DeviceSpec>().map_err(arbor_error)?.resolve().map_err(arbor_error)?;
        let request =
            pipeline_dir::Request { model: path, tokenizer, lemmatizer, rules, no_lemmas: !lemmas, tokenize: true };
        let chosen = request.choose(bundled_dir).map_err(arbor_error)?;
        let (parser, tokenizer) = (chosen.parser, chosen.tokenizer.unwrap_or_default());
        let named = |what: &str, dir: &Path, e: &dyn std::fmt::Display| {
            arbor_error(format!("cannot load the {what} {}: {e}", dir.display()))
        };
        let parsed = Parser::load(&parser, device).map_err(|e| named("parser", &parser, &e))?;
        let tokenized = arbor::load_tokenizer(&tokenizer, InputMode::Raw, device)
            .map_err(|e| named("tokenizer", &tokenizer, &e))?;
        let mut pipeline = arbor::Pipeline::new(tokenized, parsed);
        if let Some(dir) = chosen.lemmatizer {
            let l = Lemmatizer::load(&dir).map_err(|e| named("lemmatizer", &dir, &e))?;
            pipeline = pipeline.with_lemmatizer(l);
        }
        Ok(pipeline)
    }
}

#[pymethods]
impl Pipeline {
    /// Load a pipeline: `path` None for the bundled English EWT models, a pipeline directory
    /// (`arbor train pipeline`), or a parser directory (with the bundled tokenizer).
    #[new]
    #[pyo3(signature = (path=None, *, tokenizer=None, lemmatizer=None, lemmas=true, rules=false, device="cpu", batch_words=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        path: Option<PathBuf>,
        tokenizer: Option<PathBuf>,
        lemmatizer: Option<PathBuf>,
        lemmas: bool,
        rules: bool,
        device: &str,
        batch_words: Option<usize>,
    ) -> PyResult<Pipeline> {
        if batch_words == Some(0) {
            return Err(pyo3::exceptions::PyValueError::new_err("batch_words must be positive"));
        }
        let device = device.to_string();
        let inner = py.allow_threads(|| Pipeline::load(path, tokenizer, lemmatizer, lemmas, rules, &device))?;
        let words = batch_words.unwrap_or(arbor::parser::BATCH_WORDS);
        Ok(Pipeline { inner: inner.with_batch_words(words) })
    }

    /// Parse each text (paragraphs between blank lines); one Doc per text, in order.
    fn parse_texts(&self, py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<Doc>> {
        let docs = py.allow_threads(|| {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            self.inner.parse_texts(&refs)
        });
        let docs = docs.map_err(arbor_error)?;
        Ok(texts.into_iter().zip(docs).map(|(text, sentences)| Doc { text: Some(text), sentences }).collect())
    }

    /// Tag and parse sentences given as lists of tokens (no tokenizer runs).
    fn parse_tokens(&self, py: Python<'_>, sentences: Vec<Vec<String>>) -> PyResult<Doc> {
        if let Some(i) = sentences.iter().position(|s| s.is_empty()) {
            return Err(arbor_error(format!("sentence {} has no tokens", i + 1)));
        }
        if let Some(t) = sentences.iter().flatten().find(|t| t.is_empty() || t.chars().any(char::is_whitespace)) {
            return Err(arbor_error(format!("a token may not be empty or hold whitespace: {t:?}")));
        }
        let mut numbering = Numbering::default();
        let mut built: Vec<RustSentence> = sentences
            .iter()
            .map(|tokens| {
                let mut s = RustSentence::from_words(tokens.iter().map(RustWord::new).collect());
                numbering.number(&mut s);
                s.set_meta("text", &tokens.join(" "));
                s
            })
            .collect();
        py.allow_threads(|| self.inner.parse_sentences(&mut built)).map_err(arbor_error)?;
        Ok(Doc { text: None, sentences: built })
    }

    /// Tag and parse the sentences of a CoNLL-U text (its words kept, the analyses replaced).
    fn parse_conllu(&self, py: Python<'_>, conllu: &str) -> PyResult<Doc> {
        let mut sentences = crate::conllu::read_text(conllu, "<conllu>")?;
        py.allow_threads(|| self.inner.parse_sentences(&mut sentences)).map_err(arbor_error)?;
        Ok(Doc { text: None, sentences })
    }
}
