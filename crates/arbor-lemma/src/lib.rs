//! Lemmatization learned from a CoNLL-U treebank, without libtorch.
//!
//! - [`EditRule`]: how a form becomes its lemma (case, prefix and suffix edits), derived from
//!   any pair and applied to other words with the same ending;
//! - [`Lexicon`]: the treebank's (form, UPOS, XPOS, FEATS, lemma) types with counts — the
//!   model file;
//! - [`SuffixGuesser`]: rules for unseen forms from known words with the same tags and ending;
//! - [`Lemmatizer`]: lexicon first, guesser second, as a pipeline stage after tagging, with its
//!   model directory; [`evaluate`]: accuracy by the step that gave each lemma.
//!
//! ```
//! use arbor_conllu::{Sentence, Word};
//! use arbor_lemma::{LemmaConfig, Lemmatizer};
//! let w = |f: &str, u: &str, l: &str| Word { upos: u.into(), lemma: l.into(), ..Word::new(f) };
//! let train = Sentence::from_words(vec![w("cats", "NOUN", "cat"), w("rats", "NOUN", "rat"), w("ran", "VERB", "run")]);
//! let lem = Lemmatizer::train(LemmaConfig::default(), [&train], "train.conllu").unwrap();
//! assert_eq!(lem.lemma("Dogs", "NOUN", "_", "_"), "dog"); // unseen: the rule of "cats", "rats"
//! assert_eq!(lem.lemma("RAN", "VERB", "_", "_"), "run"); // a case variant of a known word
//! ```

mod error;
pub use error::{Error, Result};

pub mod config;
pub use config::{Guesser, LemmaConfig};

mod rule;
pub use rule::{Case, EditRule};

pub mod lexicon;
pub use lexicon::Lexicon;

mod guesser;
pub use guesser::SuffixGuesser;

mod lemmatizer;
pub use lemmatizer::{Lemmatizer, Source};

pub mod evaluate;
pub use evaluate::{evaluate, Accuracy};
