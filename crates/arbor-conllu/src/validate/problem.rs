//! What the validator reports ([`Problem`]) and what the rules that span sentences remember.

use std::collections::{HashMap, HashSet};

/// One broken rule: the line it concerns, the UD validator's name for the rule, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub rule: &'static str,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(line: usize, rule: &'static str, message: String) -> Problem {
        Problem { line, rule, message }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} [{}]", self.line, self.message, self.rule)
    }
}

/// What the rules that span sentences remember.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) sent_ids: HashSet<String>,
    pub(crate) parallel_ids: HashSet<String>,
    pub(crate) parallel_alt: HashMap<String, Option<u64>>,
    pub(crate) parallel_part: HashMap<String, Option<u64>>,
    pub(crate) first_graph_line: Option<usize>,
    pub(crate) first_plain_line: Option<usize>,
    /// The last token read said `SpaceAfter=No`.
    pub(crate) space_after_no: bool,
    /// A DEPS value has been checked (from then on DEPREL `ref` passes, see `columns::deprel`).
    pub(crate) deps_checked: bool,
}
