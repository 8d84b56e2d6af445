//! Raw text → sentences → tokens → syntactic words, as UD treebanks annotate them, without
//! libtorch.
//!
//! - [`RuleTokenizer`]: Unicode word and sentence boundaries (UAX #29, `unicode-segmentation`)
//!   refined by a [`Lexicon`] learned from a CoNLL-U training file (multiword-token splits,
//!   tokens with inner punctuation such as `e.g.` or `U.S.`, abbreviations that do not end
//!   sentences) and English rules for unseen contractions and possessives;
//! - [`tokenize_stream`]: any tokenizer over a stream (groups of paragraphs, numbered
//!   through, offsets into the input); [`UnitGroup`] and [`Numbering`] for callers that
//!   tokenize groups on several threads;
//! - [`Stemmer`]: Snowball stemming (`rust-stemmers`) as a pipeline stage (`Stem=` in MISC).
//!
//! ```
//! use arbor_text::{Lexicon, RuleTokenizer, Tokenizer};
//! // Usually learned from a treebank: `Lexicon::learn(&training_sentences)`.
//! let mut lexicon = Lexicon::default();
//! lexicon.not_final.insert("mr.".into());
//! let t = RuleTokenizer::new(lexicon);
//! let sentences = t.tokenize("I don't know Mr. Smith. He's here!");
//! assert_eq!(sentences.len(), 2);
//! let s = &sentences[0];
//! assert_eq!(s.multiwords[0].form, "don't");
//! let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
//! assert_eq!(words, ["I", "do", "n't", "know", "Mr.", "Smith", "."]);
//! assert_eq!(s.words[5].misc_value("TokenRange"), Some("17:22")); // characters of "Smith"
//! ```

mod error;
pub use error::{Error, Result};

pub mod lexicon;
pub use lexicon::Lexicon;

mod pretokenize;

mod expand;
pub use expand::Expand;

mod rules;
pub use rules::{InputMode, MwtDecision, RuleTokenizer, Segmentation, Tokenizer, MAX_SENTENCE_TOKENS};

pub mod group;
pub use group::{shift_token_ranges, Numbering, UnitGroup};

pub mod stream;
pub use stream::{for_each_group, for_each_unit, tokenize_stream, tokenize_texts};

mod stem;
pub use stem::Stemmer;
