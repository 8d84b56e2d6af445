//! `arbor parse`: tag and parse raw text, pre-tokenized text or CoNLL-U, streaming.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use arbor_conllu::{Reader, Sentence, Writer};
use arbor_nn::DeviceSpec;
use arbor_parser::Parser;
use arbor_text::{InputMode, Stemmer};
use indicatif::{ProgressBar, ProgressDrawTarget};

use crate::io::Input;

/// Tokenize, tag and parse with the bundled English EWT models (or --model/--tokenizer).
///
/// Text comes from the arguments, or from --file, or standard input. `--input text` (the
/// default) is running text: paragraphs between blank lines. `--input tokenized` is one
/// sentence a line, tokens separated by spaces. `--input conllu` is gold-tokenized CoNLL-U:
/// its tags, heads and labels are ignored and replaced. Output is written as each batch is
/// parsed, so a pipe sees the first sentences before the input ends.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// With `--input text`: text to parse. With `--input conllu|tokenized`: the file to read.
    /// Standard input when neither this nor --file is given.
    pub text: Vec<String>,
    /// Read this file ('-': standard input).
    #[arg(long, short)]
    pub file: Option<PathBuf>,
    /// text, tokenized or conllu.
    #[arg(long, default_value = "text", value_parser = ["text", "tokenized", "conllu"])]
    pub input: String,
    /// conllu, json (one object a line) or tree.
    #[arg(long, default_value = "conllu", value_parser = ["conllu", "json", "tree"])]
    pub format: String,
    /// Parser model directory (default: the bundled en_ewt-parser; or $ARBOR_MODELS/en_ewt-parser).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Tokenizer model directory, trained or rules (default: the bundled en_ewt-tokenizer, or
    /// en_ewt-rules with --rules).
    #[arg(long)]
    pub tokenizer: Option<PathBuf>,
    /// Tokenize with the rule-based tokenizer.
    #[arg(long)]
    pub rules: bool,
    /// Add Snowball stems (MISC Stem=) for this language.
    #[arg(long)]
    pub stem: Option<String>,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
    /// Words per parsing batch.
    #[arg(long, default_value_t = 4096)]
    pub batch_size: usize,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Where sentences go: formatting, batching, numbering, progress.
struct Sink<'a> {
    parser: &'a Parser,
    stemmer: Option<Stemmer>,
    format: &'a str,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    pending: Vec<Sentence>,
    pending_words: usize,
    batch_words: usize,
    renumber: bool,
    sentences: usize,
    words: usize,
    progress: ProgressBar,
    started: Instant,
}

impl Sink<'_> {
    fn push(&mut self, mut s: Sentence) -> Result<()> {
        if s.words.is_empty() {
            return Ok(());
        }
        if self.sentences + self.pending.len() > 0 {
            // Each paragraph is tokenized on its own; the stream is one document.
            s.comments.retain(|c| c.0.trim() != "newdoc");
        }
        if self.renumber {
            s.set_meta("sent_id", &(self.sentences + self.pending.len() + 1).to_string());
        }
        self.pending_words += s.words.len();
        self.pending.push(s);
        if self.pending_words >= self.batch_words {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if let Some(st) = &self.stemmer {
            self.pending.iter_mut().for_each(|s| st.annotate(s));
        }
        self.parser.parse(&mut self.pending)?;
        for s in &self.pending {
            match self.format {
                "json" => writeln!(self.out, "{}", crate::render::json(s))?,
                "tree" => writeln!(self.out, "{}", crate::render::tree(s))?,
                _ => Writer::new(&mut self.out).write(s)?,
            }
        }
        self.out.flush().context("cannot write to standard output")?;
        self.sentences += self.pending.len();
        self.words += self.pending_words;
        let rate = self.words as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        self.progress.set_message(format!("{} sentences, {} words, {rate:.0} words/s", self.sentences, self.words));
        self.pending.clear();
        self.pending_words = 0;
        Ok(())
    }
}

pub fn run(args: &Args) -> Result<()> {
    if args.threads > 0 {
        tch::set_num_threads(args.threads as i32);
    }
    let mut file = args.file.clone();
    let mut text = args.text.clone();
    if args.input != "text" && file.is_none() && text.len() == 1 {
        file = text.pop().map(PathBuf::from);
    }
    if !text.is_empty() && (file.is_some() || args.input != "text") {
        bail!("text arguments go with --input text and without --file (--input {} reads one FILE)", args.input);
    }
    let stemmer = args.stem.as_deref().map(Stemmer::new).transpose()?;
    let device = args.device.resolve()?;
    let model = crate::models::find(args.model.as_deref(), "en_ewt-parser")?;
    let mut parser =
        Parser::load(&model, device).with_context(|| format!("cannot load the parser {}", model.display()))?;
    parser.batch_words = args.batch_size.max(1);
    let mode = if args.input == "tokenized" { InputMode::Pretokenized } else { InputMode::Raw };
    let tokenizer = if args.input == "conllu" {
        None
    } else {
        let name = crate::cmd::tokenize::default_model(args.rules);
        let dir = crate::models::find(args.tokenizer.as_deref(), name)?;
        Some(
            crate::load_tokenizer(&dir, mode, device)
                .with_context(|| format!("cannot load the tokenizer {}", dir.display()))?,
        )
    };
    let progress = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
    progress.set_draw_target(if args.quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() });
    let mut sink = Sink {
        parser: &parser,
        stemmer,
        format: &args.format,
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        pending: Vec::new(),
        pending_words: 0,
        batch_words: args.batch_size.max(1),
        renumber: args.input != "conllu",
        sentences: 0,
        words: 0,
        progress,
        started: Instant::now(),
    };
    if !text.is_empty() {
        let text = text.join(" ");
        for s in tokenizer.as_ref().expect("text input has a tokenizer").tokenize(&text) {
            sink.push(s)?;
        }
        return sink.flush();
    }
    let input = Input::open(file.as_deref())?;
    match tokenizer {
        None => {
            for s in Reader::new(input.reader, input.name.clone()) {
                sink.push(s?)?;
            }
        }
        Some(t) if mode == InputMode::Pretokenized => {
            read_lines(input, |line, _| t.tokenize(line).into_iter().try_for_each(|s| sink.push(s)))?
        }
        Some(t) => read_paragraphs(input, |para, base| {
            t.tokenize(para).into_iter().try_for_each(|mut s| {
                shift_ranges(&mut s, base);
                sink.push(s)
            })
        })?,
    }
    sink.flush()?;
    sink.progress.finish_and_clear();
    Ok(())
}

/// Call `f` on each line (without its end) and its character offset; invalid UTF-8 is an error
/// naming the line.
fn read_lines(mut input: Input, mut f: impl FnMut(&str, usize) -> Result<()>) -> Result<()> {
    let mut buf = Vec::new();
    let (mut line_no, mut chars) = (0usize, 0usize);
    loop {
        buf.clear();
        let n = input.reader.read_until(b'\n', &mut buf).with_context(|| format!("cannot read {}", input.name))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(e) => bail!("{}:{line_no}: invalid UTF-8 at byte {} of the line", input.name, e.valid_up_to() + 1),
        };
        f(text.trim_end_matches(['\n', '\r']), chars)?;
        chars += text.chars().count();
    }
}

/// Paragraphs (text between blank lines) with their character offsets, handed on as soon as
/// they end. A paragraph that grows past 64 KiB is handed on at the next line end, so memory
/// stays bounded on text without blank lines.
fn read_paragraphs(input: Input, mut f: impl FnMut(&str, usize) -> Result<()>) -> Result<()> {
    const LIMIT: usize = 64 * 1024;
    let mut para = String::new();
    let mut base = 0usize;
    read_lines(input, |line, offset| {
        if line.trim().is_empty() || para.len() > LIMIT {
            if !para.trim().is_empty() {
                f(&para, base)?;
            }
            para.clear();
        }
        if !line.trim().is_empty() {
            if para.is_empty() {
                base = offset;
            }
            para.push_str(line);
            para.push('\n');
        }
        Ok(())
    })?;
    if !para.trim().is_empty() {
        f(&para, base)?;
    }
    Ok(())
}

/// Add `base` to the character offsets in `TokenRange=a:b` of every token (a multiword token
/// carries it on its token line, its words carry none).
fn shift_ranges(s: &mut Sentence, base: usize) {
    if base == 0 {
        return;
    }
    let shifted = |range: Option<&str>| -> Option<String> {
        let (a, b) = range?.split_once(':')?;
        Some(format!("{}:{}", a.parse::<usize>().ok()? + base, b.parse::<usize>().ok()? + base))
    };
    for m in &mut s.multiwords {
        if let Some(r) = shifted(m.misc_value("TokenRange")) {
            m.set_misc_value("TokenRange", Some(&r));
        }
    }
    for w in &mut s.words {
        if let Some(r) = shifted(w.misc_value("TokenRange")) {
            w.set_misc_value("TokenRange", Some(&r));
        }
    }
}
