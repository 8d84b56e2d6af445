//! Texts → tokens as a classifier reads them: Arbor's rule tokenizer (the default, any
//! language), whitespace, or a tokenizer model (rule lexicon or trained BiLSTM; words of
//! multiword tokens split either way), then lowercasing and the cut at `max_tokens`, which
//! is reported, never silent.

use arbor_text::{Lexicon, RuleTokenizer, Tokenizer};

use crate::config::{ClassifierConfig, Tokenization};

/// A text's tokens, cut to the model's `max_tokens`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub tokens: Vec<String>,
    /// When the text was cut: the tokens it had (at least this many: a trained tokenizer reads
    /// only the first `64 * max_tokens` bytes of a text).
    pub cut_from: Option<usize>,
}

enum Splitter {
    Rules(RuleTokenizer),
    Whitespace,
    Model(Box<dyn Tokenizer>),
}

/// How a classifier turns texts into tokens.
pub struct TextReader {
    splitter: Splitter,
    lowercase: bool,
    max_tokens: usize,
}

/// Bytes of a text a trained tokenizer reads per token the model takes.
const BYTES_PER_TOKEN: usize = 64;

impl TextReader {
    /// The reader a config asks for; `Tokenization::Model` needs the `model` tokenizer (loaded
    /// from the model directory's `tokenizer/`), the others ignore it.
    pub fn new(config: &ClassifierConfig, model: Option<Box<dyn Tokenizer>>) -> Result<TextReader, String> {
        let splitter = match (config.tokenization, model) {
            (Tokenization::Rules, _) => Splitter::Rules(RuleTokenizer::new(Lexicon::default())),
            (Tokenization::Whitespace, _) => Splitter::Whitespace,
            (Tokenization::Model, Some(t)) => Splitter::Model(t),
            (Tokenization::Model, None) => return Err("the config names a tokenizer model, and none was given".into()),
        };
        Ok(TextReader { splitter, lowercase: config.lowercase, max_tokens: config.max_tokens.max(1) })
    }

    /// The tokens of each text.
    pub fn read_many(&self, texts: &[&str]) -> Vec<Tokens> {
        let mut raw: Vec<Vec<String>> = match &self.splitter {
            Splitter::Rules(t) => texts
                .iter()
                .map(|text| {
                    let mut words = Vec::new();
                    t.for_each_word(text, |w| words.push(w.to_string()));
                    words
                })
                .collect(),
            Splitter::Whitespace => texts.iter().map(|t| t.split_whitespace().map(str::to_string).collect()).collect(),
            Splitter::Model(t) => {
                let limit = self.max_tokens.saturating_mul(BYTES_PER_TOKEN);
                let heads: Vec<&str> = texts.iter().map(|t| head(t, limit)).collect();
                t.tokenize_many(&heads)
                    .into_iter()
                    .map(|sentences| sentences.into_iter().flat_map(|s| s.words).map(|w| w.form).collect())
                    .collect()
            }
        };
        raw.iter_mut()
            .map(|tokens| {
                let n = tokens.len();
                tokens.truncate(self.max_tokens);
                if self.lowercase {
                    tokens.iter_mut().for_each(|t| *t = t.to_lowercase());
                }
                Tokens { tokens: std::mem::take(tokens), cut_from: (n > self.max_tokens).then_some(n) }
            })
            .collect()
    }
}

/// The first `limit` bytes of `text` (to a character boundary).
fn head(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(tokenization: Tokenization, lowercase: bool, max_tokens: usize) -> TextReader {
        let config = ClassifierConfig { tokenization, lowercase, max_tokens, ..Default::default() };
        TextReader::new(&config, None).unwrap()
    }

    #[test]
    fn the_rule_tokenizer_splits_punctuation_and_contractions_and_lowercases() {
        let t = reader(Tokenization::Rules, true, 100).read_many(&["It isn't GOOD, really."]);
        assert_eq!(t[0].tokens, ["it", "is", "n't", "good", ",", "really", "."]);
        assert_eq!(t[0].cut_from, None);
        let t = reader(Tokenization::Whitespace, false, 100).read_many(&["It isn't  GOOD,"]);
        assert_eq!(t[0].tokens, ["It", "isn't", "GOOD,"]);
    }

    #[test]
    fn long_texts_are_cut_and_say_so_and_empty_ones_have_no_tokens() {
        let t = reader(Tokenization::Rules, true, 3).read_many(&["a b c d e", "", "a b c"]);
        assert_eq!((t[0].tokens.len(), t[0].cut_from), (3, Some(5)));
        assert_eq!((t[1].tokens.len(), t[1].cut_from), (0, None));
        assert_eq!(t[2].cut_from, None);
        let config = ClassifierConfig { tokenization: Tokenization::Model, ..Default::default() };
        assert!(TextReader::new(&config, None).is_err());
        assert_eq!(head("aé", 2), "a");
    }
}
