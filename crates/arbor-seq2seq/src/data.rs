//! Pair files: one `source<TAB>target` a line, optionally `source<TAB>target<TAB>features`
//! (whitespace-separated source features such as a UPOS tag, in every line or in none). Every
//! line must be a pair: an empty line, a line without a tab, an empty side or a source longer
//! than the model takes is an error naming the file and line. Several lines with the same
//! source (and features) are alternatives (e.g. pronunciation variants): each is a training
//! example, and evaluation counts any of them as correct.

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
    /// Source features (empty when the file has none).
    pub features: String,
    pub line: usize,
}

/// A distinct source (with its features) and every target given for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub source: String,
    pub features: String,
    pub targets: Vec<String>,
}

/// Read every pair of `path`; a source of more than `max_source` symbols at `level` is an error.
pub fn read_pairs(path: &Path, level: Level, max_source: usize) -> Result<Vec<Pair>> {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut featured: Option<(bool, usize)> = None;
    Lines::open(path)?.try_for_each(|line| {
        let at = |problem: String| Error::Line { path: path.into(), line: line.number, problem };
        let Some((source, rest)) = line.text.split_once('\t') else {
            let what = if line.text.trim().is_empty() { "an empty line" } else { "no tab" };
            return Err(at(format!("{what}: each line is source<TAB>target")));
        };
        let (target, features) = rest.split_once('\t').unwrap_or((rest, ""));
        let has = rest.contains('\t');
        match featured {
            None => featured = Some((has, line.number)),
            Some((first, n)) if first != has => {
                let (this, that) = if has { ("has", "had none") } else { ("has no", "had one") };
                return Err(at(format!("this line {this} third column (source features) but line {n} {that}")));
            }
            Some(_) => {}
        }
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
        let features = features.split_whitespace().collect::<Vec<_>>().join(" ");
        pairs.push(Pair { source: source.to_string(), target: target.to_string(), features, line: line.number });
        Ok(())
    })?;
    if pairs.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "no pairs: each line is source<TAB>target".into() });
    }
    Ok(pairs)
}

/// Each distinct source (and features) with all its targets, in order of first appearance.
pub fn references(pairs: &[Pair]) -> Vec<Reference> {
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut out: Vec<Reference> = Vec::new();
    for p in pairs {
        let i = *index.entry((&p.source, &p.features)).or_insert_with(|| {
            out.push(Reference { source: p.source.clone(), features: p.features.clone(), targets: Vec::new() });
            out.len() - 1
        });
        out[i].targets.push(p.target.clone());
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
            ("ab\tx\tNOUN\ncd\ty\n", ":2: this line has no third column (source features) but line 1 had one"),
        ];
        for (text, expected) in cases {
            let e = read(text).unwrap_err().to_string();
            assert!(e.contains(expected), "{text:?}: {e}");
        }
    }

    #[test]
    fn variants_of_a_source_are_grouped() {
        let pairs = read("ab\tx\ncd\ty\nab\tz\n").unwrap();
        let r = |source: &str, features: &str, targets: &[&str]| Reference {
            source: source.into(),
            features: features.into(),
            targets: targets.iter().map(|t| t.to_string()).collect(),
        };
        assert_eq!(references(&pairs), [r("ab", "", &["x", "z"]), r("cd", "", &["y"])]);
        let pairs = read("ab\tx\tNOUN\nab\ty\tVERB  Tense=Past\nab\tz\tNOUN\n").unwrap();
        assert_eq!(references(&pairs), [r("ab", "NOUN", &["x", "z"]), r("ab", "VERB Tense=Past", &["y"])]);
    }
}
