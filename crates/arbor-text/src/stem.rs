//! Snowball stemming (`rust-stemmers`) as a pipeline stage: `Stem=` in each word's MISC.

use arbor_conllu::Sentence;
use rust_stemmers::{Algorithm, Stemmer as Snowball};

use crate::error::{Error, Result};

const LANGUAGES: [(&str, Algorithm); 18] = [
    ("arabic", Algorithm::Arabic),
    ("danish", Algorithm::Danish),
    ("dutch", Algorithm::Dutch),
    ("english", Algorithm::English),
    ("finnish", Algorithm::Finnish),
    ("french", Algorithm::French),
    ("german", Algorithm::German),
    ("greek", Algorithm::Greek),
    ("hungarian", Algorithm::Hungarian),
    ("italian", Algorithm::Italian),
    ("norwegian", Algorithm::Norwegian),
    ("portuguese", Algorithm::Portuguese),
    ("romanian", Algorithm::Romanian),
    ("russian", Algorithm::Russian),
    ("spanish", Algorithm::Spanish),
    ("swedish", Algorithm::Swedish),
    ("tamil", Algorithm::Tamil),
    ("turkish", Algorithm::Turkish),
];

pub struct Stemmer {
    inner: Snowball,
}

impl Stemmer {
    /// The Snowball stemmer of a language named in English (`english`, `german`, ...).
    pub fn new(language: &str) -> Result<Stemmer> {
        let wanted = language.to_lowercase();
        LANGUAGES
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, a)| Stemmer { inner: Snowball::create(*a) })
            .ok_or_else(|| Error::UnknownStemmer { name: language.into(), choices: Stemmer::languages().join(", ") })
    }

    pub fn languages() -> Vec<&'static str> {
        LANGUAGES.iter().map(|(n, _)| *n).collect()
    }

    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.stem(word)
    }

    /// Add `Stem=` (of the lowercased form) to every word of the sentence.
    pub fn annotate(&self, sentence: &mut Sentence) {
        for w in &mut sentence.words {
            let stem = self.inner.stem(&w.form.to_lowercase()).into_owned();
            w.set_misc_value("Stem", Some(&stem));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_lists_languages_on_a_bad_name() {
        let s = Stemmer::new("English").unwrap();
        assert_eq!(s.stem("running"), "run");
        let mut sentence = Sentence::from_words(vec![arbor_conllu::Word::new("Cats")]);
        s.annotate(&mut sentence);
        assert_eq!(sentence.words[0].misc, "Stem=cat");
        let e = Stemmer::new("klingon").err().unwrap().to_string();
        assert!(
            e.contains("unknown stemmer language 'klingon'") && e.contains("english") && e.contains("german"),
            "{e}"
        );
    }
}
