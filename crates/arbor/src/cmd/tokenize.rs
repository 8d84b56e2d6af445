//! `arbor tokenize [FILE]`: raw text → CoNLL-U (or one sentence a line).

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use arbor_conllu::Writer;
use arbor_text::{InputMode, Lexicon, RuleTokenizer, Stemmer, Tokenizer};

use crate::io::Input;

/// Split text into sentences, tokens and syntactic words (multiword tokens as UD splits them).
///
/// By default the trained character-BiLSTM tokenizer (the bundled `en_ewt-tokenizer`, or
/// `--model DIR` from `arbor train tokenizer`). `--rules`: the rule-based tokenizer, Unicode
/// word and sentence boundaries refined by a lexicon learned from a treebank (the bundled
/// `en_ewt-rules`, or `--model DIR` from `arbor train tokenizer --rules`).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Text to tokenize (standard input when omitted, or for '-').
    pub file: Option<PathBuf>,
    /// A tokenizer model directory, trained or rules (default: the bundled en_ewt-tokenizer,
    /// or en_ewt-rules with --rules).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Use the rule-based tokenizer.
    #[arg(long)]
    pub rules: bool,
    /// Plain rules only, no learned lexicon (any language).
    #[arg(long, conflicts_with = "model")]
    pub no_lexicon: bool,
    /// conllu, or text (one sentence a line, tokens separated by spaces).
    #[arg(long, default_value = "conllu", value_parser = ["conllu", "text"])]
    pub format: String,
    /// The input has one sentence a line.
    #[arg(long)]
    pub presegmented: bool,
    /// The input has one sentence a line, tokens separated by whitespace.
    #[arg(long, conflicts_with = "presegmented")]
    pub pretokenized: bool,
    /// Add Snowball stems (MISC Stem=) for this language, e.g. english.
    #[arg(long)]
    pub stem: Option<String>,
    /// For the trained tokenizer.
    #[arg(long, default_value = "cpu")]
    pub device: arbor_nn::DeviceSpec,
}

/// The bundled tokenizer: trained, or rules.
pub fn default_model(rules: bool) -> &'static str {
    if rules {
        "en_ewt-rules"
    } else {
        "en_ewt-tokenizer"
    }
}

pub fn run(args: &Args) -> Result<()> {
    let stemmer = args.stem.as_deref().map(Stemmer::new).transpose()?;
    let mode = match (args.presegmented, args.pretokenized) {
        (true, _) => InputMode::Presegmented,
        (_, true) => InputMode::Pretokenized,
        _ => InputMode::Raw,
    };
    let tokenizer: Box<dyn Tokenizer> = if args.no_lexicon {
        Box::new(RuleTokenizer::new(Lexicon::default()).with_mode(mode))
    } else {
        let dir = crate::models::find(args.model.as_deref(), default_model(args.rules))?;
        crate::load_tokenizer(&dir, mode, args.device.resolve()?)
            .with_context(|| format!("cannot load the tokenizer {}", dir.display()))?
    };
    let mut input = Input::open(args.file.as_deref())?;
    let mut bytes = Vec::new();
    input.reader.read_to_end(&mut bytes).with_context(|| format!("cannot read {}", input.name))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => bail!("{}: invalid UTF-8 at byte offset {}", input.name, e.utf8_error().valid_up_to()),
    };
    let mut sentences = tokenizer.tokenize(&text);
    if let Some(s) = &stemmer {
        sentences.iter_mut().for_each(|x| s.annotate(x));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == "text" {
        for s in &sentences {
            let forms: Vec<&str> = s.tokens().map(|t| t.form()).collect();
            writeln!(out, "{}", forms.join(" "))?;
        }
        out.flush()?;
    } else {
        Writer::new(out).write_all(&sentences)?;
    }
    Ok(())
}
