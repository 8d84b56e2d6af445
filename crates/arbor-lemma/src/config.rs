//! The lemmatizer's settings and the names in its model directory; one `Default` is the one
//! source of every default.

use serde::{Deserialize, Serialize};

/// The kind of a lemmatizer model directory.
pub const KIND: &str = "lemmatizer";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const LEXICON_FILE: &str = "lexicon.json";
/// The suffix guesser's tables, counted from the lexicon at training time.
pub const GUESSER_FILE: &str = "guesser.json";
/// The longest ending (in characters) the suffix guesser keys on, at most.
pub const MAX_SUFFIX: usize = 16;

/// What gives the lemma of a word the lexicon does not hold with its tags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Guesser {
    /// The edit rule most often seen with the word's tags and its longest known ending (the
    /// lowercased whole word first, so case variants of known words are found).
    #[default]
    Suffix,
    /// The form itself (the baseline the suffix guesser is measured against).
    Identity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LemmaConfig {
    pub guesser: Guesser,
    /// The longest ending, in characters, the suffix guesser keys on.
    pub max_suffix: usize,
}

impl Default for LemmaConfig {
    fn default() -> LemmaConfig {
        LemmaConfig { guesser: Guesser::Suffix, max_suffix: 8 }
    }
}

impl LemmaConfig {
    pub fn check(&self) -> Result<(), String> {
        arbor_core::Checks::new().between("max_suffix", self.max_suffix, 0, MAX_SUFFIX).finish()
    }
}
