//! [`Pipeline`]: raw text → sentences → tokens and words → (stems) → tags and trees, for
//! library users. The CLI's `arbor parse` is built on it.

use std::path::Path;

use arbor_conllu::Sentence;
use arbor_parser::Parser;
use arbor_segment::TrainedTokenizer;
use arbor_text::{InputMode, Lexicon, RuleTokenizer, Stemmer, Tokenizer};
use tch::Device;

use crate::error::Result;

/// Tokenizer + optional stemmer + tagger/parser.
///
/// ```
/// use arbor::Pipeline;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
/// let pipeline = Pipeline::load(
///     format!("{models}/en_ewt-tokenizer"),
///     format!("{models}/en_ewt-parser"),
///     tch::Device::Cpu,
/// )?;
/// let sentences = pipeline.parse_text("I saw a girl with a telescope. She didn't see me.")?;
/// assert_eq!(sentences.len(), 2);
/// let saw = &sentences[0].words[1];
/// assert_eq!((saw.form.as_str(), saw.head), ("saw", Some(0)));
/// // "didn't" is one token of two words, each with a head.
/// assert_eq!(sentences[1].multiwords.len(), 1);
/// assert!(sentences[1].words.iter().all(|w| w.head.is_some()));
/// # Ok(())
/// # }
/// ```
pub struct Pipeline {
    tokenizer: Box<dyn Tokenizer>,
    stemmer: Option<Stemmer>,
    parser: Parser,
}

impl Pipeline {
    pub fn new(tokenizer: Box<dyn Tokenizer>, parser: Parser) -> Pipeline {
        Pipeline { tokenizer, stemmer: None, parser }
    }

    /// A tokenizer model directory (trained or rules, see [`load_tokenizer`]) and a parser model directory.
    pub fn load(tokenizer: impl AsRef<Path>, parser: impl AsRef<Path>, device: Device) -> Result<Pipeline> {
        let tokenizer = load_tokenizer(tokenizer.as_ref(), InputMode::Raw, device)?;
        let parser = Parser::load(parser, device)?;
        Ok(Pipeline::new(tokenizer, parser))
    }

    /// Add MISC `Stem=` to every word.
    pub fn with_stemmer(mut self, stemmer: Stemmer) -> Pipeline {
        self.stemmer = Some(stemmer);
        self
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Tokenize, tag and parse a text (paragraphs between blank lines).
    pub fn parse_text(&self, text: &str) -> Result<Vec<Sentence>> {
        let mut sentences = self.tokenizer.tokenize(text);
        self.parse_sentences(&mut sentences)?;
        Ok(sentences)
    }

    /// Tag and parse sentences that are already tokenized (stems added first when configured).
    pub fn parse_sentences(&self, sentences: &mut [Sentence]) -> Result<()> {
        if let Some(s) = &self.stemmer {
            sentences.iter_mut().for_each(|x| s.annotate(x));
        }
        Ok(self.parser.parse(sentences)?)
    }
}

/// The lexicon of a rule tokenizer model directory.
pub fn load_lexicon(dir: &Path) -> Result<Lexicon> {
    let (dir, _) = arbor_nn::ModelDir::open(dir, "rules-tokenizer", 1)?;
    Ok(dir.read_json("lexicon.json")?)
}

/// A tokenizer model directory of either kind: `tokenizer` (the trained character BiLSTM,
/// `arbor train tokenizer`) or `rules-tokenizer` (`arbor train tokenizer --rules`).
pub fn load_tokenizer(dir: &Path, mode: InputMode, device: Device) -> Result<Box<dyn Tokenizer>> {
    if arbor_nn::ModelDir::metadata(dir)?.kind == "rules-tokenizer" {
        return Ok(Box::new(rule_tokenizer(dir, mode)?));
    }
    Ok(Box::new(TrainedTokenizer::load(dir, device)?.with_mode(mode)))
}

/// A rule tokenizer for `mode` from a model directory.
pub fn rule_tokenizer(dir: &Path, mode: InputMode) -> Result<RuleTokenizer> {
    Ok(RuleTokenizer::new(load_lexicon(dir)?).with_mode(mode))
}
