//! From character labels to token spans and sentence starts. Any label sequence gives a valid
//! segmentation: tokens end only at grapheme-cluster boundaries (an accent written as a
//! combining mark, an emoji joined by U+200D, a Devanagari conjunct stay whole), whitespace
//! separates tokens only where it is a cluster of its own, and labels missing or unknown count as
//! "inside a token". With `multiword`, each token is also called a multiword token or not: one
//! whose characters carry [`MULTIWORD`] or [`WORD_END`] is one, cut after each [`WORD_END`].

use arbor_text::{MwtDecision, Segmentation};
use unicode_segmentation::UnicodeSegmentation;

use crate::data::{MULTIWORD, SENTENCE_END, TOKEN_END, WORD_END};

/// Token spans (byte ranges of `para`), per token whether it starts a sentence, and (with
/// `multiword`) whether it is a multiword token. `labels[i]` is the label of the `i`-th
/// character; `sentences`: act on [`SENTENCE_END`].
pub fn segmentation(para: &str, labels: &[i64], sentences: bool, multiword: bool) -> Segmentation {
    let (spans, starts) = spans(para, labels, sentences);
    let decisions = if multiword { decide(para, &spans, labels) } else { Vec::new() };
    Segmentation { spans, starts, multiword: decisions }
}

/// For each token: a multiword token (cut after its [`WORD_END`] characters) or not.
fn decide(para: &str, spans: &[(usize, usize)], labels: &[i64]) -> Vec<Option<MwtDecision>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    for &(a, b) in spans {
        chars_before += para[last_byte..a].chars().count();
        let n = para[a..b].chars().count();
        let own = labels.get(chars_before..(chars_before + n).min(labels.len())).unwrap_or_default();
        let cuts: Vec<usize> = own[..own.len().saturating_sub(1)]
            .iter()
            .enumerate()
            .filter(|(_, &l)| l == WORD_END)
            .map(|(i, _)| i + 1)
            .collect();
        let is_mwt = !cuts.is_empty() || own.contains(&MULTIWORD);
        out.push(Some(if is_mwt { MwtDecision::Yes { cuts } } else { MwtDecision::No }));
        chars_before += n;
        last_byte = b;
    }
    out
}

fn spans(para: &str, labels: &[i64], sentences: bool) -> (Vec<(usize, usize)>, Vec<bool>) {
    let (mut spans, mut starts) = (Vec::new(), Vec::new());
    let mut open: Option<usize> = None;
    let mut next_starts_sentence = false;
    let mut char_index = 0usize;
    for (at, g) in para.grapheme_indices(true) {
        let n = g.chars().count();
        // A cluster ends a token (or sentence) when one of its characters is labelled so.
        let own = labels.get(char_index..(char_index + n).min(labels.len())).unwrap_or_default();
        let label = [SENTENCE_END, TOKEN_END].into_iter().find(|l| own.contains(l)).unwrap_or(0);
        char_index += n;
        if g.chars().all(char::is_whitespace) {
            if let Some(a) = open.take() {
                spans.push((a, at));
                starts.push(std::mem::take(&mut next_starts_sentence));
            }
            continue;
        }
        let a = *open.get_or_insert(at);
        if label == TOKEN_END || label == SENTENCE_END {
            open = None;
            spans.push((a, at + g.len()));
            starts.push(std::mem::take(&mut next_starts_sentence));
            next_starts_sentence = sentences && label == SENTENCE_END;
        }
    }
    if let Some(a) = open {
        spans.push((a, para.len()));
        starts.push(next_starts_sentence);
    }
    if let Some(first) = starts.first_mut() {
        *first = false;
    }
    (spans, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn forms<'a>(para: &'a str, labels: &[i64]) -> Vec<&'a str> {
        segmentation(para, labels, true, false).spans.iter().map(|&(a, b)| &para[a..b]).collect()
    }

    #[test]
    fn tokens_end_only_at_grapheme_boundaries() {
        // NFD "Café": the label after 'e' would cut off the combining accent.
        let nfd = "Cafe\u{301}!";
        assert_eq!(forms(nfd, &[0, 0, 0, 1, 0, 1]), ["Cafe\u{301}", "!"]);
        let family = "👨\u{200d}👩\u{200d}👧 ok";
        assert_eq!(forms(family, &[1, 1, 1, 1, 1, 0, 0, 1]), ["👨\u{200d}👩\u{200d}👧", "ok"]);
        let hindi = "क्षत्रिय";
        assert_eq!(forms(hindi, &[1; 8]).concat(), hindi);
        assert!(forms(hindi, &[1; 8]).iter().all(|f| !f.starts_with('\u{94d}')), "no token starts with a virama");
    }

    #[test]
    fn sentence_ends_start_the_next_sentence_and_missing_labels_are_inside() {
        let s = segmentation("Hi. You", &[0, 1, 2, 0, 0, 0, 0], true, false);
        assert_eq!(s.spans, [(0, 2), (2, 3), (4, 7)]);
        assert_eq!(s.starts, [false, false, true]);
        assert!(s.multiword.is_empty());
        assert_eq!(segmentation("Hi. You", &[0, 1, 2], false, false).starts, [false, false, false]);
        assert_eq!(segmentation("a b", &[], true, false).spans, [(0, 1), (2, 3)]);
    }

    #[test]
    fn multiword_labels_call_tokens_multiword_and_cut_them() {
        // "del farlo è": del (4 on its first character), far|lo (3 after "far"), è (neither).
        let s = segmentation("del farlo è", &[4, 0, 1, 0, 0, 0, 3, 0, 1, 0, 2], true, true);
        assert_eq!(s.spans.len(), 3);
        assert_eq!(
            s.multiword,
            [Some(MwtDecision::Yes { cuts: vec![] }), Some(MwtDecision::Yes { cuts: vec![3] }), Some(MwtDecision::No)]
        );
    }

    proptest! {
        #[test]
        fn any_labels_give_ordered_disjoint_non_blank_spans_on_cluster_boundaries(
            para in "\\PC{0,40}", labels in proptest::collection::vec(-3i64..5, 0..60)
        ) {
            let Segmentation { spans, starts, multiword } = segmentation(&para, &labels, true, true);
            prop_assert_eq!(spans.len(), starts.len());
            prop_assert_eq!(spans.len(), multiword.len());
            let boundaries: Vec<usize> = para.grapheme_indices(true).map(|(i, _)| i).chain([para.len()]).collect();
            let mut last = 0;
            for &(a, b) in &spans {
                prop_assert!(last <= a && a < b && b <= para.len());
                prop_assert!(boundaries.contains(&a) && boundaries.contains(&b));
                prop_assert!(!para[a..b].trim().is_empty());
                last = b;
            }
        }
    }
}
