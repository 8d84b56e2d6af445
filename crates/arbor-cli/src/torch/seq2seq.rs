//! `arbor seq2seq train|apply|eval`: LSTM encoder–decoder models with attention.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_cli::io::Input;
use arbor_core::{DeviceSpec, Lines};
use arbor_nn::Resolve;
use arbor_seq2seq::train::{train, TrainSpec};
use arbor_seq2seq::{evaluate, read_pairs, references, Decoding, Level, Output, Seq2seq, Seq2seqConfig, TrainConfig};
use clap::Subcommand;

use crate::progress::TrainBars;

fn c() -> TrainConfig {
    TrainConfig::default()
}

fn m() -> Seq2seqConfig {
    Seq2seqConfig::default()
}

fn d() -> Decoding {
    Decoding::default()
}

/// Train and apply sequence-to-sequence models (characters or tokens on either side).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Train(TrainArgs),
    Apply(ApplyArgs),
    Eval(EvalArgs),
    Score(ScoreArgs),
}

/// Train a model on source<TAB>target pairs; the best model by dev word error rate goes to
/// --out, a checkpoint beside it.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: PathBuf,
    /// Pairs for model selection, learning-rate decay and early stopping.
    #[arg(long)]
    pub dev: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    /// Units of both sides: char or token (whitespace-separated); --source-level and
    /// --target-level set one side.
    #[arg(long)]
    pub level: Option<Level>,
    #[arg(long)]
    pub source_level: Option<Level>,
    #[arg(long)]
    pub target_level: Option<Level>,
    #[arg(long, default_value_t = m().embedding)]
    pub embedding: i64,
    #[arg(long, default_value_t = m().hidden)]
    pub hidden: i64,
    #[arg(long, default_value_t = m().encoder_layers)]
    pub encoder_layers: i64,
    #[arg(long, default_value_t = m().dropout)]
    pub dropout: f64,
    /// Longest source in symbols (longer training sources are an error; at apply time they are cut).
    #[arg(long, default_value_t = m().max_source)]
    pub max_source: usize,
    #[arg(long, default_value_t = c().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = c().batch_size)]
    pub batch_size: usize,
    #[arg(long, default_value_t = c().lr)]
    pub lr: f64,
    #[arg(long, default_value_t = c().lr_decay)]
    pub lr_decay: f64,
    /// Gradient norm clipping.
    #[arg(long, default_value_t = c().clip)]
    pub clip: f64,
    /// Stop after this many epochs without a better dev score (0: never).
    #[arg(long, default_value_t = c().patience)]
    pub patience: usize,
    #[arg(long, default_value_t = c().seed)]
    pub seed: u64,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = c().threads)]
    pub threads: usize,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
    /// Checkpoint every N batches too (0: only at epoch ends).
    #[arg(long, default_value_t = c().checkpoint_every)]
    pub checkpoint_every: usize,
    /// Continue from the checkpoint in --out.
    #[arg(long)]
    pub resume: bool,
    /// Replace a model already in --out (without it, that is an error).
    #[arg(long)]
    pub force: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

/// How outputs are searched for.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Model directory (default: the bundled English grapheme-to-phoneme model, en-g2p).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Beam width (1: greedy search).
    #[arg(long, default_value_t = d().beam)]
    pub beam: usize,
    /// Rank hypotheses by log-probability / length^alpha (0: no length normalisation).
    #[arg(long, default_value_t = d().length_alpha)]
    pub length_alpha: f64,
    /// Sources decoded together.
    #[arg(long, default_value_t = d().batch_size)]
    pub batch_size: usize,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

impl SearchArgs {
    fn decoding(&self, nbest: usize) -> Decoding {
        let beam = self.beam.max(nbest);
        Decoding { beam, nbest, length_alpha: self.length_alpha, batch_size: self.batch_size, ..d() }
    }

    fn load(&self) -> Result<Seq2seq> {
        if self.threads > 0 {
            tch::set_num_threads(self.threads as i32);
        }
        let dir = arbor_cli::models::find(self.model.as_deref(), arbor_cli::models::DEFAULT_SEQ2SEQ)?;
        let model = Seq2seq::load(&dir, self.device.resolve()?)?;
        Ok(model)
    }
}

/// One source a line in (`source<TAB>features` for a model trained with features), its output
/// a line out (streaming). With --nbest K: K lines `source<TAB>output<TAB>log-probability` per
/// source.
#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub search: SearchArgs,
    /// Sources (standard input when omitted, or for '-').
    pub file: Option<PathBuf>,
    /// Print the K best outputs with their scores (the beam is widened to K when narrower).
    #[arg(long)]
    pub nbest: Option<usize>,
    /// After each output, print its attention: a row per output symbol, a column per source symbol.
    #[arg(long)]
    pub attention: bool,
}

/// Word (sequence) error rate, symbol error rate and, for token targets, BLEU on
/// source<TAB>target pairs; several targets for a source are alternatives.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub search: SearchArgs,
    pub pairs: PathBuf,
    /// Also write each source and its output, tab-separated, to this file.
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub ignore: IgnoreArg,
}

/// Characters left out of outputs and references before scoring.
#[derive(clap::Args, Debug)]
pub struct IgnoreArg {
    /// Delete these characters from outputs and references before comparing them (e.g.
    /// `--ignore 012`: ARPAbet phones without stress). The output file keeps them.
    #[arg(long, value_name = "CHARS", default_value = "")]
    pub ignore: String,
}

impl IgnoreArg {
    fn apply(&self, texts: &mut [String], targets: &mut [Vec<String>]) {
        if self.ignore.is_empty() {
            return;
        }
        for t in texts.iter_mut().chain(targets.iter_mut().flatten()) {
            *t = evaluate::without(&self.ignore, t);
        }
    }
}

/// Score the outputs of any system (`source<TAB>output` lines; the first line of a source
/// counts) against reference pairs, as `eval` scores a model's.
#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// source<TAB>target pairs (several lines with one source are alternatives).
    pub references: PathBuf,
    /// source<TAB>output lines.
    pub outputs: PathBuf,
    /// How targets are cut into symbols: char or token.
    #[arg(long, default_value_t = m().target_level)]
    pub level: Level,
    #[command(flatten)]
    pub ignore: IgnoreArg,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Train(a) => run_train(a),
        Command::Apply(a) => run_apply(a),
        Command::Eval(a) => run_eval(a),
        Command::Score(a) => run_score(a),
    }
}

fn run_train(a: &TrainArgs) -> Result<()> {
    let level = a.level.unwrap_or(m().source_level);
    let spec = TrainSpec {
        train: a.train.clone(),
        dev: a.dev.clone(),
        out: a.out.clone(),
        model: Seq2seqConfig {
            source_level: a.source_level.unwrap_or(level),
            target_level: a.target_level.unwrap_or(a.level.unwrap_or(m().target_level)),
            embedding: a.embedding,
            hidden: a.hidden,
            encoder_layers: a.encoder_layers,
            dropout: a.dropout,
            max_source: a.max_source,
            ..m()
        },
        config: TrainConfig {
            epochs: a.epochs,
            batch_size: a.batch_size,
            lr: a.lr,
            lr_decay: a.lr_decay,
            clip: a.clip,
            patience: a.patience,
            seed: a.seed,
            threads: a.threads,
            checkpoint_every: a.checkpoint_every,
        },
        device: a.device.resolve()?,
        resume: a.resume,
        force: a.force,
        command: Some(arbor_cli::command_line()),
    };
    let reports = train(&spec, &mut TrainBars::new(a.quiet))?;
    if let Some(best) = reports.iter().rev().find(|r| r.best) {
        eprintln!(
            "best dev word error rate {:.2}% (symbol error rate {:.2}%, epoch {}), model in {}",
            best.dev_wer * 100.0,
            best.dev_ser * 100.0,
            best.epoch,
            a.out.display()
        );
    }
    Ok(())
}

fn run_apply(a: &ApplyArgs) -> Result<()> {
    let model = a.search.load()?;
    let decoding = a.search.decoding(a.nbest.unwrap_or(1));
    decoding.check().map_err(|e| anyhow::anyhow!("{e}"))?;
    let input = Input::open(a.file.as_deref())?;
    let name = input.name.clone();
    // Lines decoded together: a decoding batch, or each line as it comes from a terminal.
    let interactive = input.name == "<stdin>" && std::io::IsTerminal::is_terminal(&std::io::stdin());
    let chunk = if interactive { 1 } else { decoding.batch_size };
    let mut out = arbor_cli::io::stdout();
    let (mut lines, mut numbers) = (Vec::with_capacity(chunk), Vec::with_capacity(chunk));
    let (mut unknown, mut cut) = (0usize, 0usize);
    let mut flush = |lines: &mut Vec<String>,
                     numbers: &mut Vec<usize>,
                     out: &mut arbor_cli::io::Output|
     -> Result<()> {
        // A model with features reads `source<TAB>features` lines.
        let inputs: Vec<(&str, &str)> = lines
            .iter()
            .map(|l| if model.takes_features() { l.split_once('\t').unwrap_or((l, "")) } else { (l.as_str(), "") })
            .collect();
        let outputs = model.apply_features(&inputs, &decoding, a.attention)?;
        for ((&(source, _), number), o) in inputs.iter().zip(numbers.iter()).zip(&outputs) {
            unknown += usize::from(o.unknown > 0);
            if let Some(n) = o.cut_from {
                cut += 1;
                eprintln!(
                    "warning: {name}:{number}: the source has {n} symbols; only its first {} were read (the model's max_source)",
                    o.source_symbols.len()
                );
            }
            write_output(out, source, o, a.nbest.is_some(), a.attention)?;
        }
        out.flush()?;
        lines.clear();
        numbers.clear();
        Ok(())
    };
    Lines::new(input.reader, input.name).try_for_each(|line| {
        lines.push(line.text.to_string());
        numbers.push(line.number);
        if lines.len() == chunk {
            flush(&mut lines, &mut numbers, &mut out)?;
        }
        Ok::<_, anyhow::Error>(())
    })?;
    flush(&mut lines, &mut numbers, &mut out)?;
    out.finish()?;
    if unknown > 0 {
        eprintln!("note: {unknown} sources had symbols the model has not seen (read as <unk>)");
    }
    if cut > 0 {
        eprintln!("note: {cut} sources were cut to the model's max_source");
    }
    Ok(())
}

fn write_output(out: &mut impl Write, source: &str, o: &Output, nbest: bool, attention: bool) -> Result<()> {
    for p in &o.predictions {
        if nbest {
            writeln!(out, "{source}\t{}\t{:.4}", p.text, p.log_prob)?;
        } else {
            writeln!(out, "{}", p.text)?;
        }
        if attention {
            writeln!(out, "# attention\t{}", o.source_symbols.join("\t"))?;
            for (symbol, row) in p.symbols.iter().zip(&p.attention) {
                let cells: Vec<String> = row.iter().map(|w| format!("{w:.2}")).collect();
                writeln!(out, "# {symbol}\t{}", cells.join("\t"))?;
            }
        }
        if !nbest {
            break;
        }
    }
    Ok(())
}

fn run_eval(a: &EvalArgs) -> Result<()> {
    let model = a.search.load()?;
    let decoding = a.search.decoding(1);
    let cfg = model.config();
    let pairs = read_pairs(&a.pairs, cfg.source_level, usize::MAX)?;
    let refs = references(&pairs);
    let inputs: Vec<(&str, &str)> = refs.iter().map(|r| (r.source.as_str(), r.features.as_str())).collect();
    let start = std::time::Instant::now();
    let outputs = model.apply_features(&inputs, &decoding, false)?;
    let seconds = start.elapsed().as_secs_f64();
    let mut texts: Vec<String> = outputs.into_iter().map(|mut o| o.predictions.swap_remove(0).text).collect();
    if let Some(path) = &a.output {
        let mut f = arbor_cli::io::Output::create(Some(path))?;
        for ((s, _), t) in inputs.iter().zip(&texts) {
            writeln!(f, "{s}\t{t}")?;
        }
        f.finish().with_context(|| format!("writing {}", path.display()))?;
    }
    let count = inputs.len();
    let mut targets: Vec<Vec<String>> = refs.iter().map(|r| r.targets.clone()).collect();
    a.ignore.apply(&mut texts, &mut targets);
    let mut out = arbor_cli::io::stdout();
    print_scores(&mut out, &evaluate::score(cfg.target_level, &targets, &texts))?;
    writeln!(out, "sources per second {:.0}", count as f64 / seconds.max(1e-9))?;
    out.finish()
}

fn print_scores(out: &mut impl Write, s: &evaluate::Scores) -> Result<()> {
    writeln!(out, "sources {}", s.sources)?;
    writeln!(out, "word error rate {:.2}%", s.wer * 100.0)?;
    writeln!(out, "symbol error rate {:.2}%", s.ser * 100.0)?;
    if let Some(b) = s.bleu {
        writeln!(out, "BLEU {:.2}", b * 100.0)?;
    }
    Ok(())
}

fn run_score(a: &ScoreArgs) -> Result<()> {
    let refs = references(&read_pairs(&a.references, Level::Char, usize::MAX)?);
    let mut given: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    Lines::open(&a.outputs)?.try_for_each(|line| {
        let (source, output) = line.text.split_once('\t').unwrap_or((line.text, ""));
        given.entry(source.to_string()).or_insert_with(|| output.to_string());
        Ok::<_, anyhow::Error>(())
    })?;
    let missing = refs.iter().filter(|r| !given.contains_key(&r.source)).count();
    let mut texts: Vec<String> = refs.iter().map(|r| given.get(&r.source).cloned().unwrap_or_default()).collect();
    let mut targets: Vec<Vec<String>> = refs.into_iter().map(|r| r.targets).collect();
    a.ignore.apply(&mut texts, &mut targets);
    let mut out = arbor_cli::io::stdout();
    print_scores(&mut out, &evaluate::score(a.level, &targets, &texts))?;
    out.finish()?;
    if missing > 0 {
        eprintln!("note: {missing} sources have no output in {} (scored as empty outputs)", a.outputs.display());
    }
    Ok(())
}
