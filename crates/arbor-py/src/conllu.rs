//! CoNLL-U files and the CoNLL 2018 evaluation, without any model.

use std::path::PathBuf;

use arbor::conllu::eval::{evaluate_named, to_json, Options};
use arbor::conllu::{read_file, Reader, Sentence};
use pyo3::prelude::*;

use crate::doc::Doc;
use crate::error::arbor_error;

/// The sentences of a CoNLL-U text; errors name `name`, the line and the problem.
pub fn read_text(text: &str, name: &str) -> PyResult<Vec<Sentence>> {
    Reader::new(text.as_bytes(), name).collect::<Result<Vec<_>, _>>().map_err(arbor_error)
}

/// Read a CoNLL-U file (checked as `arbor validate --level 1` checks it).
#[pyfunction]
pub fn read_conllu(py: Python<'_>, path: PathBuf) -> PyResult<Doc> {
    let sentences = py.allow_threads(|| read_file(&path)).map_err(arbor_error)?;
    Ok(Doc { text: None, sentences })
}

/// Parse CoNLL-U text into a Doc.
#[pyfunction]
pub fn from_conllu(text: &str) -> PyResult<Doc> {
    Ok(Doc { text: None, sentences: read_text(text, "<conllu>")? })
}

/// The CoNLL 2018 shared-task scores of `system` against `gold`, as `arbor eval --json`.
#[pyfunction]
#[pyo3(signature = (gold, system, multiple_roots_okay=false))]
pub fn evaluate_json(
    py: Python<'_>,
    gold: PyRef<'_, Doc>,
    system: PyRef<'_, Doc>,
    multiple_roots_okay: bool,
) -> PyResult<String> {
    let (g, s) = (gold.sentences.clone(), system.sentences.clone());
    py.allow_threads(|| {
        let options = Options { multiple_roots_okay };
        evaluate_named(&g, "gold", &s, "system", &options).map(|e| to_json(&e, true))
    })
    .map_err(arbor_error)
}
