//! The words and labels a classifier knows, each on the shared [`Table`]. Words come after two
//! specials (padding, unknown) and are stored as `{"words": [...]}`; labels as `{"labels": [...]}`
//! in the order of their ids (the order of the probabilities a prediction gives).

use std::collections::HashMap;

use arbor_core::Table;
use serde::{Deserialize, Serialize};

/// Padding.
pub const PAD: i64 = 0;
/// A word the model has not seen.
pub const UNK: i64 = 1;
const SPECIALS: i64 = 2;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "WordsFile", into = "WordsFile")]
pub struct Words {
    table: Table,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    words: Vec<String>,
}

impl TryFrom<WordsFile> for Words {
    type Error = String;
    fn try_from(file: WordsFile) -> Result<Words, String> {
        Ok(Words { table: Table::from_names(file.words)? })
    }
}

impl From<Words> for WordsFile {
    fn from(w: Words) -> WordsFile {
        WordsFile { words: w.table.names().to_vec() }
    }
}

impl Words {
    /// The words seen at least `min_count` times, most frequent first (ties by first appearance).
    pub fn from_counts<'a>(tokens: impl IntoIterator<Item = &'a str>, min_count: usize) -> Words {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, t) in tokens.into_iter().enumerate() {
            counts.entry(t).or_insert((0, i)).0 += 1;
        }
        let mut kept: Vec<(&str, (usize, usize))> = counts.into_iter().filter(|(_, (n, _))| *n >= min_count).collect();
        kept.sort_by_key(|&(_, (n, first))| (std::cmp::Reverse(n), first));
        let mut words = Words::default();
        for (w, _) in kept {
            words.add(w);
        }
        words
    }

    /// Add a word (its id if already there).
    pub fn add(&mut self, word: &str) -> i64 {
        i64::from(self.table.add(word)) + SPECIALS
    }

    /// Ids, specials included.
    pub fn len(&self) -> usize {
        self.table.len() + SPECIALS as usize
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The id of a word, [`UNK`] for one the model has not seen.
    pub fn id(&self, word: &str) -> i64 {
        self.table.id(word).map_or(UNK, |i| i64::from(i) + SPECIALS)
    }

    /// The word of an id (`None` for the specials and ids out of range).
    pub fn word(&self, id: i64) -> Option<&str> {
        u32::try_from(id - SPECIALS).ok().and_then(|i| self.table.get(i))
    }
}

/// The classes, in id order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "LabelsFile", into = "LabelsFile")]
pub struct Labels {
    table: Table,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    labels: Vec<String>,
}

impl TryFrom<LabelsFile> for Labels {
    type Error = String;
    fn try_from(file: LabelsFile) -> Result<Labels, String> {
        Ok(Labels { table: Table::from_names(file.labels)? })
    }
}

impl From<Labels> for LabelsFile {
    fn from(l: Labels) -> LabelsFile {
        LabelsFile { labels: l.table.names().to_vec() }
    }
}

impl Labels {
    /// The labels sorted, so that the same data gives the same ids whatever its line order.
    pub fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Labels {
        let mut names: Vec<&str> = labels.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        let mut table = Table::default();
        names.into_iter().for_each(|n| {
            table.add(n);
        });
        Labels { table }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn id(&self, label: &str) -> Option<usize> {
        self.table.id(label).map(|i| i as usize)
    }

    pub fn name(&self, id: usize) -> &str {
        u32::try_from(id).ok().and_then(|i| self.table.get(i)).unwrap_or("<unknown>")
    }

    pub fn names(&self) -> &[String] {
        self.table.names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_frequent_ones_most_frequent_first_and_round_trip() {
        let words = Words::from_counts("b a b c b a d".split(' '), 2);
        assert_eq!((words.id("b"), words.id("a"), words.id("c")), (2, 3, UNK));
        assert_eq!((words.len(), words.word(3), words.word(0), words.word(99)), (4, Some("a"), None, None));
        let back: Words = serde_json::from_str(&serde_json::to_string(&words).unwrap()).unwrap();
        assert_eq!(back, words);
        assert!(serde_json::from_str::<Words>(r#"{"words":["a","a"]}"#).is_err());
    }

    #[test]
    fn labels_are_sorted_and_distinct() {
        let labels = Labels::new(["pos", "neg", "pos", "mixed"]);
        assert_eq!(labels.names(), ["mixed", "neg", "pos"]);
        assert_eq!(
            (labels.id("pos"), labels.id("other"), labels.name(1), labels.name(7)),
            (Some(2), None, "neg", "<unknown>")
        );
        let back: Labels = serde_json::from_str(&serde_json::to_string(&labels).unwrap()).unwrap();
        assert_eq!(back, labels);
    }
}
