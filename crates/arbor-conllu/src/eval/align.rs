//! Word alignment as the CoNLL 2018 scorer defines it. Words outside multiword tokens align when
//! their character spans are equal. Around multiword tokens a "multiword span" is grown until no
//! gold or system multiword token sticks out of it, and the words inside are aligned by the
//! longest common subsequence of their lowercased forms.

use super::load::EvalWord;

pub(crate) struct Alignment {
    /// `(gold word, system word)` pairs in order.
    pub pairs: Vec<(usize, usize)>,
    /// For each system word, the gold word it is aligned to.
    pub system_to_gold: Vec<Option<usize>>,
}

fn beyond_end(words: &[EvalWord], i: usize, end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.multiword => w.span.start >= end,
        Some(w) => w.span.end > end,
    }
}

fn extend_end(w: &EvalWord, end: usize) -> usize {
    if w.multiword && w.span.end > end {
        w.span.end
    } else {
        end
    }
}

/// The minimal multiword span starting at `(gi, si)`: returns its starts and ends (exclusive).
fn multiword_span(
    gold: &[EvalWord],
    system: &[EvalWord],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if gold[gi].multiword {
        end = gold[gi].span.end;
        if !system[si].multiword && system[si].span.start < gold[gi].span.start {
            si += 1;
        }
    } else {
        end = system[si].span.end;
        if !gold[gi].multiword && gold[gi].span.start < system[si].span.start {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    while !beyond_end(gold, gi, end) || !beyond_end(system, si, end) {
        if gi < gold.len() && (si >= system.len() || gold[gi].span.start <= system[si].span.start) {
            end = extend_end(&gold[gi], end);
            gi += 1;
        } else {
            end = extend_end(&system[si], end);
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

/// Align the words of the span `gold[gs..ge]` × `system[ss..se]` by LCS on lowercased forms.
fn align_lcs(
    gold: &[EvalWord],
    system: &[EvalWord],
    (gs, ge): (usize, usize),
    (ss, se): (usize, usize),
    out: &mut Alignment,
) {
    let (n, m) = (ge - gs, se - ss);
    // lcs[g][s] over suffixes, with a zero row and column at the end: [(n+1) x (m+1)]
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    let same = |g: usize, s: usize| gold[gs + g].form_lower == system[ss + s].form_lower;
    for g in (0..n).rev() {
        for s in (0..m).rev() {
            let mut v = if same(g, s) { 1 + lcs[(g + 1) * w + s + 1] } else { 0 };
            v = v.max(lcs[(g + 1) * w + s]).max(lcs[g * w + s + 1]);
            lcs[g * w + s] = v;
        }
    }
    let (mut g, mut s) = (0, 0);
    while g < n && s < m {
        if same(g, s) {
            out.pairs.push((gs + g, ss + s));
            out.system_to_gold[ss + s] = Some(gs + g);
            g += 1;
            s += 1;
        } else if lcs[g * w + s] == lcs[(g + 1) * w + s] {
            g += 1;
        } else {
            s += 1;
        }
    }
}

pub(crate) fn align_words(gold: &[EvalWord], system: &[EvalWord]) -> Alignment {
    let mut out = Alignment { pairs: Vec::new(), system_to_gold: vec![None; system.len()] };
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multiword || system[si].multiword {
            let (gs, ss, ge, se) = multiword_span(gold, system, gi, si);
            (gi, si) = (ge, se);
            if ge > gs && se > ss {
                align_lcs(gold, system, (gs, ge), (ss, se), &mut out);
            }
        } else if gold[gi].span == system[si].span {
            out.pairs.push((gi, si));
            out.system_to_gold[si] = Some(gi);
            gi += 1;
            si += 1;
        } else if gold[gi].span.start <= system[si].span.start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}
