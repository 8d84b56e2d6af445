//! Lemma accuracy on gold-tagged sentences, by the step that gave each lemma — the numbers
//! that tell whether the lexicon or the guesser is where errors come from. (Lemmas with
//! predicted tags are scored by the CoNLL 2018 evaluator, `arbor eval`, on `arbor parse`
//! output.)

use std::collections::BTreeMap;
use std::fmt;

use arbor_conllu::Sentence;

use crate::lemmatizer::{Lemmatizer, Source};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Words scored (those whose gold lemma is annotated).
    pub words: usize,
    pub correct: usize,
    /// (words, correct) by the step that gave the lemma.
    pub by_source: BTreeMap<String, (usize, usize)>,
}

impl Accuracy {
    /// Percent of words with the gold lemma.
    pub fn percent(&self) -> f64 {
        100.0 * self.correct as f64 / self.words.max(1) as f64
    }
}

impl fmt::Display for Accuracy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lemmas\t{:.2}%\t{} of {} words", self.percent(), self.correct, self.words)?;
        for (source, (n, ok)) in &self.by_source {
            let share = 100.0 * *n as f64 / self.words.max(1) as f64;
            let acc = 100.0 * *ok as f64 / (*n).max(1) as f64;
            writeln!(f, "  {source}\t{acc:.2}%\t{ok} of {n} words ({share:.1}% of all)")?;
        }
        Ok(())
    }
}

/// Lemmatize every word of `gold` from its own (gold) tags and compare with its gold lemma.
pub fn evaluate(lemmatizer: &Lemmatizer, gold: &[Sentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    for w in gold.iter().flat_map(|s| &s.words) {
        if w.lemma == "_" && w.form != "_" {
            continue;
        }
        let (lemma, source) = lemmatizer.lemma_with_source(&w.form, &w.upos, &w.xpos, &w.feats);
        let name = match source {
            Source::Tags => "lexicon (form + tags)",
            Source::Guess => "guesser",
            Source::Form => "form (unknown)",
        };
        let right = usize::from(lemma == w.lemma);
        let e = acc.by_source.entry(name.to_string()).or_default();
        e.0 += 1;
        e.1 += right;
        acc.words += 1;
        acc.correct += right;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LemmaConfig;
    use arbor_conllu::Word;

    #[test]
    fn scores_each_word_by_the_step_that_lemmatized_it() {
        let w = |f: &str, l: &str| Word { upos: "NOUN".into(), lemma: l.into(), ..Word::new(f) };
        let train = Sentence::from_words(vec![w("cats", "cat"), w("rats", "rat"), w("mice", "mouse")]);
        let lem = Lemmatizer::train(LemmaConfig::default(), [&train], "t").unwrap();
        let gold =
            vec![Sentence::from_words(vec![w("cats", "cat"), w("dogs", "dog"), w("geese", "goose"), w("x", "_")])];
        let acc = evaluate(&lem, &gold);
        assert_eq!((acc.words, acc.correct), (3, 2));
        assert_eq!(acc.by_source["lexicon (form + tags)"], (1, 1));
        assert_eq!(acc.by_source["guesser"], (1, 1), "{acc}");
        // "mice → mouse" replaces the whole word, so it says nothing about "geese".
        assert_eq!(acc.by_source["form (unknown)"], (1, 0), "{acc}");
        assert!(acc.to_string().starts_with("lemmas\t66.67%"));
    }
}
