//! The parser's vocabularies: word forms (lowercased, with counts for word dropout), characters,
//! UPOS, XPOS and FEATS values, and dependency labels. Saved as `vocab.json` in a model directory.

use arbor_conllu::Sentence;
use arbor_core::Table;
use arbor_transition::Labels;
use serde::{Deserialize, Serialize};

/// Padding (also "no value" for tags).
pub const PAD: i64 = 0;
/// Unknown word or character.
pub const UNK: i64 = 1;
/// The artificial root token at position 0 of every sentence.
pub const ROOT: i64 = 2;
const SPECIALS: [&str; 3] = ["<pad>", "<unk>", "<root>"];

/// A table whose first ids are the specials.
fn with_specials() -> Table {
    let mut t = Table::default();
    for s in SPECIALS {
        t.add(s);
    }
    t
}

/// The id of `name` in `table` as a tensor index, or [`UNK`].
pub fn id_or_unk(table: &Table, name: &str) -> i64 {
    table.id(name).map_or(UNK, i64::from)
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
            words: with_specials(),
            word_counts: vec![0; SPECIALS.len()],
            chars: with_specials(),
            upos: with_specials(),
            xpos: with_specials(),
            feats: with_specials(),
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
        let id = i64::from(self.words.add(key));
        if id as usize == self.word_counts.len() {
            self.word_counts.push(0);
        }
        id
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
        assert_eq!(id_or_unk(&v.words, "<root>"), ROOT);
        assert_eq!(v.word_counts[id_or_unk(&v.words, "the") as usize], 2);
        assert_eq!(id_or_unk(&v.words, "dog"), UNK);
        assert_eq!(id_or_unk(&v.chars, "T"), 3);
        let json = serde_json::to_string(&v).unwrap();
        let back: Vocab = serde_json::from_str::<Vocab>(&json).unwrap();
        assert_eq!(back.words.id("cat"), v.words.id("cat"));
        assert_eq!(back.labels.id("det"), Some(0));
    }
}
