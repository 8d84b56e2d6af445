//! The symbols of one side of a pair: characters or whitespace-separated tokens
//! ([`Level`]), on the shared [`Table`] after four specials (padding, unknown, start, end).
//! Stored as `{"level": ..., "symbols": [...]}`.

use arbor_core::Table;
use serde::{Deserialize, Serialize};

/// Padding (also the ignored target of the loss).
pub const PAD: i64 = 0;
/// A symbol the model has not seen.
pub const UNK: i64 = 1;
/// The decoder's first input.
pub const BOS: i64 = 2;
/// The end of an output.
pub const EOS: i64 = 3;
const SPECIALS: i64 = 4;

/// How a side of a pair is cut into symbols.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Every character (spaces included).
    #[default]
    Char,
    /// Whitespace-separated tokens (phones, words).
    Token,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "char" => Ok(Level::Char),
            "token" => Ok(Level::Token),
            _ => Err(format!("unknown level '{s}': expected char or token")),
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::Char => "char",
            Level::Token => "token",
        })
    }
}

impl Level {
    /// The symbols of `text` at this level.
    pub fn split(self, text: &str) -> Vec<&str> {
        match self {
            Level::Char => text.char_indices().map(|(i, c)| &text[i..i + c.len_utf8()]).collect(),
            Level::Token => text.split_whitespace().collect(),
        }
    }

    /// Symbols back to text.
    pub fn join(self, symbols: &[&str]) -> String {
        symbols.join(if self == Level::Char { "" } else { " " })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SymbolsFile", into = "SymbolsFile")]
pub struct Symbols {
    pub level: Level,
    table: Table,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SymbolsFile {
    level: Level,
    symbols: Vec<String>,
}

impl TryFrom<SymbolsFile> for Symbols {
    type Error = String;
    fn try_from(file: SymbolsFile) -> Result<Symbols, String> {
        Ok(Symbols { level: file.level, table: Table::from_names(file.symbols)? })
    }
}

impl From<Symbols> for SymbolsFile {
    fn from(s: Symbols) -> SymbolsFile {
        SymbolsFile { level: s.level, symbols: s.table.names().to_vec() }
    }
}

impl Symbols {
    pub fn new(level: Level) -> Symbols {
        Symbols { level, table: Table::default() }
    }

    /// Add the symbols of `text`.
    pub fn add(&mut self, text: &str) {
        for s in self.level.split(text) {
            self.table.add(s);
        }
    }

    /// Number of ids, specials included.
    pub fn len(&self) -> usize {
        self.table.len() + SPECIALS as usize
    }

    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// Ids of `text`'s symbols ([`UNK`] for unseen ones) and how many were unseen.
    pub fn encode(&self, text: &str) -> (Vec<i64>, usize) {
        self.encode_symbols(&self.level.split(text))
    }

    /// Ids of symbols already split ([`UNK`] for unseen ones) and how many were unseen.
    pub fn encode_symbols(&self, symbols: &[&str]) -> (Vec<i64>, usize) {
        let ids: Vec<i64> = symbols.iter().map(|s| self.table.id(s).map_or(UNK, |i| i64::from(i) + SPECIALS)).collect();
        let unknown = ids.iter().filter(|&&i| i == UNK).count();
        (ids, unknown)
    }

    /// The symbol of an id (`<unk>` for the specials and any id out of range).
    pub fn symbol(&self, id: i64) -> &str {
        u32::try_from(id - SPECIALS).ok().and_then(|i| self.table.get(i)).unwrap_or("<unk>")
    }

    /// Ids (without the end id) back to text.
    pub fn decode(&self, ids: &[i64]) -> String {
        let symbols: Vec<&str> = ids.iter().map(|&i| self.symbol(i)).collect();
        self.level.join(&symbols)
    }
}

/// The symbol tables of a model: source, target and, for a model with source features, the
/// features.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocabs {
    pub source: Symbols,
    pub target: Symbols,
    pub features: Option<Symbols>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_levels_round_trip_and_unknown_symbols_are_counted() {
        let mut chars = Symbols::new(Level::Char);
        chars.add("héllo");
        let (ids, unknown) = chars.encode("hélp");
        assert_eq!((chars.decode(&ids), unknown), ("hél<unk>".to_string(), 1));
        let mut tokens = Symbols::new(Level::Token);
        tokens.add("HH AH0 L OW1");
        let (ids, unknown) = tokens.encode(" HH  OW1 ");
        assert_eq!((tokens.decode(&ids), unknown), ("HH OW1".to_string(), 0));
        assert_eq!(tokens.len(), 8);
        let back: Symbols = serde_json::from_str(&serde_json::to_string(&tokens).unwrap()).unwrap();
        assert_eq!(back, tokens);
        assert!(serde_json::from_str::<Symbols>(r#"{"level":"char","symbols":["a"],"x":1}"#).is_err());
    }
}
