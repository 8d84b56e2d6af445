//! Level-2 rules on references and the enhanced graph: every HEAD and DEPS head names a node of
//! the sentence, the enhanced graph is present in all sentences or in none, and when present it
//! is connected to the root.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::problem::{Problem, State};
use super::rows::{deps_pairs, regex, Kind, Row};

static EHEAD: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?:0|[1-9][0-9]*)(?:\.[1-9][0-9]*)?$"));

/// HEAD of every word and the heads in every DEPS refer to nodes of the sentence (or 0).
/// Returns false when one does not: the tree and graph rules are then not checked.
pub(crate) fn references(rows: &[Row<'_>], out: &mut Vec<Problem>) -> bool {
    let ids: HashSet<&str> =
        rows.iter().filter(|r| !matches!(r.kind, Kind::Range(..))).map(|r| r.id.as_str()).collect();
    let words = rows.iter().filter(|r| r.kind == Kind::Word).count();
    let mut ok = true;
    for row in rows.iter().filter(|r| !matches!(r.kind, Kind::Range(..))) {
        let mut err = |rule, message: String| {
            out.push(Problem::new(row.line, rule, message));
            ok = false;
        };
        if row.kind == Kind::Word {
            match row.head {
                None => err("invalid-head", "HEAD is '_': a word needs a head (0 for the root)".into()),
                Some(h) if h > words => err("unknown-head", format!("HEAD {h}: the sentence has {words} words")),
                Some(_) => {}
            }
        }
        let Some(pairs) = deps_pairs(row.deps) else {
            err("invalid-deps", format!("DEPS '{}' is not a list of head:relation pairs joined by '|'", row.deps));
            continue;
        };
        for (head, _) in pairs {
            if !EHEAD.is_match(head) {
                err("invalid-ehead", format!("'{head}' in DEPS is not a node ID"));
            }
            if head != "0" && !ids.contains(head) {
                err("unknown-ehead", format!("DEPS head '{head}' is not a node of the sentence"));
            }
        }
    }
    ok
}

/// Enhanced graphs (a DEPS value or an empty node) in every sentence of a run, or in none.
pub(crate) fn all_or_none(rows: &[Row<'_>], line: usize, state: &mut State, out: &mut Vec<Problem>) {
    let has_graph = rows.iter().any(|r| r.kind == Kind::Empty || (r.kind == Kind::Word && r.deps != "_"));
    let (mine, other) = if has_graph {
        (&mut state.first_graph_line, state.first_plain_line)
    } else {
        (&mut state.first_plain_line, state.first_graph_line)
    };
    if mine.is_none() {
        *mine = Some(line);
        if let Some(at) = other {
            let m = if has_graph {
                format!("this sentence has enhanced dependencies, the one at line {at} has none: all or none must")
            } else {
                format!("this sentence has no enhanced dependencies, the one at line {at} has them: all or none must")
            };
            out.push(Problem::new(line, "edeps-only-sometimes", m));
        }
    }
}

/// When the sentence has an enhanced graph, every node is reachable from 0 through DEPS.
pub(crate) fn connected(rows: &[Row<'_>], out: &mut Vec<Problem>) {
    let nodes: Vec<&Row<'_>> = rows.iter().filter(|r| !matches!(r.kind, Kind::Range(..))).collect();
    if !nodes.iter().any(|r| r.kind == Kind::Empty || r.deps != "_") {
        return;
    }
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for node in &nodes {
        for (head, _) in deps_pairs(node.deps).unwrap_or_default() {
            children.entry(head).or_default().push(&node.id);
        }
    }
    let mut reached: HashSet<&str> = HashSet::new();
    let mut stack = vec!["0"];
    while let Some(n) = stack.pop() {
        for &c in children.get(n).map(Vec::as_slice).unwrap_or_default() {
            if reached.insert(c) {
                stack.push(c);
            }
        }
    }
    let unreached: Vec<&Row<'_>> = nodes.into_iter().filter(|r| !reached.contains(r.id.as_str())).collect();
    if let Some(first) = unreached.first() {
        let ids: Vec<&str> = unreached.iter().map(|r| r.id.as_str()).collect();
        let m =
            format!("the enhanced graph is not connected: nodes {} cannot be reached from the root", ids.join(", "));
        out.push(Problem::new(first.line, "unconnected-egraph", m));
    }
}
