//! `arbor tokenize [FILE]`: raw text → CoNLL-U (or one sentence a line), streamed in groups of
//! paragraphs that `--threads` workers tokenize side by side (output in input order). The rule
//! tokenizer runs here; the trained one in `arbor-torch`, through the same [`run`].

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_conllu::{Sentence, Writer};
use arbor_core::{DeviceSpec, Lines, ModelDir};
use arbor_text::group::GROUP_BYTES;
use arbor_text::{InputMode, Lexicon, Numbering, RuleTokenizer, Stemmer, Tokenizer, UnitGroup};

use crate::io::Input;

/// Split text into sentences, tokens and syntactic words (multiword tokens as UD splits them).
///
/// By default the trained character-BiLSTM tokenizer (the bundled `en_ewt/tokenizer`, or
/// `--model DIR` from `arbor tokenizer train`). `--rules`: the rule-based tokenizer, Unicode
/// word and sentence boundaries refined by a lexicon learned from a treebank (the bundled
/// `en_ewt-rules`, or `--model DIR` from `arbor tokenizer train --rules`).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Text to tokenize (standard input when omitted, or for '-').
    pub file: Option<PathBuf>,
    /// A tokenizer model directory, trained or rules (default: the bundled en_ewt/tokenizer,
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
    pub device: DeviceSpec,
    /// CPU cores to use: this many workers tokenize groups of paragraphs side by side, output
    /// in input order (0: the CPUs this process may run on).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Print the time of each stage, and characters/s after loading, to stderr.
    #[arg(long)]
    pub profile: bool,
}

impl Args {
    pub fn mode(&self) -> InputMode {
        match (self.presegmented, self.pretokenized) {
            (true, _) => InputMode::Presegmented,
            (_, true) => InputMode::Pretokenized,
            _ => InputMode::Raw,
        }
    }

    /// The tokenizer's model directory.
    pub fn model_dir(&self) -> Result<PathBuf> {
        crate::models::find(self.model.as_deref(), crate::models::default_tokenizer(self.rules))
    }

    /// The rule tokenizer these arguments ask for, or `None` when they ask for a trained one
    /// (which needs libtorch).
    pub fn rule_tokenizer(&self) -> Result<Option<RuleTokenizer>> {
        if self.no_lexicon {
            return Ok(Some(RuleTokenizer::new(Lexicon::default()).with_mode(self.mode())));
        }
        let dir = self.model_dir()?;
        let kind =
            ModelDir::metadata(&dir).with_context(|| format!("cannot load the tokenizer {}", dir.display()))?.kind;
        if kind != arbor_text::lexicon::KIND {
            return Ok(None);
        }
        let t = RuleTokenizer::load(&dir).with_context(|| format!("cannot load the tokenizer {}", dir.display()))?;
        Ok(Some(t.with_mode(self.mode())))
    }
}

/// Tokenize the input with `tokenizer` (already in [`Args::mode`]) and write it out.
pub fn run(args: &Args, tokenizer: &dyn Tokenizer) -> Result<()> {
    let stemmer = args.stem.as_deref().map(Stemmer::new).transpose()?;
    let input = Input::open(args.file.as_deref())?;
    let mut out = crate::io::stdout();
    let text_format = args.format == "text";
    let write = |out: &mut crate::io::Output, mut s: Sentence| -> Result<()> {
        if let Some(st) = &stemmer {
            st.annotate(&mut s);
        }
        if text_format {
            let forms: Vec<&str> = s.tokens().map(|t| t.form()).collect();
            writeln!(out, "{}", forms.join(" "))?;
        } else {
            Writer::new(&mut *out).write(&s)?;
        }
        Ok(())
    };
    if args.profile {
        arbor_core::profile::enable();
    }
    let (started, mut chars) = (std::time::Instant::now(), 0usize);
    let feed = |submit: &mut dyn FnMut(UnitGroup) -> Result<()>| -> Result<()> {
        let mut counted = |group: UnitGroup| {
            if args.profile {
                chars += group.chars();
            }
            submit(group)
        };
        arbor_text::for_each_group(Lines::new(input.reader, &input.name), tokenizer.mode(), GROUP_BYTES, &mut counted)
    };
    let mut numbering = Numbering::default();
    let emit = |sentences: Vec<Sentence>| -> Result<()> {
        for mut s in sentences {
            numbering.number(&mut s);
            write(&mut out, s)?;
        }
        Ok(())
    };
    arbor_core::workers::ordered(
        crate::workers(args.threads),
        feed,
        |group: UnitGroup| group.tokenize(tokenizer),
        emit,
    )?;
    out.finish()?;
    if args.profile {
        crate::profile::report(started.elapsed(), chars, "characters");
    }
    Ok(())
}
