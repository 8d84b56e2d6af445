//! The basic tree of a sentence: every word has a HEAD inside the sentence, none is its own head,
//! exactly one word attaches to the root and every word is reachable from it (no cycles).
//! [`validate_tree`] adds UD's label rule (level 3 of the UD validator): DEPREL is `root` exactly
//! when HEAD is 0.

use crate::sentence::Sentence;

/// A problem with a sentence's tree. `word` is the 1-based ID it concerns (0: the sentence);
/// `rule` is the UD validator's name for the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeError {
    pub word: usize,
    pub rule: &'static str,
    pub problem: String,
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.word > 0 {
            write!(f, "word {}: {}", self.word, self.problem)
        } else {
            f.write_str(&self.problem)
        }
    }
}

/// All tree and root-label problems of a sentence, in word order; empty for a well-formed tree.
pub fn validate_tree(sentence: &Sentence) -> Vec<TreeError> {
    let mut errors = structure(sentence);
    for (i, w) in sentence.words.iter().enumerate() {
        let (id, root_label) = (i + 1, w.universal_deprel() == "root");
        let (rule, problem) = match w.head {
            Some(0) if !root_label => {
                ("0-is-not-root", format!("attached to the root (HEAD 0) with DEPREL '{}', expected 'root'", w.deprel))
            }
            Some(h) if h != 0 && root_label => ("root-is-not-0", "DEPREL 'root' on a word whose HEAD is not 0".into()),
            Some(_) if w.deprel == "_" => ("invalid-deprel", "DEPREL is '_' for an attached word".into()),
            _ => continue,
        };
        errors.push(TreeError { word: id, rule, problem });
    }
    // Word problems in word order, then those of the whole sentence (stable: cycles stay last).
    errors.sort_by_key(|e| if e.word == 0 { usize::MAX } else { e.word });
    errors
}

/// The structural problems (level 2): HEAD `_` or outside the sentence, self-loops, not exactly
/// one root, cycles.
pub(crate) fn structure(sentence: &Sentence) -> Vec<TreeError> {
    let n = sentence.words.len();
    let mut errors = Vec::new();
    let mut err = |word, rule, problem: String| errors.push(TreeError { word, rule, problem });
    let mut roots = Vec::new();
    for (i, w) in sentence.words.iter().enumerate() {
        let id = i + 1;
        match w.head {
            None => err(id, "invalid-head", "HEAD is '_': the word is not attached".into()),
            Some(h) if h > n => err(id, "unknown-head", format!("HEAD {h} points outside the sentence of {n} words")),
            Some(h) if h == id => err(id, "head-self-loop", "the word is its own HEAD".into()),
            Some(0) => roots.push(id),
            Some(_) => {}
        }
    }
    let unattached = sentence.words.iter().any(|w| w.head.is_none());
    match roots.len() {
        0 if !unattached => err(0, "non-tree", "no word attaches to the root (HEAD 0)".into()),
        0 | 1 => {}
        _ => err(
            0,
            "multiple-roots",
            format!("{} words attach to the root (HEAD 0): {:?}; expected exactly one", roots.len(), roots),
        ),
    }
    for cycle in cycles(sentence) {
        if cycle.len() > 1 {
            err(cycle[0], "non-tree", format!("cycle through words {cycle:?}"));
        }
    }
    errors
}

/// The line of word `id` given the line of the sentence's first token line (see
/// [`crate::Reader::sentence_line`]): ranges and empty nodes before it count too.
pub fn word_line(sentence: &Sentence, first_token_line: usize, id: usize) -> usize {
    let ranges = sentence.multiwords.iter().filter(|m| m.first <= id).count();
    let empties = sentence.empty_nodes.iter().filter(|e| e.after < id).count();
    first_token_line + id.saturating_sub(1) + ranges + empties
}

/// The cycles of the head relation, each listed once from its smallest word ID.
fn cycles(sentence: &Sentence) -> Vec<Vec<usize>> {
    let n = sentence.words.len();
    let head = |id: usize| sentence.words[id - 1].head.filter(|&h| h >= 1 && h <= n);
    // 0 = unvisited, 1 = on the current path, 2 = done
    let mut state = vec![0u8; n + 1];
    let mut found = Vec::new();
    for start in 1..=n {
        let mut path = Vec::new();
        let mut v = Some(start);
        while let Some(id) = v {
            match state[id] {
                2 => break,
                1 => {
                    let pos = path.iter().position(|&p| p == id).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[pos..].to_vec();
                    let min = cycle.iter().enumerate().min_by_key(|(_, &c)| c).map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    found.push(cycle);
                    break;
                }
                _ => {
                    state[id] = 1;
                    path.push(id);
                    v = head(id);
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentence::Word;

    fn tree(heads: &[Option<usize>], deprels: &[&str]) -> Sentence {
        let words =
            heads.iter().zip(deprels).map(|(&h, &d)| Word { head: h, deprel: d.into(), ..Word::new("w") }).collect();
        Sentence::from_words(words)
    }

    #[test]
    fn a_tree_passes() {
        assert!(validate_tree(&tree(&[Some(2), Some(0), Some(2)], &["nsubj", "root", "obj"])).is_empty());
    }

    #[test]
    fn each_problem_is_reported() {
        let e = validate_tree(&tree(&[Some(2), Some(0), Some(9)], &["nsubj", "root", "obj"]));
        assert!(e[0].problem.contains("outside"), "{e:?}");
        let e = validate_tree(&tree(&[Some(0), Some(0)], &["root", "root"]));
        assert!(e.iter().any(|e| e.problem.contains("2 words attach to the root")), "{e:?}");
        let e = validate_tree(&tree(&[Some(2), Some(3), Some(1)], &["a", "b", "c"]));
        assert!(e.iter().any(|e| e.problem.contains("cycle through words [1, 2, 3]")), "{e:?}");
        let e = validate_tree(&tree(&[None], &["_"]));
        assert!(e[0].problem.contains("not attached"), "{e:?}");
        let e = validate_tree(&tree(&[Some(0), Some(1)], &["nsubj", "root"]));
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!([e[0].rule, e[1].rule], ["0-is-not-root", "root-is-not-0"]);
        assert!(structure(&tree(&[Some(0), Some(1)], &["nsubj", "root"])).is_empty());
        let e = validate_tree(&tree(&[Some(1)], &["dep"]));
        assert!(e[0].problem.contains("own HEAD"), "{e:?}");
    }

    #[test]
    fn word_lines_count_ranges_and_empty_nodes() {
        let text = "# c\n1-2\ta\t_\t_\t_\t_\t_\t_\t_\t_\n1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n1.1\ty\t_\t_\t_\t_\t_\t_\t_\t_\n2\tz\t_\t_\t_\t_\t1\tdep\t_\t_\n\n";
        let mut r = crate::Reader::new(text.as_bytes(), "t");
        let s = r.next().unwrap().unwrap();
        assert_eq!(r.sentence_line(), 2);
        assert_eq!(word_line(&s, 2, 1), 3);
        assert_eq!(word_line(&s, 2, 2), 5);
    }

    #[test]
    fn a_cycle_beside_the_root_is_found_once() {
        let e = validate_tree(&tree(&[Some(0), Some(3), Some(2)], &["root", "x", "y"]));
        let cycles: Vec<_> = e.iter().filter(|e| e.problem.contains("cycle")).collect();
        assert_eq!(cycles.len(), 1, "{e:?}");
        assert!(cycles[0].problem.contains("[2, 3]"));
    }
}
