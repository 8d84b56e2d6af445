//! Evaluation of a parser on a treebank with the CoNLL 2018 scorer (gold tokenization).

use arbor_conllu::eval::{evaluate, Metric, Options};
use arbor_conllu::Sentence;

use crate::error::Result;
use crate::parser::Parser;

/// Dev (LAS, UAS, UPOS) as fractions, predicted tags, gold tokenization.
pub fn dev_scores(parser: &Parser, gold: &[Sentence]) -> Result<(f64, f64, f64)> {
    let mut system = gold.to_vec();
    parser.parse(&mut system)?;
    let e = evaluate(gold, &system, &Options::default())?;
    let f = |m: Metric| e[m].f1;
    Ok((f(Metric::Las), f(Metric::Uas), f(Metric::Upos)))
}
