//! CoNLL-U for Arbor: a sentence model that keeps multiword tokens (`1-2`) and empty nodes (`8.1`),
//! a streaming reader that enforces the UD format rules (level 1 of the UD validator) and reports
//! `file:line: problem`, a writer whose output is byte-identical to well-formed input, tree
//! validation, and the CoNLL 2018 shared-task evaluator.
//!
//! This crate does not link libtorch.
//!
//! ```
//! use arbor_conllu::{Reader, Writer};
//!
//! let text = "# sent_id = 1\n# text = Don't go\n\
//! 1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
//! 1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
//! 2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
//! 3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
//! let sentences = Reader::new(text.as_bytes(), "example.conllu")
//!     .collect::<Result<Vec<_>, _>>()
//!     .unwrap();
//! assert_eq!(sentences[0].words.len(), 3);
//! assert_eq!(sentences[0].multiwords[0].form, "Don't");
//!
//! let mut out = Vec::new();
//! Writer::new(&mut out).write_all(&sentences).unwrap();
//! assert_eq!(out, text.as_bytes());
//! ```

mod error;
pub use error::{Error, Result};

mod sentence;
pub use sentence::{Comment, EmptyNode, Multiword, Sentence, Token, Word};

mod fields;

mod reader;
pub use reader::{read_file, Reader};

mod writer;
pub use writer::Writer;

pub mod validate;
pub use validate::{validate_tree, word_line, Level, Problem, TreeError, Validator};

mod graph;
pub use graph::to_udgraph;

pub mod eval;
