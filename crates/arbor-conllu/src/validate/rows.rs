//! A sentence seen as the validator sees a file: its token lines in file order, each with its
//! line number and its columns as strings.

use regex::Regex;

use crate::sentence::{EmptyNode, Sentence};

/// A built-in pattern of the validator's rules (each is a constant, compiled once in a
/// `LazyLock`; a typo would fail every test at once).
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("bad built-in pattern {pattern}: {e}"))
}

/// What an ID says a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A multiword token covering words `first..=last`.
    Range(usize, usize),
    Empty,
}

/// One token line. Columns a kind does not have (a range's UPOS, an empty node's HEAD) are `_`.
#[derive(Clone, Debug)]
pub(crate) struct Row<'a> {
    pub kind: Kind,
    /// The ID as written: `3`, `3-4`, `3.1`.
    pub id: String,
    pub form: &'a str,
    pub upos: &'a str,
    pub feats: &'a str,
    /// HEAD of a word; `None` for `_` (and for ranges and empty nodes).
    pub head: Option<usize>,
    pub deprel: &'a str,
    pub deps: &'a str,
    pub misc: &'a str,
    pub line: usize,
}

fn empty_row(e: &EmptyNode) -> Row<'_> {
    Row {
        kind: Kind::Empty,
        id: format!("{}.{}", e.after, e.index),
        form: &e.form,
        upos: &e.upos,
        feats: &e.feats,
        head: None,
        deprel: "_",
        deps: &e.deps,
        misc: &e.misc,
        line: 0,
    }
}

/// The token lines of `s` in the order the reader requires (ranges before their first word,
/// empty nodes right after the word they follow); `first_line` is the line of the first one.
pub(crate) fn rows(s: &Sentence, first_line: usize) -> Vec<Row<'_>> {
    let mut out = Vec::with_capacity(s.words.len() + s.multiwords.len() + s.empty_nodes.len());
    let mut ranges = s.multiwords.iter().peekable();
    let mut empties = s.empty_nodes.iter().peekable();
    while let Some(e) = empties.next_if(|e| e.after == 0) {
        out.push(empty_row(e));
    }
    for (i, w) in s.words.iter().enumerate() {
        let id = i + 1;
        while let Some(m) = ranges.next_if(|m| m.first == id) {
            out.push(Row {
                kind: Kind::Range(m.first, m.last),
                id: format!("{}-{}", m.first, m.last),
                form: &m.form,
                upos: "_",
                feats: &m.feats,
                head: None,
                deprel: "_",
                deps: "_",
                misc: &m.misc,
                line: 0,
            });
        }
        out.push(Row {
            kind: Kind::Word,
            id: id.to_string(),
            form: &w.form,
            upos: &w.upos,
            feats: &w.feats,
            head: w.head,
            deprel: &w.deprel,
            deps: &w.deps,
            misc: &w.misc,
            line: 0,
        });
        while let Some(e) = empties.next_if(|e| e.after == id) {
            out.push(empty_row(e));
        }
    }
    for (i, row) in out.iter_mut().enumerate() {
        row.line = first_line + i;
    }
    out
}

/// `3` → (3, 0), `3.1` → (3, 1): node IDs in the order UD sorts them (`1.10` after `1.9`).
pub(crate) fn node_order(id: &str) -> Option<(usize, usize)> {
    match id.split_once('.') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => Some((id.parse().ok()?, 0)),
    }
}

/// The `(head, relation)` pairs of a DEPS column; `None` when an entry has no `:`.
pub(crate) fn deps_pairs(deps: &str) -> Option<Vec<(&str, &str)>> {
    if deps == "_" {
        return Some(Vec::new());
    }
    deps.split('|').map(|d| d.split_once(':')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_file_order_with_lines() {
        let text =
            "# c\n0.1\te\t_\t_\t_\t_\t_\t_\t1:x\t_\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\tX\t_\t_\t0\troot\t_\t_\n\
                    2\tb\t_\tX\t_\t_\t1\tdep\t_\t_\n2.1\tc\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
        let s = crate::Reader::new(text.as_bytes(), "t").next().unwrap().unwrap();
        let r = rows(&s, 2);
        let ids: Vec<_> = r.iter().map(|r| (r.id.as_str(), r.line)).collect();
        assert_eq!(ids, [("0.1", 2), ("1-2", 3), ("1", 4), ("2", 5), ("2.1", 6)]);
        assert_eq!(r[1].kind, Kind::Range(1, 2));
        assert_eq!(r[3].head, Some(1));
    }

    #[test]
    fn node_ids_sort_numerically_and_deps_parse() {
        assert!(node_order("1.9") < node_order("1.10"));
        assert!(node_order("2") > node_order("1.10"));
        assert_eq!(deps_pairs("2:nsubj|3.1:obj:x"), Some(vec![("2", "nsubj"), ("3.1", "obj:x")]));
        assert_eq!(deps_pairs("2"), None);
        assert_eq!(deps_pairs("_"), Some(vec![]));
    }
}
