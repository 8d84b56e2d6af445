//! `arbor parse`: [`arbor::Pipeline`] over the arguments, a file or standard input.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use arbor::{pipeline_dir, InputFormat, OutputFormat, Pipeline};
use arbor_cli::io::Input;
use arbor_cli::models;
use arbor_core::DeviceSpec;
use arbor_lemma::Lemmatizer;
use arbor_nn::Resolve;
use arbor_parser::Parser;
use arbor_text::{InputMode, Stemmer};
use indicatif::{ProgressBar, ProgressDrawTarget};

/// Tokenize, tag, parse and lemmatize with the bundled English EWT models (or
/// --model/--tokenizer/--lemmatizer).
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
    #[arg(long, default_value = "conllu")]
    pub format: OutputFormat,
    /// Parser model directory, or a pipeline directory (`arbor train pipeline`: its tokenizer,
    /// parser and lemmatizer); default: the bundled pipeline en_ewt (or $ARBOR_MODELS/en_ewt).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Tokenizer model directory, trained or rules (default: the pipeline's own, or the bundled
    /// en_ewt's; en_ewt-rules with --rules).
    #[arg(long)]
    pub tokenizer: Option<PathBuf>,
    /// Tokenize with the rule-based tokenizer.
    #[arg(long)]
    pub rules: bool,
    /// Lemmatizer model directory (default: the pipeline directory's own; with a parser
    /// --model, no lemmas unless this is given).
    #[arg(long, conflicts_with = "no_lemmas")]
    pub lemmatizer: Option<PathBuf>,
    /// Leave LEMMA empty (`_`).
    #[arg(long)]
    pub no_lemmas: bool,
    /// Add Snowball stems (MISC Stem=) for this language.
    #[arg(long)]
    pub stem: Option<String>,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
    /// Words per parsing batch.
    #[arg(long, default_value_t = arbor_parser::BATCH_WORDS)]
    pub batch_size: usize,
    /// CPU cores to use in all: this many workers tokenize and parse batches side by side,
    /// each with one libtorch thread (0: the CPUs this process may run on, as the scheduler's
    /// affinity and cgroup quota say).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// At the end, print on stderr the time spent in each stage (tokenizer, character and
    /// sentence BiLSTMs, tagger, transitions, lemmatizer, output), summed over workers.
    #[arg(long)]
    pub profile: bool,
}

/// The model directories a run uses (`arbor::pipeline_dir::Request`: explicit flags, then a
/// pipeline directory's own stages, then the bundled pipeline).
fn chosen(args: &Args) -> Result<pipeline_dir::Chosen> {
    let request = pipeline_dir::Request {
        model: args.model.clone(),
        tokenizer: args.tokenizer.clone(),
        lemmatizer: args.lemmatizer.clone(),
        rules: args.rules,
        no_lemmas: args.no_lemmas,
        tokenize: args.input != "conllu",
    };
    Ok(request.choose(bundled)?)
}

/// A bundled model by name, for `arbor::pipeline_dir` (see `arbor_cli::models::find`).
pub fn bundled(name: &str) -> arbor::Result<PathBuf> {
    models::find(None, name).map_err(|e| arbor::Error::Bundled(e.to_string()))
}

fn pipeline(args: &Args) -> Result<Pipeline> {
    let device = args.device.resolve()?;
    let dirs = chosen(args)?;
    let parser = Parser::load(&dirs.parser, device)
        .with_context(|| format!("cannot load the parser {}", dirs.parser.display()))?;
    let mut pipeline = if let Some(dir) = dirs.tokenizer {
        let mode = if args.input == "tokenized" { InputMode::Pretokenized } else { InputMode::Raw };
        let tokenizer = arbor::load_tokenizer(&dir, mode, device)
            .with_context(|| format!("cannot load the tokenizer {}", dir.display()))?;
        Pipeline::new(tokenizer, parser)
    } else {
        Pipeline::without_tokenizer(parser)
    };
    if let Some(lang) = &args.stem {
        pipeline = pipeline.with_stemmer(Stemmer::new(lang)?);
    }
    if let Some(dir) = dirs.lemmatizer {
        let l = Lemmatizer::load(&dir).with_context(|| format!("cannot load the lemmatizer {}", dir.display()))?;
        pipeline = pipeline.with_lemmatizer(l);
    }
    Ok(pipeline.with_batch_words(args.batch_size).with_threads(arbor_cli::workers(args.threads)))
}

pub fn run(args: &Args) -> Result<()> {
    // One libtorch thread per worker: libtorch's own pool would spin against the workers (and
    // against any other busy process).
    tch::set_num_threads(1);
    let mut file = args.file.clone();
    let mut text = args.text.clone();
    if args.input != "text" && file.is_none() && text.len() == 1 {
        file = text.pop().map(PathBuf::from);
    }
    if !text.is_empty() && (file.is_some() || args.input != "text") {
        bail!("text arguments go with --input text and without --file (--input {} reads one FILE)", args.input);
    }
    let pipeline = pipeline(args)?;
    let progress = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
    progress.set_draw_target(if args.quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() });
    let format = if args.input == "conllu" { InputFormat::Conllu } else { InputFormat::Text };
    let mut out = arbor_cli::io::stdout();
    let (started, mut done) = (Instant::now(), arbor::Stats::default());
    if args.profile {
        arbor_core::profile::enable();
    }
    let mut sink = |batch: &[arbor_conllu::Sentence]| -> std::io::Result<()> {
        arbor_core::profile::time(arbor_core::profile::Stage::Write, || {
            args.format.write(&mut out, batch)?;
            out.flush()
        })?;
        done.sentences += batch.len();
        done.words += batch.iter().map(|s| s.words.len()).sum::<usize>();
        let rate = done.words as f64 / started.elapsed().as_secs_f64().max(1e-9);
        progress.set_message(format!("{} sentences, {} words, {rate:.0} words/s", done.sentences, done.words));
        Ok(())
    };
    if text.is_empty() {
        let input = Input::open(file.as_deref())?;
        pipeline.parse_stream(input.reader, &input.name, format, &mut sink)?;
    } else {
        pipeline.parse_stream(text.join(" ").as_bytes(), "<arguments>", format, &mut sink)?;
    }
    progress.finish_and_clear();
    out.finish()?;
    if args.profile {
        arbor_cli::profile::report(started.elapsed(), done.words, "words");
    }
    Ok(())
}
