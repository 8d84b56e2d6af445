//! What a rule tokenizer learns from a CoNLL-U training file.

use std::collections::{HashMap, HashSet};

use std::path::Path;

use arbor_conllu::{Sentence, Token};
use arbor_core::{Metadata, ModelDir};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The kind of a model directory that holds only a rule tokenizer's lexicon.
pub const KIND: &str = "rules-tokenizer";
pub const FORMAT_VERSION: u32 = 1;
/// The lexicon's file in a model directory (a trained tokenizer's directory has one too).
pub const LEXICON_FILE: &str = "lexicon.json";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Lowercased multiword token → its words (lowercased); they need not spell the token
    /// (Italian `del` → `di il`). Only forms that are multiword tokens in most of their
    /// occurrences: what a tokenizer without context splits.
    pub mwt: HashMap<String, Vec<String>>,
    /// Forms that are multiword tokens in some of their occurrences only (Italian `dei`: `di i`
    /// or the noun), with their words: used where a trained tokenizer decides in context.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub mwt_in_context: HashMap<String, Vec<String>>,
    /// Lowercased tokens made of several Unicode word segments (`e.g.`, `u.s.`, `non-stop`).
    pub tokens: HashSet<String>,
    /// Lowercased tokens ending in `.` that end a sentence less often than not (`mr.`, `dr.`).
    pub not_final: HashSet<String>,
}

impl Lexicon {
    /// The lexicon of a rule-tokenizer model directory (`arbor tokenizer train --rules`).
    pub fn load(dir: impl AsRef<Path>) -> Result<Lexicon> {
        let (dir, _) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
        Ok(dir.read_json(LEXICON_FILE)?)
    }

    /// Write a rule-tokenizer model directory; `command` is the command line that made it.
    pub fn save(&self, dir: impl AsRef<Path>, command: Option<String>) -> Result<()> {
        let dir = ModelDir::create(dir)?;
        dir.write_json(LEXICON_FILE, self)?;
        let mut meta = Metadata::new(KIND, FORMAT_VERSION);
        meta.command = command;
        Ok(dir.write_metadata(&meta)?)
    }

    /// Learn from gold sentences.
    pub fn learn<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Lexicon {
        use unicode_segmentation::UnicodeSegmentation;
        let mut lex = Lexicon::default();
        let mut mwt_counts: HashMap<String, HashMap<Vec<String>, usize>> = HashMap::new();
        let mut final_counts: HashMap<String, (usize, usize)> = HashMap::new();
        let mut plain_counts: HashMap<String, usize> = HashMap::new();
        for s in sentences {
            let n = s.tokens().count();
            for (i, t) in s.tokens().enumerate() {
                let form = t.form().to_lowercase();
                match t {
                    Token::Multiword { words, .. } => {
                        // Words that spell the token (`don't` → `do n't`) or not (`del` → `di
                        // il`): both are kept; words that could not stand in a CoNLL-U line are not.
                        let parts: Vec<String> = words.iter().map(|w| w.form.to_lowercase()).collect();
                        if parts.iter().all(|p| !p.is_empty() && !p.contains(char::is_whitespace)) {
                            *mwt_counts.entry(form.clone()).or_default().entry(parts).or_default() += 1;
                        }
                    }
                    Token::Word { .. } => *plain_counts.entry(form.clone()).or_default() += 1,
                }
                if form.split_word_bounds().count() > 1 && !form.contains(char::is_whitespace) {
                    lex.tokens.insert(form.clone());
                }
                if form.len() > 1 && form.ends_with('.') && form.chars().any(char::is_alphabetic) {
                    let e = final_counts.entry(form).or_default();
                    if i + 1 == n {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
            }
        }
        // A split is kept when the form is a multiword token in most of its occurrences
        // (`its` is split in EWT only where it stands for "it is").
        for (form, splits) in mwt_counts {
            let as_mwt: usize = splits.values().sum();
            let mostly = as_mwt > plain_counts.get(&form).copied().unwrap_or(0);
            if let Some((parts, _)) = splits.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))) {
                if mostly {
                    lex.mwt.insert(form, parts);
                } else {
                    lex.mwt_in_context.insert(form, parts);
                }
            }
        }
        lex.not_final = final_counts.into_iter().filter(|(_, (end, mid))| end < mid).map(|(f, _)| f).collect();
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(conllu: &str) -> Vec<Sentence> {
        arbor_conllu::Reader::new(conllu.as_bytes(), "t").collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn multiword_tokens_are_learned_whether_or_not_their_words_spell_them() {
        let row = |id: &str, form: &str| format!("{id}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_\n");
        let mut text = String::new();
        for _ in 0..2 {
            text += &(row("1-2", "Del") + &row("1", "Di") + &row("2", "il") + &row("3", "resto") + "\n");
            text += &(row("1-2", "don't") + &row("1", "do") + &row("2", "n't") + "\n");
        }
        // "dei" is a word once and a multiword token once: not more often one than the other.
        text += &(row("1-2", "dei") + &row("1", "di") + &row("2", "i") + "\n" + &row("1", "dei") + "\n");
        let lex = Lexicon::learn(&sentences(&text));
        assert_eq!(lex.mwt["del"], ["di", "il"]);
        assert_eq!(lex.mwt["don't"], ["do", "n't"]);
        assert!(!lex.mwt.contains_key("dei"));
        assert_eq!(lex.mwt_in_context["dei"], ["di", "i"]);
    }
}
