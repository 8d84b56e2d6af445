//! Level-2 rules on single token lines: UPOS, FEATS, DEPREL, DEPS and the MISC attributes that
//! may occur once. Each rule keeps the name the UD validator gives it (`unknown-upos`, ...).

use std::sync::LazyLock;

use regex::Regex;

use super::problem::Problem;
use super::rows::{deps_pairs, node_order, regex, Kind, Row};

/// The 17 universal part-of-speech tags.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB", "X",
];

/// The 37 universal dependency relations (without subtypes).
pub const DEPRELS: [&str; 37] = [
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "case",
    "cc",
    "ccomp",
    "clf",
    "compound",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// MISC attributes that UD documents and that may occur at most once per line.
const SINGLE_MISC: [&str; 8] = ["SpaceAfter", "Lang", "Translit", "LTranslit", "Gloss", "LId", "LDeriv", "Ref"];

static FEATURE: LazyLock<Regex> = LazyLock::new(|| regex(r"^([A-Z][A-Za-z0-9]*(?:\[[a-z0-9]+\])?)=(.*)$"));
static VALUE: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Z0-9][A-Za-z0-9]*$"));
static DEPREL: LazyLock<Regex> = LazyLock::new(|| regex(r"^[a-z]+(:[a-z]+)?$"));
static EDEPREL: LazyLock<Regex> = LazyLock::new(|| {
    let part = r"[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:_[\p{Ll}\p{Lm}\p{Lo}\p{M}]+)*";
    regex(&format!(r"^[a-z]+(?::[a-z]+)?(?::{part})?(?::[a-z]+)?$"))
});

fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// UPOS of words and empty nodes (an empty node may leave it `_`).
pub(crate) fn upos(row: &Row<'_>, out: &mut Vec<Problem>) {
    if matches!(row.kind, Kind::Range(..)) || (row.kind == Kind::Empty && row.upos == "_") {
        return;
    }
    if !UPOS.contains(&row.upos) {
        out.push(Problem::new(row.line, "unknown-upos", format!("unknown UPOS tag '{}'", row.upos)));
    }
}

/// FEATS: `Name=Value[,Value]` pairs joined by `|`, sorted case-insensitively, no name twice,
/// values sorted and distinct. Returns false when a pair is not of that form.
pub(crate) fn feats(row: &Row<'_>, out: &mut Vec<Problem>) -> bool {
    let feats = row.feats;
    if feats == "_" || matches!(row.kind, Kind::Range(..)) {
        return true;
    }
    let mut err = |rule, message: String| out.push(Problem::new(row.line, rule, message));
    let pairs: Vec<&str> = feats.split('|').collect();
    let lower: Vec<String> = pairs.iter().map(|p| p.to_lowercase()).collect();
    if !lower.windows(2).all(|w| w[0] <= w[1]) {
        err("unsorted-features", format!("features must be sorted alphabetically: '{feats}'"));
    }
    let mut names: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut well_formed = true;
    for pair in &pairs {
        let parsed = FEATURE.captures(pair).and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())));
        let Some((name, values)) = parsed.filter(|(_, v)| v.split(',').all(|v| VALUE.is_match(v))) else {
            err(
                "invalid-feature",
                format!("'{pair}' is not a feature: expected Name=Value, the name [A-Z][A-Za-z0-9]*, values [A-Z0-9][A-Za-z0-9]*"),
            );
            names.insert(pair);
            well_formed = false;
            continue;
        };
        names.insert(name);
        let values: Vec<&str> = values.split(',').collect();
        let distinct: std::collections::HashSet<_> = values.iter().collect();
        if distinct.len() != values.len() {
            err("repeated-feature-value", format!("a value is repeated in '{pair}'"));
        }
        let lower: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
        if !lower.windows(2).all(|w| w[0] <= w[1]) {
            err("unsorted-feature-values", format!("the values of '{pair}' must be sorted"));
        }
    }
    if names.len() != pairs.len() {
        err("repeated-feature", format!("a feature occurs twice in '{feats}'"));
    }
    well_formed
}

/// DEPREL of a word: lowercase `rel` or `rel:subtype`, `rel` one of the universal relations.
/// `ref_allowed`: `ref` passes too. It is an enhanced-only relation, but `udvalidate` (udtools
/// 0.2.9) accepts it in DEPREL once it has checked a DEPS column in the run, and level 2 here
/// gives the verdicts `udvalidate --level 2` gives; the language-specific relation lists of
/// level 4 reject it.
pub(crate) fn deprel(row: &Row<'_>, ref_allowed: bool, out: &mut Vec<Problem>) {
    if row.kind != Kind::Word {
        return;
    }
    if !DEPREL.is_match(row.deprel) {
        let m =
            format!("invalid DEPREL '{}': expected lowercase ASCII letters, optionally ':' and a subtype", row.deprel);
        out.push(Problem::new(row.line, "invalid-deprel", m));
    } else if !(DEPRELS.contains(&universal(row.deprel)) || ref_allowed && universal(row.deprel) == "ref") {
        let m = format!("unknown universal relation '{}' in DEPREL '{}'", universal(row.deprel), row.deprel);
        out.push(Problem::new(row.line, "unknown-udeprel", m));
    }
}

/// DEPS (already known to parse, see `enhanced::references`): sorted by head, then relation, no
/// pair twice, no self-loop, each relation well-formed with a universal main type (or `ref`).
/// Returns whether there was a DEPS value to check.
pub(crate) fn deps(row: &Row<'_>, out: &mut Vec<Problem>) -> bool {
    if matches!(row.kind, Kind::Range(..)) || row.deps == "_" {
        return false;
    }
    let Some(pairs) = deps_pairs(row.deps) else { return false };
    let mut err = |rule, message: String| out.push(Problem::new(row.line, rule, message));
    let heads: Vec<_> = pairs.iter().map(|(h, _)| node_order(h)).collect();
    if !heads.windows(2).all(|w| w[0] <= w[1]) {
        err("unsorted-deps", format!("DEPS must be sorted by head: '{}'", row.deps));
    } else {
        for w in pairs.windows(2) {
            let ((h0, d0), (h1, d1)) = (w[0], w[1]);
            if h0 == h1 && d1 < d0 {
                err("unsorted-deps-2", format!("relations to head {h1} must be sorted: '{}'", row.deps));
            } else if h0 == h1 && d1 == d0 {
                err("repeated-deps", format!("'{h1}:{d1}' occurs twice in DEPS"));
            }
        }
    }
    if heads.contains(&node_order(&row.id)) {
        err("deps-self-loop", format!("node {} is its own head in DEPS", row.id));
    }
    for (head, rel) in &pairs {
        if !EDEPREL.is_match(rel) {
            err("invalid-edeprel", format!("invalid enhanced relation '{rel}' in '{}'", row.deps));
        } else if !DEPRELS.contains(&universal(rel)) && universal(rel) != "ref" {
            err("unknown-eudeprel", format!("unknown universal relation '{}' in '{head}:{rel}'", universal(rel)));
        }
    }
    true
}

/// MISC: the documented attributes (`SpaceAfter`, `Lang`, `Translit`, ...) at most once.
pub(crate) fn misc(row: &Row<'_>, out: &mut Vec<Problem>) {
    if row.misc == "_" {
        return;
    }
    for name in SINGLE_MISC {
        let count = row.misc.split('|').filter(|a| a.split('=').next() == Some(name)).count();
        if count > 1 {
            out.push(Problem::new(row.line, "repeated-misc", format!("MISC attribute '{name}' occurs {count} times")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word<'a>(feats: &'a str, deprel: &'a str, deps: &'a str, misc: &'a str) -> Row<'a> {
        Row {
            kind: Kind::Word,
            id: "2".into(),
            form: "x",
            upos: "NOUN",
            feats,
            head: Some(0),
            deprel,
            deps,
            misc,
            line: 7,
        }
    }

    fn rules(check: impl Fn(&Row<'_>, &mut Vec<Problem>), row: Row<'_>) -> Vec<&'static str> {
        let mut out = Vec::new();
        check(&row, &mut out);
        out.iter().map(|p| p.rule).collect()
    }

    #[test]
    fn features_follow_the_syntax_order_and_uniqueness_rules() {
        let f = |column| {
            let mut out = Vec::new();
            let safe = feats(&word(column, "root", "_", "_"), &mut out);
            (safe, out.iter().map(|p| p.rule).collect::<Vec<_>>())
        };
        assert_eq!(f("Case=Nom|Number=Sing"), (true, vec![]));
        assert_eq!(f("Number[psor]=Plur,Sing|Person=3"), (true, vec![]));
        assert_eq!(f("Number=Sing|Case=Nom"), (true, vec!["unsorted-features"]));
        assert_eq!(f("Case=Nom|Case=Nom"), (true, vec!["repeated-feature"]));
        assert_eq!(f("Number=Sing,Plur"), (true, vec!["unsorted-feature-values"]));
        assert_eq!(f("Number=Sing,Sing"), (true, vec!["repeated-feature-value"]));
        assert_eq!(f("case=Nom"), (false, vec!["invalid-feature"]));
        assert_eq!(f("Case=nom"), (false, vec!["invalid-feature"]));
        assert_eq!(f("Case"), (false, vec!["invalid-feature"]));
    }

    #[test]
    fn deprels_and_upos_are_checked_against_the_universal_lists() {
        let deprel = |row: &Row<'_>, out: &mut Vec<Problem>| deprel(row, false, out);
        assert!(rules(deprel, word("_", "nmod:poss", "_", "_")).is_empty());
        assert_eq!(rules(deprel, word("_", "Nsubj", "_", "_")), ["invalid-deprel"]);
        assert_eq!(rules(deprel, word("_", "subj", "_", "_")), ["unknown-udeprel"]);
        assert_eq!(rules(deprel, word("_", "_", "_", "_")), ["invalid-deprel"]);
        assert_eq!(rules(deprel, word("_", "ref", "_", "_")), ["unknown-udeprel"]);
        let mut out = Vec::new();
        super::deprel(&word("_", "ref", "_", "_"), true, &mut out);
        assert!(out.is_empty());
        assert!(rules(upos, word("_", "root", "_", "_")).is_empty());
        let mut row = word("_", "root", "_", "_");
        row.upos = "noun";
        assert_eq!(rules(upos, row.clone()), ["unknown-upos"]);
        row.kind = Kind::Empty;
        row.upos = "_";
        assert!(rules(upos, row).is_empty());
    }

    #[test]
    fn deps_follow_order_uniqueness_loop_and_label_rules() {
        let d = |deps| {
            rules(
                |r: &Row<'_>, out: &mut Vec<Problem>| {
                    super::deps(r, out);
                },
                word("_", "root", deps, "_"),
            )
        };
        assert!(d("0:root|1:nmod:za_pomocí|3.1:ref").is_empty());
        assert_eq!(d("3:obj|1:nsubj"), ["unsorted-deps"]);
        assert!(d("1:nsubj|1:obj").is_empty());
        assert_eq!(d("1:obj|1:amod"), ["unsorted-deps-2"]);
        assert_eq!(d("1:obj|1:obj"), ["repeated-deps"]);
        assert_eq!(d("2:dep"), ["deps-self-loop"]);
        assert_eq!(d("1:Obj"), ["invalid-edeprel"]);
        assert_eq!(d("1:subj"), ["unknown-eudeprel"]);
        assert!(d("1.10:obj|2.1:obj").is_empty());
        assert_eq!(d("1.10:obj|1.9:obj"), ["unsorted-deps"]);
    }

    #[test]
    fn documented_misc_attributes_occur_once() {
        assert!(rules(misc, word("_", "root", "_", "SpaceAfter=No|Gloss=a|Foo=1|Foo=2")).is_empty());
        assert_eq!(rules(misc, word("_", "root", "_", "SpaceAfter=No|SpaceAfter=No")), ["repeated-misc"]);
    }
}
