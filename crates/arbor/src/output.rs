//! Output formats of parsed sentences: CoNLL-U, JSON lines (one object a sentence) and a
//! readable tree, written by [`OutputFormat::write`].

use std::fmt::Write as _;
use std::io;

use arbor_conllu::{Sentence, Writer};
use serde_json::{json, Value};

/// How sentences are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    #[default]
    Conllu,
    /// One JSON object a line (see [`json`]).
    Json,
    /// A dependency tree per sentence (see [`tree`]).
    Tree,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "conllu" => Ok(OutputFormat::Conllu),
            "json" => Ok(OutputFormat::Json),
            "tree" => Ok(OutputFormat::Tree),
            _ => Err(format!("unknown output format '{s}': expected conllu, json or tree")),
        }
    }
}

impl OutputFormat {
    /// Write `sentences` to `out` in this format.
    pub fn write(self, out: &mut dyn io::Write, sentences: &[Sentence]) -> io::Result<()> {
        for s in sentences {
            match self {
                OutputFormat::Json => writeln!(out, "{}", json(s))?,
                OutputFormat::Tree => writeln!(out, "{}", tree(s))?,
                OutputFormat::Conllu => Writer::new(&mut *out).write(s).map_err(|e| match e {
                    arbor_conllu::Error::Io { error, .. } => error,
                    e => io::Error::other(e),
                })?,
            }
        }
        Ok(())
    }
}

/// One JSON object for a sentence: id, text, tokens (with their words) and words. A word or
/// multiword token with `TokenRange=a:b` in MISC has `"start": a, "end": b` too (character
/// offsets into the input text).
pub fn json(s: &Sentence) -> Value {
    let words: Vec<Value> = s
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut v = json!({
                "id": i + 1, "form": w.form, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos, "feats": w.feats,
                "head": w.head, "deprel": w.deprel, "misc": w.misc,
            });
            add_range(&mut v, w.misc_value("TokenRange"));
            v
        })
        .collect();
    let tokens: Vec<Value> = s
        .multiwords
        .iter()
        .map(|m| {
            let mut v = json!({"first": m.first, "last": m.last, "form": m.form, "misc": m.misc});
            add_range(&mut v, m.misc_value("TokenRange"));
            v
        })
        .collect();
    json!({ "sent_id": s.meta("sent_id"), "text": s.meta("text"), "multiwords": tokens, "words": words })
}

fn add_range(v: &mut Value, range: Option<&str>) {
    let parsed =
        range.and_then(|r| r.split_once(':')).and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)));
    if let (Some((start, end)), Value::Object(map)) = (parsed, v) {
        map.insert("start".into(), start.into());
        map.insert("end".into(), end.into());
    }
}

/// A dependency tree for the terminal: each word under its head, dependents in word order;
/// form, lemma (when there is one), UPOS and relation.
///
/// ```text
/// # I saw a girl.
/// saw  see  VERB  root
/// ├── I  I  PRON  nsubj
/// ├── girl  girl  NOUN  obj
/// │   └── a  a  DET  det
/// └── .  .  PUNCT  punct
/// ```
pub fn tree(s: &Sentence) -> String {
    let mut out = String::new();
    if let Some(text) = s.meta("text") {
        let _ = writeln!(out, "# {text}");
    }
    let n = s.words.len();
    let mut children = vec![Vec::new(); n + 1];
    for (i, w) in s.words.iter().enumerate() {
        match w.head {
            Some(h) if h <= n => children[h].push(i + 1),
            _ => children[0].push(i + 1),
        }
    }
    // Iterative depth-first walk: (node, prefix for its children, is last child, depth).
    let mut stack: Vec<(usize, String, bool, usize)> =
        children[0].iter().rev().map(|&c| (c, String::new(), true, 0)).collect();
    let mut seen = vec![false; n + 1];
    while let Some((node, prefix, last, depth)) = stack.pop() {
        if seen[node] {
            continue; // a cycle in a malformed input tree
        }
        seen[node] = true;
        let w = &s.words[node - 1];
        let branch = if depth == 0 {
            ""
        } else if last {
            "└── "
        } else {
            "├── "
        };
        let _ = if w.lemma == "_" {
            writeln!(out, "{prefix}{branch}{}  {}  {}", w.form, w.upos, w.deprel)
        } else {
            writeln!(out, "{prefix}{branch}{}  {}  {}  {}", w.form, w.lemma, w.upos, w.deprel)
        };
        let child_prefix =
            if depth == 0 { String::new() } else { format!("{prefix}{}", if last { "    " } else { "│   " }) };
        let kids = &children[node];
        for (k, &c) in kids.iter().enumerate().rev() {
            stack.push((c, child_prefix.clone(), k + 1 == kids.len(), depth + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_conllu::Word;

    fn sentence() -> Sentence {
        let mut words = Vec::new();
        for (form, upos, head, rel) in [
            ("I", "PRON", 2, "nsubj"),
            ("saw", "VERB", 0, "root"),
            ("a", "DET", 4, "det"),
            ("girl", "NOUN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
        ] {
            let mut w = Word::new(form);
            w.upos = upos.into();
            w.head = Some(head);
            w.deprel = rel.into();
            words.push(w);
        }
        let mut s = Sentence::from_words(words);
        s.set_meta("text", "I saw a girl.");
        s
    }

    #[test]
    fn tree_puts_every_word_under_its_head() {
        let expected = "# I saw a girl.\nsaw  VERB  root\n├── I  PRON  nsubj\n├── girl  NOUN  obj\n│   └── a  DET  det\n└── .  PUNCT  punct\n";
        assert_eq!(tree(&sentence()), expected);
    }

    #[test]
    fn tree_and_json_show_lemmas_when_there_are_some() {
        let mut s = sentence();
        s.words[1].lemma = "see".into();
        assert!(tree(&s).contains("\nsaw  see  VERB  root\n├── I  PRON  nsubj\n"), "{}", tree(&s));
        assert_eq!(json(&s)["words"][1]["lemma"], "see");
    }

    #[test]
    fn json_has_words_with_heads() {
        let v = json(&sentence());
        assert_eq!(v["text"], "I saw a girl.");
        assert_eq!(v["words"][3]["head"], 2);
        assert_eq!(v["words"][3]["deprel"], "obj");
    }
}
