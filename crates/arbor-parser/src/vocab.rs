//! The parser's vocabularies: word forms (lowercased, with counts for word dropout), characters,
//! UPOS, XPOS and FEATS values, and dependency labels. Saved as `vocab.json` in a model directory.

use std::collections::HashMap;

use arbor_conllu::Sentence;
use arbor_transition::Labels;
use serde::{Deserialize, Serialize};

/// Padding (also "no value" for tags).
pub const PAD: i64 = 0;
/// Unknown word or character.
pub const UNK: i64 = 1;
/// The artificial root token at position 0 of every sentence.
pub const ROOT: i64 = 2;
const SPECIALS: [&str; 3] = ["<pad>", "<unk>", "<root>"];

/// A string ↔ id table whose first ids are the specials.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Table {
    names: Vec<String>,
    #[serde(skip)]
    index: HashMap<String, i64>,
}

impl Table {
    fn with_specials() -> Table {
        let mut t = Table::default();
        for s in SPECIALS {
            t.add(s);
        }
        t
    }

    pub fn add(&mut self, name: &str) -> i64 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.names.len() as i64;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), id);
        id
    }

    /// The id of `name`, or [`UNK`].
    pub fn get(&self, name: &str) -> i64 {
        self.index.get(name).copied().unwrap_or(UNK)
    }

    pub fn lookup(&self, name: &str) -> Option<i64> {
        self.index.get(name).copied()
    }

    pub fn name(&self, id: i64) -> &str {
        &self.names[id as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    fn reindex(&mut self) {
        self.index = self.names.iter().enumerate().map(|(i, n)| (n.clone(), i as i64)).collect();
    }
}

/// Every vocabulary of a parser model.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocab {
    pub words: Table,
    /// Training-set frequency of each word id (0 for words only in pretrained embeddings).
    pub word_counts: Vec<u32>,
    pub chars: Table,
    pub upos: Table,
    pub xpos: Table,
    pub feats: Table,
    pub labels: Labels,
}

/// The key a word form is looked up by.
pub fn word_key(form: &str) -> String {
    form.to_lowercase()
}

impl Vocab {
    /// Collect every vocabulary from training sentences.
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Vocab {
        let mut v = Vocab {
            words: Table::with_specials(),
            word_counts: vec![0; SPECIALS.len()],
            chars: Table::with_specials(),
            upos: Table::with_specials(),
            xpos: Table::with_specials(),
            feats: Table::with_specials(),
            labels: Labels::default(),
        };
        for s in sentences {
            for w in &s.words {
                let id = v.add_word(&word_key(&w.form)) as usize;
                v.word_counts[id] += 1;
                for c in w.form.chars() {
                    v.chars.add(c.encode_utf8(&mut [0; 4]));
                }
                v.upos.add(&w.upos);
                v.xpos.add(&w.xpos);
                v.feats.add(&w.feats);
                v.labels.add(&w.deprel);
            }
        }
        v
    }

    /// Add a word (count 0 if new) and return its id.
    pub fn add_word(&mut self, key: &str) -> i64 {
        let id = self.words.add(key);
        if id as usize == self.word_counts.len() {
            self.word_counts.push(0);
        }
        id
    }

    /// Rebuild lookups after deserializing.
    pub fn reindex(mut self) -> Vocab {
        for t in [&mut self.words, &mut self.chars, &mut self.upos, &mut self.xpos, &mut self.feats] {
            t.reindex();
        }
        self.labels = self.labels.reindex();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_conllu::Word;

    #[test]
    fn vocab_counts_lowercased_words_and_keeps_specials_first() {
        let mut a = Word::new("The");
        a.upos = "DET".into();
        a.deprel = "det".into();
        let s = Sentence::from_words(vec![a, Word::new("the"), Word::new("cat")]);
        let v = Vocab::from_sentences([&s]);
        assert_eq!(v.words.get("<root>"), ROOT);
        assert_eq!(v.word_counts[v.words.get("the") as usize], 2);
        assert_eq!(v.words.get("dog"), UNK);
        assert_eq!(v.chars.get("T"), 3);
        let json = serde_json::to_string(&v).unwrap();
        let back: Vocab = serde_json::from_str::<Vocab>(&json).unwrap().reindex();
        assert_eq!(back.words.get("cat"), v.words.get("cat"));
        assert_eq!(back.labels.id("det"), Some(0));
    }
}
