//! Standard evaluations: word analogies (Google's questions-words.txt, per section and overall,
//! over the most frequent words as gensim restricts them) and word-similarity sets (Spearman's
//! rank correlation between human scores and cosine similarities).

use std::path::Path;

use crate::embeddings::{Analogy, Embeddings};
use crate::error::{Error, Result};

/// Accuracy of one analogy section.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub name: String,
    pub correct: usize,
    /// Questions whose four words are all in the restricted vocabulary.
    pub total: usize,
    /// Questions skipped because a word was missing.
    pub skipped: usize,
}

impl Section {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// The lines of an evaluation file (small: read whole, UTF-8 checked line by line).
fn read_lines(path: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    arbor_core::Lines::open(path)?.try_for_each(|line| {
        out.push(line.text.to_string());
        Ok::<_, Error>(())
    })?;
    Ok(out)
}

/// Analogy accuracy per section and overall (the last entry, named "total"), matching words
/// case-insensitively among the `restrict` most frequent words (gensim's default: 30,000).
pub fn analogies(e: &Embeddings, path: &Path, restrict: usize, method: Analogy) -> Result<Vec<Section>> {
    let text = read_lines(path)?;
    let lookup: std::collections::HashMap<String, u32> =
        e.words().iter().take(restrict).enumerate().rev().map(|(i, w)| (w.to_lowercase(), i as u32)).collect();
    let mut sections: Vec<(Section, Vec<[u32; 4]>)> = Vec::new();
    for (n, line) in text.iter().enumerate() {
        if let Some(name) = line.strip_prefix(':') {
            sections.push((Section { name: name.trim().into(), correct: 0, total: 0, skipped: 0 }, Vec::new()));
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let Some((section, qs)) = sections.last_mut() else {
            return Err(Error::Format {
                path: path.into(),
                problem: format!("line {}: a question before the first ': section' line", n + 1),
            });
        };
        if words.len() != 4 {
            return Err(Error::Format { path: path.into(), problem: format!("line {}: expected 4 words", n + 1) });
        }
        let ids: Vec<Option<u32>> = words.iter().map(|w| lookup.get(&w.to_lowercase()).copied()).collect();
        match ids[..] {
            [Some(a), Some(b), Some(c), Some(d)] => qs.push([a, b, c, d]),
            _ => section.skipped += 1,
        }
    }
    let mut total = Section { name: "total".into(), correct: 0, total: 0, skipped: 0 };
    let mut out = Vec::new();
    for (mut s, qs) in sections {
        let questions: Vec<[u32; 3]> = qs.iter().map(|q| [q[0], q[1], q[2]]).collect();
        let answers = e.analogy_batch(&questions, 1, method, restrict);
        s.total = qs.len();
        s.correct = qs.iter().zip(&answers).filter(|(q, a)| a.first().map(|x| x.0) == Some(q[3])).count();
        total.correct += s.correct;
        total.total += s.total;
        total.skipped += s.skipped;
        out.push(s);
    }
    out.push(total);
    Ok(out)
}

/// Spearman correlation on a similarity set (`word1<TAB>word2<TAB>score` lines, `#` comments),
/// over the pairs whose words are both known; returns (rho, pairs used, pairs skipped).
pub fn similarity(e: &Embeddings, path: &Path) -> Result<(f64, usize, usize)> {
    let text = read_lines(path)?;
    let lookup: std::collections::HashMap<String, u32> =
        e.words().iter().enumerate().rev().map(|(i, w)| (w.to_lowercase(), i as u32)).collect();
    let (mut human, mut model, mut skipped) = (Vec::new(), Vec::new(), 0);
    for (n, line) in text.iter().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        let score: f64 = match cols.get(2).map(|s| s.parse()) {
            Some(Ok(s)) => s,
            _ => {
                return Err(Error::Format {
                    path: path.into(),
                    problem: format!("line {}: expected 'word1 word2 score'", n + 1),
                })
            }
        };
        match (lookup.get(&cols[0].to_lowercase()), lookup.get(&cols[1].to_lowercase())) {
            (Some(&a), Some(&b)) => {
                human.push(score);
                model.push(e.unit().get(a as i64).dot(&e.unit().get(b as i64)).double_value(&[]));
            }
            _ => skipped += 1,
        }
    }
    Ok((spearman(&human, &model), human.len(), skipped))
}

/// Ranks with ties given their average rank (1-based).
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rank correlation (Pearson on average ranks).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_handles_ties_like_the_textbook() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
        assert!((spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]) - 0.9486832980505138).abs() < 1e-12);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), [2.5, 1.0, 2.5]);
    }
}
