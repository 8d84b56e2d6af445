//! What parsing returns: a [`Doc`] (the sentences of one text) of [`Sentence`]s of [`Word`]s.
//! The Rust sentences are kept as they are, so `to_conllu()` writes what `arbor parse` writes;
//! Python objects for the words are made when asked for.

use arbor::conllu::{Sentence as RustSentence, Token, Writer};
use pyo3::prelude::*;

use crate::error::arbor_error;

/// CoNLL-U text of sentences, as `arbor parse --format conllu` writes it.
pub fn conllu_text(sentences: &[RustSentence]) -> PyResult<String> {
    let mut out = Vec::new();
    Writer::new(&mut out).write_all(sentences).map_err(arbor_error)?;
    String::from_utf8(out).map_err(arbor_error)
}

/// One syntactic word: the ten CoNLL-U columns (HEAD as an int, 0 for the root, None when
/// unset) and the character offsets of its surface token in the text (None when unknown).
#[pyclass(module = "arbor", frozen, get_all)]
#[derive(Clone, Debug)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// Whether a space follows in the text: false inside a multiword token and where the
    /// token's MISC says SpaceAfter=No.
    pub space_after: bool,
}

#[pymethods]
impl Word {
    fn __repr__(&self) -> String {
        let head = self.head.map_or("None".to_string(), |h| h.to_string());
        format!(
            "Word(id={}, form={:?}, upos={:?}, head={head}, deprel={:?})",
            self.id, self.form, self.upos, self.deprel
        )
    }
}

fn range(misc: Option<&str>) -> (Option<usize>, Option<usize>) {
    let parsed = misc.and_then(|r| r.split_once(':')).and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
    parsed.map_or((None, None), |(a, b)| (Some(a), Some(b)))
}

/// The words of a sentence, each with its surface token's offsets and spacing (no space
/// inside a multiword token; after it, its own `SpaceAfter`).
fn words(s: &RustSentence) -> Vec<Word> {
    let mut out = Vec::with_capacity(s.words.len());
    for token in s.tokens() {
        let (start, end) = range(token.misc_value("TokenRange"));
        let (first, words) = match token {
            Token::Word { id, word } => (id, std::slice::from_ref(word)),
            Token::Multiword { token, words } => (token.first, words),
        };
        for (k, w) in words.iter().enumerate() {
            out.push(Word {
                id: first + k,
                form: w.form.clone(),
                lemma: w.lemma.clone(),
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                feats: w.feats.clone(),
                head: w.head,
                deprel: w.deprel.clone(),
                deps: w.deps.clone(),
                misc: w.misc.clone(),
                start,
                end,
                space_after: k + 1 == words.len() && !token.no_space_after(),
            });
        }
    }
    out
}

/// One sentence: its words, its comments (`sent_id`, `text`, ...) and its CoNLL-U.
#[pyclass(module = "arbor", frozen)]
#[derive(Clone, Debug)]
pub struct Sentence {
    pub inner: RustSentence,
}

#[pymethods]
impl Sentence {
    #[getter]
    fn words(&self) -> Vec<Word> {
        words(&self.inner)
    }
    /// The `# text = ...` comment, else the words' surface text.
    #[getter]
    fn text(&self) -> String {
        self.inner.meta("text").map_or_else(|| self.inner.surface_text(), str::to_string)
    }
    #[getter]
    fn sent_id(&self) -> Option<String> {
        self.inner.meta("sent_id").map(str::to_string)
    }
    /// The comment lines without their `# `.
    #[getter]
    fn comments(&self) -> Vec<String> {
        self.inner.comments.iter().map(|c| c.0.clone()).collect()
    }
    /// Multiword tokens as `(first word id, last word id, surface form)`.
    #[getter]
    fn multiword_tokens(&self) -> Vec<(usize, usize, String)> {
        self.inner.multiwords.iter().map(|m| (m.first, m.last, m.form.clone())).collect()
    }
    fn to_conllu(&self) -> PyResult<String> {
        conllu_text(std::slice::from_ref(&self.inner))
    }
    fn __len__(&self) -> usize {
        self.inner.words.len()
    }
    fn __iter__(&self, py: Python<'_>) -> PyResult<PyObject> {
        let list = pyo3::types::PyList::new(py, words(&self.inner))?;
        Ok(list.try_iter()?.into_any().unbind())
    }
    fn __getitem__(&self, i: isize) -> PyResult<Word> {
        let n = self.inner.words.len() as isize;
        let k = if i < 0 { i + n } else { i };
        if !(0..n).contains(&k) {
            return Err(pyo3::exceptions::PyIndexError::new_err("word index out of range"));
        }
        Ok(words(&self.inner).swap_remove(k as usize))
    }
    fn __repr__(&self) -> String {
        format!("Sentence({:?})", self.text())
    }
}

/// The sentences of one text (or of one CoNLL-U file), in order.
#[pyclass(module = "arbor", frozen)]
#[derive(Clone, Debug)]
pub struct Doc {
    pub text: Option<String>,
    pub sentences: Vec<RustSentence>,
}

#[pymethods]
impl Doc {
    /// The text it was parsed from (None for pretokenized input and CoNLL-U).
    #[getter]
    fn text(&self) -> Option<String> {
        self.text.clone()
    }
    #[getter]
    fn sentences(&self) -> Vec<Sentence> {
        self.sentences.iter().map(|s| Sentence { inner: s.clone() }).collect()
    }
    /// All words of all sentences, in order.
    #[getter]
    fn words(&self) -> Vec<Word> {
        self.sentences.iter().flat_map(words).collect()
    }
    /// The whole document as CoNLL-U, byte for byte what `arbor parse` writes for the text.
    fn to_conllu(&self) -> PyResult<String> {
        conllu_text(&self.sentences)
    }
    /// One JSON object per sentence (`arbor parse --format json`), as a list of strings.
    fn to_json(&self) -> Vec<String> {
        self.sentences.iter().map(|s| arbor::output::json(s).to_string()).collect()
    }
    fn __len__(&self) -> usize {
        self.sentences.len()
    }
    fn __iter__(&self, py: Python<'_>) -> PyResult<PyObject> {
        let list = pyo3::types::PyList::new(py, self.sentences())?;
        Ok(list.try_iter()?.into_any().unbind())
    }
    fn __repr__(&self) -> String {
        format!(
            "Doc({} sentences, {} words)",
            self.sentences.len(),
            self.sentences.iter().map(|s| s.words.len()).sum::<usize>()
        )
    }
}
