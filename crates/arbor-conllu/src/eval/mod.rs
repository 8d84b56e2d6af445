//! The CoNLL 2018 shared-task evaluation (the metrics of the official `conll18_ud_eval.py`,
//! distributed as `udeval` in `udtools`), including the IWPT 2020 enhanced metrics ELAS/EULAS.
//!
//! Gold and system words are aligned on characters: both files must spell the same text once
//! whitespace is removed, but tokenization, multiword tokens and sentence splits may differ.
//! A sentence whose every HEAD is `_` (a tokenizer's or tagger's output) is accepted: its
//! tokens, words, sentences, tags and lemmas are scored and its tree metrics count as wrong.
//! (The official scorer rejects such files.)
//!
//! ```
//! use arbor_conllu::{eval::{evaluate, Metric, Options}, Reader};
//! let gold = "1\tDogs\tdog\tNOUN\t_\t_\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\t_\t_\t0\troot\t_\t_\n\n";
//! let system = "1\tDogs\tdog\tNOUN\t_\t_\t0\troot\t_\t_\n2\tbark\tbark\tVERB\t_\t_\t1\tobj\t_\t_\n\n";
//! let read = |t: &str| Reader::new(t.as_bytes(), "x").collect::<Result<Vec<_>, _>>().unwrap();
//! let e = evaluate(&read(gold), &read(system), &Options::default()).unwrap();
//! assert_eq!(e[Metric::Upos].f1, 1.0);
//! assert_eq!(e[Metric::Uas].f1, 0.0);
//! ```

mod align;
mod load;
mod metric;
mod score;
mod table;

use crate::error::{Error, Result};
use crate::sentence::Sentence;

pub use metric::{Evaluation, Metric, Options, Score};
pub use table::{format_counts, format_table, to_json};

/// Evaluate system sentences against gold sentences.
pub fn evaluate(gold: &[Sentence], system: &[Sentence], options: &Options) -> Result<Evaluation> {
    evaluate_named(gold, "gold", system, "system", options)
}

/// [`evaluate`] with names (e.g. file paths) for error messages.
pub fn evaluate_named(
    gold: &[Sentence],
    gold_name: &str,
    system: &[Sentence],
    system_name: &str,
    options: &Options,
) -> Result<Evaluation> {
    let g = load::Treebank::new(gold, gold_name, options)?;
    let s = load::Treebank::new(system, system_name, options)?;
    if g.chars != s.chars {
        return Err(Error::Eval(load::mismatch_report(&g, &s)));
    }
    let alignment = align::align_words(&g.words, &s.words);
    Ok(score::all_scores(&g, &s, &alignment))
}
