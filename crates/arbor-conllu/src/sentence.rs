//! The sentence model: syntactic words, multiword-token ranges, empty nodes and comments.
//!
//! Columns are kept as the strings of the file (`_` for an unspecified value) so that a
//! sentence that was read writes back byte for byte. `head` is the one parsed column.

use serde::{Deserialize, Serialize};

/// A comment line, stored without its leading `#`, e.g. `" sent_id = 1"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment(pub String);

impl Comment {
    /// `key = value` comments (`# sent_id = 1`) as a pair of trimmed strings.
    pub fn key_value(&self) -> Option<(&str, &str)> {
        let (key, value) = self.0.split_once('=')?;
        let key = key.trim();
        (!key.is_empty() && !key.contains(' ')).then(|| (key, value.trim()))
    }

    /// The comment's key alone when it has no value (`# newpar`, `# newdoc`).
    pub fn flag(&self) -> Option<&str> {
        let t = self.0.trim();
        (!t.is_empty() && !t.contains(char::is_whitespace) && !t.contains('=')).then_some(t)
    }
}

/// A syntactic word (a line whose ID is an integer). `head` is `None` when the column is `_`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// A word with the given form and every other column unspecified.
    pub fn new(form: impl Into<String>) -> Word {
        let u = || "_".to_string();
        Word {
            form: form.into(),
            lemma: u(),
            upos: u(),
            xpos: u(),
            feats: u(),
            head: None,
            deprel: u(),
            deps: u(),
            misc: u(),
        }
    }

    /// The deprel without its subtype (`nmod:poss` → `nmod`).
    pub fn universal_deprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }

    /// The value of a MISC attribute (`SpaceAfter` → `Some("No")`).
    pub fn misc_value(&self, key: &str) -> Option<&str> {
        misc_value(&self.misc, key)
    }

    /// Set (or with `None` remove) a MISC attribute, keeping the others in their order.
    pub fn set_misc_value(&mut self, key: &str, value: Option<&str>) {
        self.misc = set_misc_value(&self.misc, key, value);
    }

    /// `(name, value)` pairs of FEATS; empty for `_`.
    pub fn features(&self) -> impl Iterator<Item = (&str, &str)> {
        pairs(&self.feats)
    }
}

/// A multiword token: the surface form that covers words `first..=last` (1-based IDs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Multiword {
    pub first: usize,
    pub last: usize,
    pub form: String,
    /// FEATS of the token line: `_`, or `Typo=Yes` as UD allows.
    pub feats: String,
    pub misc: String,
}

impl Multiword {
    /// The value of a MISC attribute of the token.
    pub fn misc_value(&self, key: &str) -> Option<&str> {
        misc_value(&self.misc, key)
    }

    /// Set (or with `None` remove) a MISC attribute of the token.
    pub fn set_misc_value(&mut self, key: &str, value: Option<&str>) {
        self.misc = set_misc_value(&self.misc, key, value);
    }
}

/// An empty node `after.index` (e.g. `8.1`) of the enhanced graph. HEAD and DEPREL are `_`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmptyNode {
    pub after: usize,
    pub index: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub deps: String,
    pub misc: String,
}

/// One sentence. `words[i]` has ID `i + 1`; `multiwords` are ordered by `first` and do not
/// overlap; `empty_nodes` are ordered by `(after, index)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub comments: Vec<Comment>,
    pub words: Vec<Word>,
    pub multiwords: Vec<Multiword>,
    pub empty_nodes: Vec<EmptyNode>,
}

/// A surface token: a single word, or a multiword token with its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Word { id: usize, word: &'a Word },
    Multiword { token: &'a Multiword, words: &'a [Word] },
}

impl<'a> Token<'a> {
    /// The surface form.
    pub fn form(&self) -> &'a str {
        match self {
            Token::Word { word, .. } => &word.form,
            Token::Multiword { token, .. } => &token.form,
        }
    }

    /// The MISC column of the token's line (the word's, or the multiword token's).
    pub fn misc(&self) -> &'a str {
        match self {
            Token::Word { word, .. } => &word.misc,
            Token::Multiword { token, .. } => &token.misc,
        }
    }

    /// The value of a MISC attribute of the token's line.
    pub fn misc_value(&self, key: &str) -> Option<&'a str> {
        misc_value(self.misc(), key)
    }

    /// Whether `SpaceAfter=No` is set on the token.
    pub fn no_space_after(&self) -> bool {
        self.misc_value("SpaceAfter") == Some("No")
    }
}

impl Sentence {
    /// A sentence of the given words, no comments, no multiword tokens.
    pub fn from_words(words: Vec<Word>) -> Sentence {
        Sentence { words, ..Sentence::default() }
    }

    /// The value of a `# key = value` comment.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| c.key_value().filter(|(k, _)| *k == key).map(|(_, v)| v))
    }

    /// Set a `# key = value` comment, replacing an existing one or appending.
    pub fn set_meta(&mut self, key: &str, value: &str) {
        let line = Comment(format!(" {key} = {value}"));
        match self.comments.iter_mut().find(|c| c.key_value().is_some_and(|(k, _)| k == key)) {
            Some(c) => *c = line,
            None => self.comments.push(line),
        }
    }

    /// Whether a flag comment (`# newpar`, `# newdoc`, `# newdoc id = ...` or `# newpar = ...`) is present.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.comments.iter().any(|c| {
            let mut words = c.0.split_whitespace();
            words.next() == Some(flag) && matches!(words.next(), None | Some("id") | Some("="))
        })
    }

    /// The surface tokens in order.
    pub fn tokens(&self) -> impl Iterator<Item = Token<'_>> {
        let mut next_word = 1;
        let mut mwt = self.multiwords.iter().peekable();
        std::iter::from_fn(move || {
            if next_word > self.words.len() {
                return None;
            }
            if let Some(token) = mwt.next_if(|m| m.first == next_word) {
                next_word = token.last + 1;
                return Some(Token::Multiword { token, words: &self.words[token.first - 1..token.last] });
            }
            let id = next_word;
            next_word += 1;
            Some(Token::Word { id, word: &self.words[id - 1] })
        })
    }

    /// The text the tokens spell, with a space after every token but those with `SpaceAfter=No`
    /// and the last.
    pub fn surface_text(&self) -> String {
        let mut text = String::new();
        let mut tokens = self.tokens().peekable();
        while let Some(t) = tokens.next() {
            text.push_str(t.form());
            if tokens.peek().is_some() && !t.no_space_after() {
                text.push(' ');
            }
        }
        text
    }
}

fn pairs(column: &str) -> impl Iterator<Item = (&str, &str)> {
    column.split('|').filter(|p| *p != "_" && !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
}

pub(crate) fn misc_value<'a>(misc: &'a str, key: &str) -> Option<&'a str> {
    pairs(misc).find(|(k, _)| *k == key).map(|(_, v)| v)
}

pub(crate) fn set_misc_value(misc: &str, key: &str, value: Option<&str>) -> String {
    let mut parts: Vec<String> = misc
        .split('|')
        .filter(|p| *p != "_" && !p.is_empty() && p.split_once('=').map_or(*p, |(k, _)| k) != key)
        .map(str::to_string)
        .collect();
    if let Some(v) = value {
        parts.push(format!("{key}={v}"));
    }
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("|")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misc_values_are_set_and_removed_in_place() {
        let mut w = Word::new("go");
        w.set_misc_value("SpaceAfter", Some("No"));
        assert_eq!(w.misc, "SpaceAfter=No");
        w.set_misc_value("TokenRange", Some("0:2"));
        assert_eq!(w.misc, "SpaceAfter=No|TokenRange=0:2");
        assert_eq!(w.misc_value("TokenRange"), Some("0:2"));
        w.set_misc_value("SpaceAfter", None);
        w.set_misc_value("TokenRange", None);
        assert_eq!(w.misc, "_");
    }

    #[test]
    fn paragraph_and_document_flags_are_found_with_or_without_ids() {
        let mut s = Sentence::default();
        s.comments.push(Comment(" newdoc id = weblog-1".into()));
        s.comments.push(Comment(" newpar".into()));
        s.comments.push(Comment(" text = newpar is a word here".into()));
        assert!(s.has_flag("newdoc") && s.has_flag("newpar"));
        s.comments.remove(1);
        assert!(!s.has_flag("newpar"), "`# text = newpar ...` is no paragraph flag");
    }

    #[test]
    fn comments_give_keys_values_and_flags() {
        assert_eq!(Comment(" sent_id = a-1".into()).key_value(), Some(("sent_id", "a-1")));
        assert_eq!(Comment(" text = x = y".into()).key_value(), Some(("text", "x = y")));
        assert_eq!(Comment(" newpar".into()).flag(), Some("newpar"));
        assert_eq!(Comment(" a free comment".into()).flag(), None);
        let mut s = Sentence::default();
        s.set_meta("sent_id", "1");
        s.set_meta("sent_id", "2");
        assert_eq!(s.comments.len(), 1);
        assert_eq!(s.meta("sent_id"), Some("2"));
    }

    #[test]
    fn tokens_group_multiword_ranges_and_text_follows_space_after() {
        let mut s = Sentence::from_words(vec![Word::new("I"), Word::new("do"), Word::new("n't"), Word::new(".")]);
        s.multiwords.push(Multiword {
            first: 2,
            last: 3,
            form: "don't".into(),
            feats: "_".into(),
            misc: "SpaceAfter=No".into(),
        });
        let forms: Vec<_> = s.tokens().map(|t| t.form().to_string()).collect();
        assert_eq!(forms, ["I", "don't", "."]);
        assert_eq!(s.surface_text(), "I don't.");
    }
}
