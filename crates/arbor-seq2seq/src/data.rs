//! Pair files: one `source<TAB>target` a line. Every line must be a pair: an empty line, a
//! line without a tab, an empty side or a source longer than the model takes is an error
//! naming the file and line. Several lines with the same source are alternatives (e.g.
//! pronunciation variants): each is a training example, and evaluation counts any of them as
//! correct.

use std::collections::HashMap;
use std::path::Path;

use arbor_core::Lines;

use crate::error::{Error, Result};
use crate::vocab::Level;

/// One line of a pair file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub source: String,
    pub target: String,
    pub line: usize,
}

/// Read every pair of `path`; a source of more than `max_source` symbols at `level` is an error.
pub fn read_pairs(path: &Path, level: Level, max_source: usize) -> Result<Vec<Pair>> {
    let mut pairs = Vec::new();
    Lines::open(path)?.try_for_each(|line| {
        let at = |problem: String| Error::Line { path: path.into(), line: line.number, problem };
        let Some((source, target)) = line.text.split_once('\t') else {
            let what = if line.text.trim().is_empty() { "an empty line" } else { "no tab" };
            return Err(at(format!("{what}: each line is source<TAB>target")));
        };
        if source.trim().is_empty() || target.trim().is_empty() {
            return Err(at("an empty source or target: each line is source<TAB>target".into()));
        }
        let n = level.split(source).len();
        if n > max_source {
            return Err(at(format!(
                "the source has {n} symbols, more than max_source {max_source} (give a larger --max-source \
                 or leave such pairs out)"
            )));
        }
        pairs.push(Pair { source: source.to_string(), target: target.to_string(), line: line.number });
        Ok(())
    })?;
    if pairs.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "no pairs: each line is source<TAB>target".into() });
    }
    Ok(pairs)
}

/// Each distinct source with all its targets, in order of first appearance.
pub fn references(pairs: &[Pair]) -> Vec<(String, Vec<String>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for p in pairs {
        let i = *index.entry(&p.source).or_insert_with(|| {
            out.push((p.source.clone(), Vec::new()));
            out.len() - 1
        });
        out[i].1.push(p.target.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Pair>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pairs.tsv");
        std::fs::write(&path, text).unwrap();
        read_pairs(&path, Level::Char, 5)
    }

    #[test]
    fn bad_lines_are_named() {
        let cases = [
            ("ab\tx\n\ncd\ty\n", ":2: an empty line"),
            ("ab\tx\ncd y\n", ":2: no tab"),
            ("\tx\n", ":1: an empty source"),
            ("abcdef\tx\n", ":1: the source has 6 symbols, more than max_source 5"),
            ("", "no pairs"),
        ];
        for (text, expected) in cases {
            let e = read(text).unwrap_err().to_string();
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn variants_of_a_source_are_grouped() {
        let pairs = read("ab\tx\ncd\ty\nab\tz\n").unwrap();
        let refs = references(&pairs);
        assert_eq!(refs, [("ab".into(), vec!["x".into(), "z".into()]), ("cd".into(), vec!["y".into()])]);
    }
}
