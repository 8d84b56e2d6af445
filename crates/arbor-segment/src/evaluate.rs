//! Evaluation of a trained tokenizer: raw text in, Tokens / Words / Sentences F1 against gold
//! CoNLL-U (the CoNLL 2018 scorer's figures).

use arbor_conllu::eval::{evaluate, Metric, Options};
use arbor_conllu::Sentence;
use arbor_text::Tokenizer;

use crate::error::Result;

/// (Tokens, Words, Sentences) F1 as fractions of `tokenizer` on `text` against `gold`.
pub fn segmentation_scores(tokenizer: &dyn Tokenizer, text: &str, gold: &[Sentence]) -> Result<(f64, f64, f64)> {
    let system = tokenizer.tokenize(text);
    let e = evaluate(gold, &system, &Options { multiple_roots_okay: true })?;
    Ok((e[Metric::Tokens].f1, e[Metric::Words].f1, e[Metric::Sentences].f1))
}
