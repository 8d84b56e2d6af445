//! Edit rules: how a lemma is made from its form (UDPipe 2's "lemma rules", in a form that
//! generalises across words sharing an ending).
//!
//! A rule says how the lemma is cased (lower case, title case, or as the form is written),
//! then which prefix and suffix of the (lowercased) form are replaced, and by what. The parts come from the longest common
//! substring of form and lemma, so `cats → cat` and `dogs → dog` share one rule (strip `s`),
//! and `The → the` is "lower case, no change". [`EditRule::derive`] and [`EditRule::apply`] are
//! exact inverses: applying the rule derived from a pair to its form gives its lemma.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a lemma is cased.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Case {
    /// In lower case: the edits apply to the lowercased form (`The → the`, `CATS → cat`).
    Lower,
    /// Its first letter upper case: the edits apply to the lowercased form, then the first
    /// letter is raised (`kerala → Kerala`, `TEHRAN → Tehran`).
    Title,
    /// As the form is written: the edits apply to the form itself (`NASA`, `iPhone`, `I`).
    Keep,
}

/// `s` with its first character in upper case.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a form becomes its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EditRule {
    pub case: Case,
    pub strip_prefix: String,
    pub add_prefix: String,
    pub strip_suffix: String,
    pub add_suffix: String,
}

impl EditRule {
    /// The rule that turns `form` into `lemma`.
    pub fn derive(form: &str, lemma: &str) -> EditRule {
        let lowered = lemma.to_lowercase();
        let case = if lowered == lemma {
            Case::Lower
        } else if capitalize(&lowered) == lemma {
            Case::Title
        } else {
            Case::Keep
        };
        let (base, target) = match case {
            Case::Keep => (form.to_string(), lemma),
            _ => (form.to_lowercase(), lowered.as_str()),
        };
        let f: Vec<char> = base.chars().collect();
        let l: Vec<char> = target.chars().collect();
        let (i, j, k) = longest_common_substring(&f, &l);
        let s = |c: &[char]| c.iter().collect::<String>();
        EditRule {
            case,
            strip_prefix: s(&f[..i]),
            add_prefix: s(&l[..j]),
            strip_suffix: s(&f[i + k..]),
            add_suffix: s(&l[j + k..]),
        }
    }

    /// The lemma this rule makes of `form`, or `None` when the form does not have the prefix and
    /// suffix the rule replaces.
    pub fn apply(&self, form: &str) -> Option<String> {
        let lowered;
        let base = if self.case == Case::Keep {
            form
        } else {
            lowered = form.to_lowercase();
            lowered.as_str()
        };
        if base.len() < self.strip_prefix.len() + self.strip_suffix.len() {
            return None;
        }
        let middle = base.strip_prefix(self.strip_prefix.as_str())?.strip_suffix(self.strip_suffix.as_str())?;
        let mut out = String::with_capacity(self.add_prefix.len() + middle.len() + self.add_suffix.len());
        out.push_str(&self.add_prefix);
        out.push_str(middle);
        out.push_str(&self.add_suffix);
        Some(if self.case == Case::Title { capitalize(&out) } else { out })
    }

    /// Whether the rule keeps some of the form (it can then carry over to other words with the
    /// same ending); a rule that replaces the whole form belongs to that form alone.
    pub fn keeps_a_stem(&self, form: &str) -> bool {
        let n = if self.case == Case::Keep { form.len() } else { form.to_lowercase().len() };
        n > self.strip_prefix.len() + self.strip_suffix.len()
    }
}

impl fmt::Display for EditRule {
    /// `lower[→]…[s→]`: the case, then the prefix and suffix edits (for logs and tests).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}→{}]…[{}→{}]",
            match self.case {
                Case::Lower => "lower",
                Case::Title => "title",
                Case::Keep => "keep",
            },
            self.strip_prefix,
            self.add_prefix,
            self.strip_suffix,
            self.add_suffix
        )
    }
}

/// The first longest common substring of `a` and `b`: (start in a, start in b, length).
/// Quadratic, which is fine for words; long inputs are cut off so hostile text stays cheap.
fn longest_common_substring(a: &[char], b: &[char]) -> (usize, usize, usize) {
    const LONGEST: usize = 256;
    if a.len() > LONGEST || b.len() > LONGEST {
        // Beyond word length: keep the common prefix only.
        let k = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        return (0, 0, k);
    }
    let mut best = (0, 0, 0);
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            row[j] = if a[i - 1] == b[j - 1] { prev[j - 1] + 1 } else { 0 };
            if row[j] > best.2 {
                best = (i - row[j], j - row[j], row[j]);
            }
        }
        std::mem::swap(&mut prev, &mut row);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rule(form: &str, lemma: &str) -> EditRule {
        EditRule::derive(form, lemma)
    }

    #[test]
    fn words_with_one_ending_share_a_rule() {
        assert_eq!(rule("cats", "cat"), rule("dogs", "dog"));
        assert_eq!(rule("Cats", "cat"), rule("cats", "cat"));
        assert_eq!(rule("studies", "study").apply("flies").as_deref(), Some("fly"));
        assert_eq!(rule("The", "the").apply("THE").as_deref(), Some("the"));
        assert_eq!(rule("gegangen", "gehen").apply("gegessen"), None);
    }

    #[test]
    fn proper_nouns_keep_their_case_and_irregular_forms_are_whole_replacements() {
        let paris = rule("Paris", "Paris");
        assert_eq!(paris.case, Case::Title);
        assert_eq!(paris.apply("TEHRAN").as_deref(), Some("Tehran"));
        assert_eq!(paris.apply("kerala").as_deref(), Some("Kerala"));
        let nasa = rule("NASA", "NASA");
        assert_eq!(nasa.case, Case::Keep);
        assert_eq!(nasa.apply("IBM").as_deref(), Some("IBM"));
        assert_eq!(rule("iPhones", "iPhone").apply("iPads").as_deref(), Some("iPad"));
        let went = rule("went", "go");
        assert!(!went.keeps_a_stem("went"));
        assert_eq!(went.apply("went").as_deref(), Some("go"));
        assert_eq!(went.apply("sent"), None);
    }

    #[test]
    fn a_rule_that_does_not_fit_the_form_gives_nothing() {
        let r = rule("boxes", "box");
        assert_eq!(r.apply("es"), Some(String::new()));
        assert_eq!(r.apply("box"), None);
        assert_eq!(r.apply(""), None);
    }

    proptest! {
        /// The rule derived from any pair, applied to its form, gives its lemma.
        #[test]
        fn derive_then_apply_gives_the_lemma(form in "\\PC{0,12}", lemma in "\\PC{0,12}") {
            let r = EditRule::derive(&form, &lemma);
            prop_assert_eq!(r.apply(&form), Some(lemma));
        }

        #[test]
        fn suffix_changes_carry_over(stem in "[a-z]{1,8}", end in "[a-z]{0,3}", new in "[a-z]{0,3}") {
            let r = EditRule::derive("zq", "zq");
            prop_assert_eq!(r.apply(&stem), Some(stem.clone()));
            let form = format!("{stem}{end}");
            let r = EditRule::derive(&form, &format!("{stem}{new}"));
            prop_assert!(r.apply(&form).is_some());
        }
    }
}
