//! Scores of outputs against references, each source with one or more correct targets:
//! word (sequence) error rate — an output is right when it equals any reference; symbol error
//! rate — edit distance to the closest reference over that reference's length, summed over
//! sources; and corpus BLEU-4 (clipped counts over all references, brevity penalty on the
//! closest reference length) for token-level targets.

use std::collections::HashMap;

use serde::Serialize;

use crate::vocab::Level;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Distinct sources scored.
    pub sources: usize,
    /// Fraction of sources whose output matches no reference.
    pub wer: f64,
    /// Symbol edits / reference symbols (PER for phones, CER for characters).
    pub ser: f64,
    /// Corpus BLEU-4 in [0, 1] (token-level targets).
    pub bleu: Option<f64>,
}

/// Levenshtein distance between two symbol sequences.
pub fn edit_distance(a: &[&str], b: &[&str]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = diag + usize::from(x != y);
            diag = row[j + 1];
            row[j + 1] = sub.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `text` without the characters of `ignore`: what scoring compares when some distinctions are
/// left out (`"012"` scores ARPAbet phones without their stress digits). A token made only of
/// ignored characters disappears with them.
pub fn without(ignore: &str, text: &str) -> String {
    text.chars().filter(|c| !ignore.contains(*c)).collect()
}

/// Score `outputs[i]` against `references[i]` (non-empty lists of targets).
pub fn score(level: Level, references: &[Vec<String>], outputs: &[String]) -> Scores {
    let (mut wrong, mut edits, mut length) = (0usize, 0usize, 0usize);
    let mut bleu = Bleu::default();
    for (refs, out) in references.iter().zip(outputs) {
        let hyp = level.split(out);
        let refs: Vec<Vec<&str>> = refs.iter().map(|r| level.split(r)).collect();
        if !refs.contains(&hyp) {
            wrong += 1;
        }
        let (d, len) = refs.iter().map(|r| (edit_distance(&hyp, r), r.len())).min().unwrap_or((hyp.len(), 0));
        edits += d;
        length += len;
        bleu.add(&hyp, &refs);
    }
    let n = references.len().min(outputs.len());
    Scores {
        sources: n,
        wer: wrong as f64 / n.max(1) as f64,
        ser: edits as f64 / length.max(1) as f64,
        bleu: (level == Level::Token).then(|| bleu.value()),
    }
}

#[derive(Default)]
struct Bleu {
    matches: [usize; 4],
    totals: [usize; 4],
    hyp_len: usize,
    ref_len: usize,
}

impl Bleu {
    fn add(&mut self, hyp: &[&str], refs: &[Vec<&str>]) {
        self.hyp_len += hyp.len();
        // The closest reference length (the shorter one on a tie).
        self.ref_len += refs.iter().map(|r| r.len()).min_by_key(|&l| (l.abs_diff(hyp.len()), l)).unwrap_or(0);
        for n in 1..=4 {
            let counts = ngrams(hyp, n);
            let mut best: HashMap<&[&str], usize> = HashMap::new();
            for r in refs {
                for (g, c) in ngrams(r, n) {
                    let e = best.entry(g).or_default();
                    *e = (*e).max(c);
                }
            }
            self.totals[n - 1] += hyp.len().saturating_sub(n - 1);
            self.matches[n - 1] += counts.iter().map(|(g, &c)| c.min(best.get(g).copied().unwrap_or(0))).sum::<usize>();
        }
    }

    fn value(&self) -> f64 {
        if self.matches.contains(&0) {
            return 0.0;
        }
        let log_precision: f64 =
            self.matches.iter().zip(&self.totals).map(|(&m, &t)| (m as f64 / t as f64).ln()).sum::<f64>() / 4.0;
        let brevity =
            if self.hyp_len >= self.ref_len { 0.0 } else { 1.0 - self.ref_len as f64 / self.hyp_len.max(1) as f64 };
        (log_precision + brevity).exp()
    }
}

fn ngrams<'a, 'b>(s: &'b [&'a str], n: usize) -> HashMap<&'b [&'a str], usize> {
    let mut out = HashMap::new();
    for g in s.windows(n) {
        *out.entry(g).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_is_levenshtein() {
        let s = |t: &'static str| t.split(' ').filter(|x| !x.is_empty()).collect::<Vec<_>>();
        assert_eq!(edit_distance(&s("k i t t e n"), &s("s i t t i n g")), 3);
        assert_eq!(edit_distance(&s(""), &s("a b")), 2);
        assert_eq!(edit_distance(&s("a b"), &s("a b")), 0);
    }

    #[test]
    fn any_reference_counts_and_the_closest_sets_the_symbol_errors() {
        let refs = vec![vec!["T AH0 M EY1 T OW2".to_string(), "T AH0 M AA1 T OW2".to_string()], vec!["K AE1 T".into()]];
        let outs = vec!["T AH0 M AA1 T OW2".to_string(), "K AE1 D".to_string()];
        let s = score(Level::Token, &refs, &outs);
        assert_eq!((s.sources, s.wer), (2, 0.5));
        assert!((s.ser - 1.0 / 9.0).abs() < 1e-12, "{}", s.ser);
        assert!(s.bleu.is_some_and(|b| b > 0.0 && b < 1.0));
        let perfect = score(Level::Token, &refs, &["T AH0 M EY1 T OW2".into(), "K AE1 T".into()]);
        assert_eq!((perfect.wer, perfect.ser, perfect.bleu), (0.0, 0.0, Some(1.0)));
        assert_eq!(score(Level::Char, &refs, &outs).bleu, None);
    }

    #[test]
    fn ignored_characters_leave_both_sides_before_scoring() {
        assert_eq!(without("012", "T AH0 M EY1 T OW2"), "T AH M EY T OW");
        assert_eq!(without("", "K AE1 T"), "K AE1 T");
        // A token of ignored characters only is gone, not an empty symbol.
        assert_eq!(Level::Token.split(&without("9", "A 9 B")), ["A", "B"]);
        let refs = vec![vec![without("012", "T AH0 M EY1 T OW2")]];
        let stressed = score(Level::Token, &[vec!["T AH0 M EY1 T OW2".to_string()]], &["T AH1 M EY1 T OW0".into()]);
        let plain = score(Level::Token, &refs, &[without("012", "T AH1 M EY1 T OW0")]);
        assert_eq!((stressed.wer, plain.wer, plain.ser), (1.0, 0.0, 0.0));
    }
}
