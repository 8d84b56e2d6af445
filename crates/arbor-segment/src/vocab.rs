//! [`CharVocab`]: the characters the network knows, on the shared [`arbor_core::Table`];
//! stored as `{"chars": [...]}` (`chars.json` in a model directory).

use std::collections::HashMap;

use arbor_core::Table;
use serde::{Deserialize, Serialize};

/// Padding id.
pub const PAD: i64 = 0;
/// Unknown characters.
pub const UNK: i64 = 1;
const SPECIALS: i64 = 2;

/// Characters seen at least `min_count` times in training, sorted; ids start after the specials.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CharsFile", into = "CharsFile")]
pub struct CharVocab {
    table: Table,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharsFile {
    chars: Vec<char>,
}

impl TryFrom<CharsFile> for CharVocab {
    type Error = String;
    fn try_from(file: CharsFile) -> Result<CharVocab, String> {
        Ok(CharVocab { table: Table::from_names(file.chars.iter().map(char::to_string).collect())? })
    }
}

impl From<CharVocab> for CharsFile {
    fn from(v: CharVocab) -> CharsFile {
        CharsFile { chars: v.table.names().iter().filter_map(|c| c.chars().next()).collect() }
    }
}

impl CharVocab {
    pub fn from_counts(counts: &HashMap<char, usize>, min_count: usize) -> CharVocab {
        let mut chars: Vec<char> = counts.iter().filter(|(_, &n)| n >= min_count).map(|(&c, _)| c).collect();
        chars.sort_unstable();
        let mut table = Table::default();
        chars.iter().for_each(|c| {
            table.add(c.encode_utf8(&mut [0; 4]));
        });
        CharVocab { table }
    }

    /// The id of a character, [`UNK`] when unknown.
    pub fn id(&self, c: char) -> i64 {
        self.table.id(c.encode_utf8(&mut [0; 4])).map_or(UNK, |i| i64::from(i) + SPECIALS)
    }

    /// Number of ids, specials included.
    pub fn len(&self) -> usize {
        self.table.len() + SPECIALS as usize
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_characters_are_unknown_and_the_file_round_trips() {
        let counts: HashMap<char, usize> = [('b', 3), ('a', 2), ('z', 1)].into_iter().collect();
        let v = CharVocab::from_counts(&counts, 2);
        assert_eq!((v.id('a'), v.id('b'), v.id('z'), v.len()), (2, 3, UNK, 4));
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"chars":["a","b"]}"#);
        let back: CharVocab = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert_eq!(back.id('b'), 3);
    }
}
