//! Validation beyond what the reader enforces. The reader checks the CoNLL-U backbone (level 1 of
//! the UD validator: IDs, ranges, empty nodes, columns, whitespace, Unicode, line ends); this
//! module adds level 2, the UD format rules, as `udvalidate --level 2` defines them:
//!
//! - references: HEAD and DEPS heads name nodes of the sentence;
//! - the basic tree: no self-loop, one root, every word reachable from it;
//! - columns: UPOS among the 17 tags, FEATS syntax, order and uniqueness, DEPREL and DEPS
//!   syntax with universal main types, DEPS order and no self-loop, documented MISC attributes
//!   once;
//! - the enhanced graph in all sentences or none, and connected when present;
//! - metadata: one unique `# sent_id`, `# parallel_id`, `# newdoc`/`# newpar`, and `# text`
//!   against FORM and `SpaceAfter=No`.
//!
//! Each problem carries the rule name the UD validator uses, so its documentation applies.
//! [`validate_tree`] is the stricter check Arbor uses on its own parses (level-2 structure plus
//! the `root` label rule).

mod columns;
mod enhanced;
mod meta;
mod problem;
mod rows;
mod tree;

pub use columns::{DEPRELS, UPOS};
pub use problem::Problem;
use problem::State;
pub use tree::{validate_tree, word_line, TreeError};

use crate::sentence::Sentence;

/// How much `arbor validate` checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The CoNLL-U backbone only (the reader's rules).
    Format = 1,
    /// The UD format rules on top (the default).
    #[default]
    Ud = 2,
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Level, String> {
        match n {
            1 => Ok(Level::Format),
            2 => Ok(Level::Ud),
            _ => Err(format!("validation level {n} does not exist here: use 1 (CoNLL-U format) or 2 (UD format)")),
        }
    }
}

/// Checks sentences one after the other; rules across sentences (unique `sent_id`, enhanced
/// graphs in all or none) span every sentence given to one validator, across files too.
#[derive(Debug)]
pub struct Validator {
    level: Level,
    lang: String,
    state: State,
}

impl Validator {
    /// `lang` is the language code (`ud` for the universal rules only); at level 2 it decides
    /// only whether one `/` may appear in a `sent_id` (for `ud`).
    pub fn new(level: Level, lang: impl Into<String>) -> Validator {
        Validator { level, lang: lang.into(), state: State::default() }
    }

    pub fn level(&self) -> Level {
        self.level
    }

    /// The problems of a sentence the reader accepted; `first_line` is the line of its first
    /// token line ([`crate::Reader::sentence_line`]). Problems come in line order within a rule
    /// group; after a broken reference or tree the remaining rules are skipped, as in the UD
    /// validator.
    pub fn check(&mut self, s: &Sentence, first_line: usize) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.level < Level::Ud {
            return out;
        }
        let rows = rows::rows(s, first_line);
        if !enhanced::references(&rows, &mut out) {
            return out;
        }
        let tree: Vec<Problem> = tree::structure(s)
            .into_iter()
            .map(|e| Problem::new(word_line(s, first_line, e.word.max(1)), e.rule, e.problem))
            .collect();
        if !tree.is_empty() {
            return tree;
        }
        let mut well_formed = true;
        for row in &rows {
            columns::upos(row, &mut out);
            well_formed &= columns::feats(row, &mut out);
            columns::deprel(row, self.state.deps_checked, &mut out);
            self.state.deps_checked |= columns::deps(row, &mut out);
            columns::misc(row, &mut out);
        }
        if !well_formed {
            return out;
        }
        let state = &mut self.state;
        enhanced::all_or_none(&rows, first_line, state, &mut out);
        let comments = meta::comment_lines(s);
        meta::sent_id(&comments, first_line, &self.lang, state, &mut out);
        meta::parallel_id(&comments, first_line, state, &mut out);
        meta::text(&comments, &rows, first_line, state, &mut out);
        enhanced::connected(&rows, &mut out);
        out
    }
}

#[cfg(test)]
mod tests;
