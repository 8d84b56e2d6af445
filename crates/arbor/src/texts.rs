//! Many separate texts at once (a Python `pipe` batch): each text's sentences as
//! [`arbor_text::tokenize_texts`] gives them, then the sentences of all texts tagged, parsed
//! and lemmatized as one batch. Each text's result equals `parse_text` on it alone.

use arbor_conllu::Sentence;

use crate::error::{Error, Result};
use crate::pipeline::Pipeline;

impl Pipeline {
    /// The sentences of each text, tokenized (not yet tagged or parsed), numbered per text.
    pub fn tokenize_texts(&self, texts: &[&str]) -> Result<Vec<Vec<Sentence>>> {
        let tokenizer = self.tokenizer().ok_or(Error::NoTokenizer)?;
        arbor_text::tokenize_texts(texts, "<text>", tokenizer).into_iter().map(|r| r.map_err(Error::from)).collect()
    }

    /// Tokenize, tag, parse (and lemmatize) each text; one list of sentences per text.
    pub fn parse_texts(&self, texts: &[&str]) -> Result<Vec<Vec<Sentence>>> {
        let mut docs = self.tokenize_texts(texts)?;
        let counts: Vec<usize> = docs.iter().map(Vec::len).collect();
        let mut all: Vec<Sentence> = docs.iter_mut().flat_map(std::mem::take).collect();
        self.parse_sentences(&mut all)?;
        let mut rest = all.into_iter();
        Ok(counts.into_iter().map(|n| rest.by_ref().take(n).collect()).collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;

    fn pipeline() -> Pipeline {
        let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
        Pipeline::load(format!("{models}/en_ewt/tokenizer"), format!("{models}/en_ewt/parser"), tch::Device::Cpu)
            .unwrap()
    }

    #[test]
    fn each_text_parses_as_it_would_alone() {
        let p = pipeline();
        let texts = ["I saw a girl. She waved.", "", "Don't stop.\n\nA second paragraph here."];
        let docs = p.parse_texts(&texts).unwrap();
        assert_eq!(docs.len(), 3);
        assert!(docs[1].is_empty());
        for (text, doc) in texts.iter().zip(&docs) {
            assert_eq!(doc, &p.parse_text(text).unwrap(), "{text:?}");
        }
        assert_eq!(docs[2][1].meta("sent_id"), Some("2"));
    }
}
