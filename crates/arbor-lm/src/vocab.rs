//! Token vocabularies. Word level: the whitespace-separated tokens of a line; character level:
//! every character of the line (spaces included). Each line ends with `<eos>`. Ids follow the
//! order of first appearance in the training data; `<unk>` is always present.

use arbor_core::Table;
use serde::{Deserialize, Serialize};

pub const EOS: &str = "<eos>";
pub const UNK: &str = "<unk>";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Word,
    Char,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "word" => Ok(Level::Word),
            "char" => Ok(Level::Char),
            _ => Err(format!("unknown level '{s}': expected word or char")),
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::Word => "word",
            Level::Char => "char",
        })
    }
}

/// Call `f` on each token of `line` at `level`, then on `<eos>`.
pub fn for_each_token(line: &str, level: Level, mut f: impl FnMut(&str)) {
    match level {
        Level::Word => line.split_whitespace().for_each(&mut f),
        Level::Char => {
            let mut buf = [0u8; 4];
            line.chars().for_each(|c| f(c.encode_utf8(&mut buf)));
        }
    }
    f(EOS);
}

/// The vocabulary of a model, on the shared [`Table`]; stored as `{"level": ..., "tokens": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "VocabFile", into = "VocabFile")]
pub struct Vocab {
    pub level: Level,
    tokens: Table,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabFile {
    level: Level,
    tokens: Vec<String>,
}

impl TryFrom<VocabFile> for Vocab {
    type Error = String;
    fn try_from(f: VocabFile) -> Result<Vocab, String> {
        let tokens = Table::from_names(f.tokens)?;
        if tokens.id(UNK).is_none() || tokens.id(EOS).is_none() {
            return Err(format!("a vocabulary needs {UNK} and {EOS}"));
        }
        Ok(Vocab { level: f.level, tokens })
    }
}

impl From<Vocab> for VocabFile {
    fn from(v: Vocab) -> VocabFile {
        VocabFile { level: v.level, tokens: v.tokens.names().to_vec() }
    }
}

impl Vocab {
    /// A vocabulary of `<eos>`, `<unk>` and the tokens of `lines`.
    pub fn build<'a>(lines: impl IntoIterator<Item = &'a str>, level: Level) -> Vocab {
        let mut v = Vocab { level, tokens: Table::default() };
        for line in lines {
            for_each_token(line, level, |t| {
                v.add(t);
            });
        }
        v.add(UNK);
        v
    }

    pub fn add(&mut self, token: &str) -> u32 {
        self.tokens.add(token)
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn id(&self, token: &str) -> Option<u32> {
        self.tokens.id(token)
    }

    pub fn token(&self, id: u32) -> &str {
        self.tokens.name(id)
    }

    pub fn unk(&self) -> u32 {
        self.id(UNK).expect("every vocabulary has <unk>")
    }

    pub fn eos(&self) -> u32 {
        self.id(EOS).expect("every vocabulary has <eos>")
    }

    /// Ids of a line's tokens and `<eos>`, unknown tokens as `<unk>`; also how many were unknown.
    pub fn encode_line(&self, line: &str) -> (Vec<u32>, usize) {
        let (mut ids, mut unknown) = (Vec::new(), 0);
        let unk = self.unk();
        for_each_token(line, self.level, |t| {
            ids.push(self.id(t).unwrap_or_else(|| {
                unknown += 1;
                unk
            }))
        });
        (ids, unknown)
    }

    /// Ids of the tokens of `text` without a final `<eos>`, and how many were unknown.
    pub fn encode_tokens(&self, text: &str) -> (Vec<u32>, usize) {
        let (mut ids, unknown) = self.encode_line(text);
        ids.pop();
        (ids, unknown)
    }

    /// Join tokens back into text: spaces between words, nothing between characters.
    pub fn join(&self, ids: &[u32]) -> String {
        let sep = if self.level == Level::Word { " " } else { "" };
        ids.iter().map(|&i| if i == self.eos() { "\n" } else { self.token(i) }).collect::<Vec<_>>().join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_characters_end_with_eos_and_unknowns_become_unk() {
        let v = Vocab::build(["a b a", "c"], Level::Word);
        assert_eq!(v.len(), 5); // a b <eos> c <unk>
        assert_eq!(v.encode_line("a z"), (vec![0, 4, 2], 1));
        let c = Vocab::build(["ab a"], Level::Char);
        let (ids, unk) = c.encode_line("b a");
        assert_eq!(unk, 0);
        assert_eq!(c.join(&ids[..3]), "b a");
        let json = serde_json::to_string(&v).unwrap();
        let back: Vocab = serde_json::from_str::<Vocab>(&json).unwrap();
        assert_eq!(back, v);
    }
}
