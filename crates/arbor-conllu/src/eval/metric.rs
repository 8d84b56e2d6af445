//! What an evaluation computes: the metrics ([`Metric`]), a score per metric ([`Score`]), all of
//! them ([`Evaluation`]), and the options that change them ([`Options`]).

use serde::Serialize;

/// Evaluation options (the `udeval` flags that change results).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Accept sentences with several words attached to the root (`--multiple-roots-okay`).
    pub multiple_roots_okay: bool,
}

/// The metrics, in the order the official table prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Metric {
    Tokens,
    Sentences,
    Words,
    #[serde(rename = "UPOS")]
    Upos,
    #[serde(rename = "XPOS")]
    Xpos,
    UFeats,
    AllTags,
    Lemmas,
    #[serde(rename = "UAS")]
    Uas,
    #[serde(rename = "LAS")]
    Las,
    #[serde(rename = "CLAS")]
    Clas,
    #[serde(rename = "MLAS")]
    Mlas,
    #[serde(rename = "BLEX")]
    Blex,
    #[serde(rename = "ELAS")]
    Elas,
    #[serde(rename = "EULAS")]
    Eulas,
}

impl Metric {
    pub const ALL: [Metric; 15] = [
        Metric::Tokens,
        Metric::Sentences,
        Metric::Words,
        Metric::Upos,
        Metric::Xpos,
        Metric::UFeats,
        Metric::AllTags,
        Metric::Lemmas,
        Metric::Uas,
        Metric::Las,
        Metric::Clas,
        Metric::Mlas,
        Metric::Blex,
        Metric::Elas,
        Metric::Eulas,
    ];

    /// The name the official table uses.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Tokens => "Tokens",
            Metric::Sentences => "Sentences",
            Metric::Words => "Words",
            Metric::Upos => "UPOS",
            Metric::Xpos => "XPOS",
            Metric::UFeats => "UFeats",
            Metric::AllTags => "AllTags",
            Metric::Lemmas => "Lemmas",
            Metric::Uas => "UAS",
            Metric::Las => "LAS",
            Metric::Clas => "CLAS",
            Metric::Mlas => "MLAS",
            Metric::Blex => "BLEX",
            Metric::Elas => "ELAS",
            Metric::Eulas => "EULAS",
        }
    }
}

/// Counts and ratios of one metric. Ratios are fractions (0..=1); `aligned_*` is `None` for the
/// metrics that are not computed on aligned words (Tokens, Sentences, Words, ELAS, EULAS).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Score {
    pub correct: usize,
    pub gold_total: usize,
    pub system_total: usize,
    pub aligned_total: Option<usize>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub aligned_accuracy: Option<f64>,
}

impl Score {
    pub(crate) fn new(gold_total: usize, system_total: usize, correct: usize, aligned_total: Option<usize>) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Score {
            correct,
            gold_total,
            system_total,
            aligned_total,
            precision: ratio(correct, system_total),
            recall: ratio(correct, gold_total),
            f1: ratio(2 * correct, system_total + gold_total),
            aligned_accuracy: aligned_total.map(|a| ratio(correct, a)),
        }
    }
}

/// All metrics of one evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub scores: Vec<(Metric, Score)>,
}

impl std::ops::Index<Metric> for Evaluation {
    type Output = Score;
    fn index(&self, m: Metric) -> &Score {
        &self.scores.iter().find(|(k, _)| *k == m).expect("every metric is computed").1
    }
}
