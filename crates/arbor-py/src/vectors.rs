//! [`Word2Vec`]: word vectors in word2vec's text or binary format (what `arbor w2v train`
//! writes, gensim and fastText read).

use std::path::PathBuf;

use arbor::word2vec::{read_vectors, Embeddings};
use pyo3::prelude::*;

use crate::error::arbor_error;
use crate::shared::ReadOnly;

#[pyclass(module = "arbor", frozen)]
pub struct Word2Vec {
    inner: ReadOnly<Embeddings>,
}

#[pymethods]
impl Word2Vec {
    /// Read vectors (text or binary, detected).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Word2Vec> {
        let inner = py.allow_threads(|| read_vectors(&path)).map_err(arbor_error)?;
        Ok(Word2Vec { inner: ReadOnly(inner) })
    }
    /// The `topn` nearest words by cosine similarity, with their similarities.
    #[pyo3(signature = (word, topn=10))]
    fn most_similar(&self, py: Python<'_>, word: &str, topn: usize) -> PyResult<Vec<(String, f32)>> {
        py.allow_threads(|| self.inner.most_similar(word, topn)).map_err(arbor_error)
    }
    /// Cosine similarity of two words.
    fn similarity(&self, a: &str, b: &str) -> PyResult<f32> {
        self.inner.similarity(a, b).map_err(arbor_error)
    }
    /// A word's vector (KeyError when the word has none).
    fn vector(&self, word: &str) -> PyResult<Vec<f32>> {
        self.inner
            .vector(word)
            .map(<[f32]>::to_vec)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(word.to_string()))
    }
    #[getter]
    fn dim(&self) -> usize {
        self.inner.dim()
    }
    #[getter]
    fn words(&self) -> Vec<String> {
        self.inner.words().to_vec()
    }
    fn __contains__(&self, word: &str) -> bool {
        self.inner.id(word).is_some()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
}
