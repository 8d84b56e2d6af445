//! [`Pipeline`]: tokenizer + optional stemmer + tagger/parser + optional lemmatizer, over a
//! whole input streamed in batches: text is cut into paragraphs (or lines), gathered into
//! groups of about `batch_words` words ([`arbor_text::UnitGroup`]), and each group is tokenized
//! (the tokenizer's model over the whole group at once), stemmed, tagged, parsed and lemmatized
//! by one of [`Pipeline::with_threads`] workers sharing the models; the calling thread reads,
//! numbers the sentences through the stream ([`arbor_text::Numbering`]) and hands the batches
//! to the caller in input order. Memory stays bounded and the first sentences come out before
//! the input ends. `arbor parse` is this and nothing else.

use std::io::BufRead;
use std::path::Path;

use arbor_conllu::{Reader, Sentence};
use arbor_core::profile::{self, Stage};
use arbor_core::{workers, Lines};
use arbor_lemma::Lemmatizer;
use arbor_parser::Parser;
use arbor_text::{InputMode, Numbering, Stemmer, Tokenizer, UnitGroup};
use tch::Device;

use crate::error::{Error, Result};

/// What a stream holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Text, laid out as the tokenizer's [`Tokenizer::mode`] says (running text, one sentence a
    /// line, or tokens separated by spaces).
    #[default]
    Text,
    /// Tokenized CoNLL-U: its tags, heads and labels are replaced, everything else is kept.
    Conllu,
}

/// Sentences and words a stream produced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub sentences: usize,
    pub words: usize,
}

/// Tokenize, tag and parse.
///
/// ```
/// use arbor::Pipeline;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
/// let pipeline = Pipeline::load(
///     format!("{models}/en_ewt/tokenizer"),
///     format!("{models}/en_ewt/parser"),
///     tch::Device::Cpu,
/// )?;
/// let sentences = pipeline.parse_text("I saw a girl with a telescope. She didn't see me.")?;
/// assert_eq!(sentences.len(), 2);
/// let saw = &sentences[0].words[1];
/// assert_eq!((saw.form.as_str(), saw.head), ("saw", Some(0)));
/// assert_eq!(saw.lemma, "_"); // no lemmatizer yet
///
/// // With the bundled lemmatizer, LEMMA is filled from the form and the predicted tags.
/// let lemmatizer = arbor::lemma::Lemmatizer::load(format!("{models}/en_ewt/lemmatizer"))?;
/// let pipeline = pipeline.with_lemmatizer(lemmatizer);
/// let sentences = pipeline.parse_text("I saw a girl with a telescope. She didn't see me.")?;
/// let lemmas: Vec<&str> = sentences[1].words.iter().map(|w| w.lemma.as_str()).collect();
/// assert_eq!(lemmas, ["she", "do", "not", "see", "I", "."]);
/// // "didn't" is one token of two words, each with a head.
/// assert_eq!(sentences[1].multiwords.len(), 1);
/// assert!(sentences[1].words.iter().all(|w| w.head.is_some()));
///
/// // Any reader, streamed: each batch is handed on as soon as it is parsed.
/// let text = "First paragraph.\n\nSecond one, with two sentences. Here.\n";
/// let mut ids = Vec::new();
/// let stats = pipeline.parse_stream(text.as_bytes(), "<example>", arbor::InputFormat::Text, |batch| {
///     ids.extend(batch.iter().map(|s| s.meta("sent_id").unwrap_or("").to_string()));
///     Ok(())
/// })?;
/// assert_eq!((stats.sentences, ids), (3, vec!["1".to_string(), "2".into(), "3".into()]));
/// # Ok(())
/// # }
/// ```
pub struct Pipeline {
    tokenizer: Option<Box<dyn Tokenizer>>,
    stemmer: Option<Stemmer>,
    parser: Parser,
    lemmatizer: Option<Lemmatizer>,
    batch_words: usize,
    /// Workers that tokenize and parse batches side by side.
    threads: usize,
}

impl Pipeline {
    pub fn new(tokenizer: Box<dyn Tokenizer>, parser: Parser) -> Pipeline {
        let batch_words = parser.batch_words;
        Pipeline { tokenizer: Some(tokenizer), stemmer: None, parser, lemmatizer: None, batch_words, threads: 1 }
    }

    /// A pipeline for tokenized input only ([`InputFormat::Conllu`], [`Pipeline::parse_sentences`]).
    pub fn without_tokenizer(parser: Parser) -> Pipeline {
        let batch_words = parser.batch_words;
        Pipeline { tokenizer: None, stemmer: None, parser, lemmatizer: None, batch_words, threads: 1 }
    }

    /// A tokenizer model directory (trained or rules, see [`crate::load_tokenizer`]) for running
    /// text, and a parser model directory.
    pub fn load(tokenizer: impl AsRef<Path>, parser: impl AsRef<Path>, device: Device) -> Result<Pipeline> {
        let tokenizer = crate::load_tokenizer(tokenizer.as_ref(), InputMode::Raw, device)?;
        Ok(Pipeline::new(tokenizer, Parser::load(parser, device)?))
    }

    /// Add MISC `Stem=` to every word.
    pub fn with_stemmer(mut self, stemmer: Stemmer) -> Pipeline {
        self.stemmer = Some(stemmer);
        self
    }

    /// Fill LEMMA from each word's form and predicted tags (after tagging; without a
    /// lemmatizer LEMMA is `_`).
    pub fn with_lemmatizer(mut self, lemmatizer: Lemmatizer) -> Pipeline {
        self.lemmatizer = Some(lemmatizer);
        self
    }

    pub fn lemmatizer(&self) -> Option<&Lemmatizer> {
        self.lemmatizer.as_ref()
    }

    /// Words per batch handed to the parser (and padded positions per parser batch; by default
    /// the parser's own `batch_words`).
    pub fn with_batch_words(mut self, words: usize) -> Pipeline {
        self.batch_words = words.max(1);
        self.parser.batch_words = self.batch_words;
        self
    }

    /// Tokenize and parse with `threads` workers (at least 1; the default), each on its own
    /// batch. The model is shared, not copied. Each worker runs libtorch on its own thread, so
    /// set libtorch's own thread pool to 1 (`tch::set_num_threads(1)`) for `threads` cores in
    /// all, as `arbor parse` does.
    pub fn with_threads(mut self, threads: usize) -> Pipeline {
        self.threads = threads.max(1);
        self
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    pub fn tokenizer(&self) -> Option<&dyn Tokenizer> {
        self.tokenizer.as_deref()
    }

    /// Tokenize, tag and parse a text (paragraphs between blank lines).
    pub fn parse_text(&self, text: &str) -> Result<Vec<Sentence>> {
        let mut out = Vec::new();
        self.parse_stream(text.as_bytes(), "<text>", InputFormat::Text, |batch| {
            out.extend_from_slice(batch);
            Ok(())
        })?;
        Ok(out)
    }

    /// Tag, parse and lemmatize sentences that are already tokenized (stems added first when
    /// configured).
    pub fn parse_sentences(&self, sentences: &mut [Sentence]) -> Result<()> {
        if let Some(s) = &self.stemmer {
            sentences.iter_mut().for_each(|x| s.annotate(x));
        }
        self.parser.parse(sentences)?;
        if let Some(l) = &self.lemmatizer {
            profile::time(Stage::Lemmatizer, || sentences.iter_mut().for_each(|s| l.lemmatize(s)));
        }
        Ok(())
    }

    /// Read `input` (named `name` in errors) to its end, calling `sink` with each batch of
    /// parsed sentences in input order. Batches of about `batch_words` words are tokenized and
    /// parsed by [`Pipeline::with_threads`] workers; reading, numbering and `sink` stay on the
    /// calling thread. An error in the input comes after every batch read before it.
    pub fn parse_stream<R: BufRead>(
        &self,
        input: R,
        name: &str,
        format: InputFormat,
        mut sink: impl FnMut(&[Sentence]) -> std::io::Result<()>,
    ) -> Result<Stats> {
        let mut stats = Stats::default();
        let mut numbering = Numbering::default();
        let mut emit = |batch: Result<Vec<Sentence>>| -> Result<()> {
            let mut batch = batch?;
            if format == InputFormat::Text {
                batch.iter_mut().for_each(|s| numbering.number(s));
            }
            sink(&batch).map_err(Error::Output)?;
            stats.sentences += batch.len();
            stats.words += batch.iter().map(|s| s.words.len()).sum::<usize>();
            Ok(())
        };
        let words = self.batch_words;
        match format {
            InputFormat::Conllu => {
                let feed = |submit: &mut dyn FnMut(Vec<Sentence>) -> Result<()>| -> Result<()> {
                    let (mut pending, mut count) = (Vec::new(), 0);
                    for s in Reader::new(input, name) {
                        let s = s?;
                        count += s.words.len();
                        pending.push(s);
                        if count >= words {
                            submit(std::mem::take(&mut pending))?;
                            count = 0;
                        }
                    }
                    if pending.is_empty() {
                        return Ok(());
                    }
                    submit(pending)
                };
                let work = |mut batch: Vec<Sentence>| self.parse_sentences(&mut batch).map(|()| batch);
                workers::ordered(self.threads, feed, work, &mut emit)?;
            }
            InputFormat::Text => {
                let tokenizer = self.tokenizer.as_deref().ok_or(Error::NoTokenizer)?;
                let feed = |submit: &mut dyn FnMut(UnitGroup) -> Result<()>| -> Result<()> {
                    let bytes = words * BYTES_PER_WORD;
                    arbor_text::for_each_group(Lines::new(input, name), tokenizer.mode(), bytes, submit)
                };
                let work = |group: UnitGroup| {
                    let mut batch = group.tokenize(tokenizer);
                    self.parse_sentences(&mut batch).map(|()| batch)
                };
                workers::ordered(self.threads, feed, work, &mut emit)?;
            }
        }
        Ok(stats)
    }
}

/// Bytes of running text per word, about (English: 5): text is handed to the workers in
/// groups of `batch_words * BYTES_PER_WORD` bytes.
const BYTES_PER_WORD: usize = 5;
