//! Scores of predicted labels against gold ones: accuracy, macro-averaged F1, precision, recall
//! and F1 of each class, and the confusion matrix (rows gold, columns predicted).

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassScores {
    pub label: String,
    /// Gold examples of this class.
    pub support: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub examples: usize,
    pub accuracy: f64,
    /// The mean of the classes' F1 (classes with neither gold nor predicted examples left out).
    pub macro_f1: f64,
    pub classes: Vec<ClassScores>,
    /// `confusion[gold][predicted]`, in the order of `classes`.
    pub confusion: Vec<Vec<usize>>,
}

/// Scores of `predicted` against `gold` (class ids below `labels.len()`).
pub fn score(labels: &[String], gold: &[usize], predicted: &[usize]) -> Scores {
    let n = labels.len();
    let mut confusion = vec![vec![0usize; n]; n];
    for (&g, &p) in gold.iter().zip(predicted) {
        if g < n && p < n {
            confusion[g][p] += 1;
        }
    }
    let examples = gold.len().min(predicted.len());
    let correct: usize = (0..n).map(|i| confusion[i][i]).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let classes: Vec<ClassScores> = (0..n)
        .map(|i| {
            let support: usize = confusion[i].iter().sum();
            let predicted: usize = confusion.iter().map(|row| row[i]).sum();
            let (precision, recall) = (ratio(confusion[i][i], predicted), ratio(confusion[i][i], support));
            let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
            ClassScores { label: labels[i].clone(), support, precision, recall, f1 }
        })
        .collect();
    let present: Vec<f64> = (0..n)
        .filter(|&i| classes[i].support > 0 || confusion.iter().any(|row| row[i] > 0))
        .map(|i| classes[i].f1)
        .collect();
    let macro_f1 = if present.is_empty() { 0.0 } else { present.iter().sum::<f64>() / present.len() as f64 };
    Scores { examples, accuracy: ratio(correct, examples), macro_f1, classes, confusion }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_of_a_small_known_case() {
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        // gold a a a b b c, predicted a a b b c c
        let s = score(&labels, &[0, 0, 0, 1, 1, 2], &[0, 0, 1, 1, 2, 2]);
        assert_eq!(s.confusion, [[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
        assert!((s.accuracy - 4.0 / 6.0).abs() < 1e-12);
        let (a, b, c) = (&s.classes[0], &s.classes[1], &s.classes[2]);
        assert_eq!((a.precision, a.recall, a.support), (1.0, 2.0 / 3.0, 3));
        assert_eq!((b.precision, b.recall), (0.5, 0.5));
        assert_eq!((c.precision, c.recall), (0.5, 1.0));
        let f1 = |p: f64, r: f64| 2.0 * p * r / (p + r);
        let expected = (f1(1.0, 2.0 / 3.0) + 0.5 + f1(0.5, 1.0)) / 3.0;
        assert!((s.macro_f1 - expected).abs() < 1e-12);
    }

    #[test]
    fn absent_classes_do_not_count_and_nothing_divides_by_zero() {
        let labels: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let s = score(&labels, &[0, 0], &[0, 0]);
        assert_eq!((s.accuracy, s.macro_f1, s.classes[1].f1), (1.0, 1.0, 0.0));
        let s = score(&labels, &[], &[]);
        assert_eq!((s.examples, s.accuracy, s.macro_f1), (0, 0.0, 0.0));
    }
}
