//! [`Lexicon`]: what a treebank says about lemmas — every (form, UPOS, XPOS, FEATS, lemma) it
//! holds, with its count. It is the lemmatizer's whole model file; the lookup tables and the
//! suffix guesser are built from it when a model loads.

use std::collections::HashMap;

use arbor_conllu::Sentence;
use serde::{Deserialize, Serialize};

/// One annotated word type: `[form, upos, xpos, feats, lemma, count]` in the JSON file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry(pub String, pub String, pub String, pub String, pub String, pub u32);

impl Entry {
    pub fn form(&self) -> &str {
        &self.0
    }
    pub fn upos(&self) -> &str {
        &self.1
    }
    pub fn xpos(&self) -> &str {
        &self.2
    }
    pub fn feats(&self) -> &str {
        &self.3
    }
    pub fn lemma(&self) -> &str {
        &self.4
    }
    pub fn count(&self) -> u32 {
        self.5
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Sorted, so the same treebank always writes the same file.
    pub entries: Vec<Entry>,
}

impl Lexicon {
    /// Count the annotated words of `sentences`; words whose LEMMA is `_` (not annotated) are
    /// left out.
    pub fn learn<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Lexicon {
        let mut counts: HashMap<[&str; 5], u32> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                if w.lemma == "_" && w.form != "_" {
                    continue;
                }
                let key = [w.form.as_str(), &w.upos, &w.xpos, &w.feats, &w.lemma];
                *counts.entry(key).or_default() += 1;
            }
        }
        let mut entries: Vec<Entry> = counts
            .into_iter()
            .map(|([f, u, x, t, l], n)| Entry(f.into(), u.into(), x.into(), t.into(), l.into(), n))
            .collect();
        entries.sort();
        Lexicon { entries }
    }

    /// Annotated word tokens counted.
    pub fn tokens(&self) -> u64 {
        self.entries.iter().map(|e| u64::from(e.count())).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_conllu::Word;

    fn word(form: &str, lemma: &str, upos: &str) -> Word {
        Word { lemma: lemma.into(), upos: upos.into(), ..Word::new(form) }
    }

    #[test]
    fn counts_annotated_words_and_skips_missing_lemmas() {
        let s = Sentence::from_words(vec![
            word("saw", "see", "VERB"),
            word("saw", "see", "VERB"),
            word("saw", "saw", "NOUN"),
            word("x", "_", "X"),
        ]);
        let lex = Lexicon::learn([&s]);
        assert_eq!(lex.tokens(), 3);
        assert_eq!(lex.entries.len(), 2);
        assert_eq!(lex.entries[1], Entry("saw".into(), "VERB".into(), "_".into(), "_".into(), "see".into(), 2));
        let json = serde_json::to_string(&lex).unwrap();
        assert!(json.starts_with(r#"{"entries":[["saw","NOUN","#), "{json}");
        assert_eq!(serde_json::from_str::<Lexicon>(&json).unwrap(), lex);
    }
}
