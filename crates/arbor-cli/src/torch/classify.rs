//! `arbor classify train|predict|eval`: the LSTM text classifier.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use arbor_classify::train::{train, TrainSpec};
use arbor_classify::{
    evaluate, read_examples, Classifier, ClassifierConfig, Pooling, Prediction, Tokenization, TrainConfig,
};
use arbor_cli::io::Input;
use arbor_core::{DeviceSpec, Lines};
use arbor_nn::Resolve;
use clap::Subcommand;

use crate::progress::TrainBars;

fn c() -> TrainConfig {
    TrainConfig::default()
}

fn m() -> ClassifierConfig {
    ClassifierConfig::default()
}

/// Train and apply text classifiers (sentiment or any labelled text).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Train(TrainArgs),
    Predict(PredictArgs),
    Eval(EvalArgs),
}

/// Train a classifier on label<TAB>text lines; the best model by dev accuracy goes to --out, a
/// checkpoint beside it.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: PathBuf,
    /// label<TAB>text lines for model selection, learning-rate decay and early stopping.
    #[arg(long)]
    pub dev: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    /// How texts become tokens: `rules` (Arbor's rule tokenizer, Unicode word boundaries, any
    /// language), `whitespace` (pre-tokenized text), or a tokenizer model directory (rule or
    /// trained; copied into the model).
    #[arg(long, default_value = "rules")]
    pub tokenizer: String,
    /// Keep the case of tokens (they are lowercased by default).
    #[arg(long)]
    pub keep_case: bool,
    /// Texts are cut after this many tokens (reported).
    #[arg(long, default_value_t = m().max_tokens)]
    pub max_tokens: usize,
    /// word2vec vectors (text or binary, e.g. `arbor w2v train` output) to initialise the word
    /// embeddings; their width must be --embedding.
    #[arg(long)]
    pub embeddings: Option<PathBuf>,
    /// Keep the pretrained embeddings as they are (by default training adjusts them too).
    #[arg(long)]
    pub freeze_embeddings: bool,
    /// With --embeddings: the first N words of the vectors join the vocabulary.
    #[arg(long, default_value_t = c().pretrained_words)]
    pub pretrained_words: usize,
    #[arg(long, default_value_t = m().embedding)]
    pub embedding: i64,
    #[arg(long, default_value_t = m().hidden)]
    pub hidden: i64,
    #[arg(long, default_value_t = m().layers)]
    pub layers: i64,
    /// How the BiLSTM's states become one vector: last, max, mean or attention.
    #[arg(long, default_value_t = m().pooling)]
    pub pooling: Pooling,
    #[arg(long, default_value_t = m().dropout)]
    pub dropout: f64,
    /// Training words seen fewer times are <unk>.
    #[arg(long, default_value_t = c().min_count)]
    pub min_count: usize,
    /// Weigh each class by the inverse of its training frequency.
    #[arg(long)]
    pub class_weights: bool,
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

/// A trained classifier.
#[derive(clap::Args, Debug)]
pub struct ModelArgs {
    #[arg(long)]
    pub model: PathBuf,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

impl ModelArgs {
    fn load(&self) -> Result<Classifier> {
        if self.threads > 0 {
            tch::set_num_threads(self.threads as i32);
        }
        Ok(Classifier::load(&self.model, self.device.resolve()?)?)
    }
}

/// One text a line in, its label and the probability of every class a line out
/// (`label<TAB>class:p<TAB>class:p...`, or JSON lines), streamed.
#[derive(clap::Args, Debug)]
pub struct PredictArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Texts (standard input when omitted, or for '-').
    pub file: Option<PathBuf>,
    /// tsv or json (one object a line).
    #[arg(long, default_value = "tsv", value_parser = ["tsv", "json"])]
    pub format: String,
    /// Texts classified together.
    #[arg(long, default_value_t = 256)]
    pub batch_size: usize,
}

/// Accuracy, macro-F1, each class's precision, recall and F1, and the confusion matrix on
/// label<TAB>text lines.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    pub file: PathBuf,
    /// The scores as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Train(a) => run_train(a),
        Command::Predict(a) => run_predict(a),
        Command::Eval(a) => run_eval(a),
    }
}

fn run_train(a: &TrainArgs) -> Result<()> {
    let (tokenization, tokenizer) = match a.tokenizer.as_str() {
        "rules" => (Tokenization::Rules, None),
        "whitespace" => (Tokenization::Whitespace, None),
        dir => (Tokenization::Model, Some(PathBuf::from(dir))),
    };
    if let Some(dir) = &tokenizer {
        if !dir.is_dir() {
            bail!("--tokenizer {}: expected rules, whitespace or a tokenizer model directory", dir.display());
        }
    }
    let spec = TrainSpec {
        train: a.train.clone(),
        dev: a.dev.clone(),
        out: a.out.clone(),
        model: ClassifierConfig {
            embedding: a.embedding,
            hidden: a.hidden,
            layers: a.layers,
            pooling: a.pooling,
            dropout: a.dropout,
            max_tokens: a.max_tokens,
            lowercase: !a.keep_case,
            tokenization,
            ..m()
        },
        config: TrainConfig {
            epochs: a.epochs,
            batch_size: a.batch_size,
            lr: a.lr,
            lr_decay: a.lr_decay,
            clip: a.clip,
            patience: a.patience,
            min_count: a.min_count,
            pretrained_words: a.pretrained_words,
            fine_tune: !a.freeze_embeddings,
            class_weights: a.class_weights,
            seed: a.seed,
            threads: a.threads,
            checkpoint_every: a.checkpoint_every,
        },
        embeddings: a.embeddings.clone(),
        tokenizer,
        device: a.device.resolve()?,
        resume: a.resume,
        force: a.force,
        command: Some(arbor_cli::command_line()),
    };
    let reports = train(&spec, &mut TrainBars::new(a.quiet))?;
    if let Some(best) = reports.iter().rev().find(|r| r.best) {
        eprintln!(
            "best dev accuracy {:.2}% (macro-F1 {:.2}, epoch {}), model in {}",
            best.dev_accuracy * 100.0,
            best.dev_macro_f1 * 100.0,
            best.epoch,
            a.out.display()
        );
    }
    Ok(())
}

fn run_predict(a: &PredictArgs) -> Result<()> {
    let model = a.model.load()?;
    if a.batch_size == 0 {
        bail!("--batch-size must be at least 1");
    }
    let input = Input::open(a.file.as_deref())?;
    let name = input.name.clone();
    // Texts classified together: a batch, or each line as it comes from a terminal.
    let interactive = name == "<stdin>" && std::io::IsTerminal::is_terminal(&std::io::stdin());
    let chunk = if interactive { 1 } else { a.batch_size };
    let mut out = arbor_cli::io::stdout();
    let (mut lines, mut numbers) = (Vec::with_capacity(chunk), Vec::with_capacity(chunk));
    let mut cut = 0usize;
    let mut flush = |lines: &mut Vec<String>,
                     numbers: &mut Vec<usize>,
                     out: &mut arbor_cli::io::Output|
     -> Result<()> {
        let texts: Vec<&str> = lines.iter().map(String::as_str).collect();
        for (p, number) in model.predict(&texts).iter().zip(numbers.iter()) {
            if let Some(n) = p.cut_from {
                cut += 1;
                eprintln!("warning: {name}:{number}: the text has {n} tokens; only its first {} were read (the model's max_tokens)", p.tokens);
            }
            write_prediction(out, model.labels(), p, a.format == "json")?;
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
    if cut > 0 {
        eprintln!("note: {cut} texts were cut to the model's max_tokens");
    }
    Ok(())
}

fn write_prediction(out: &mut impl Write, labels: &[String], p: &Prediction, json: bool) -> Result<()> {
    if json {
        let probs: serde_json::Map<String, serde_json::Value> = labels
            .iter()
            .zip(&p.probabilities)
            .map(|(l, &v)| (l.clone(), serde_json::Value::from(f64::from(v))))
            .collect();
        let line =
            serde_json::json!({ "label": p.label, "probabilities": probs, "tokens": p.tokens, "cut_from": p.cut_from });
        writeln!(out, "{line}")?;
    } else {
        let probs: Vec<String> = labels.iter().zip(&p.probabilities).map(|(l, v)| format!("{l}:{v:.4}")).collect();
        writeln!(out, "{}\t{}", p.label, probs.join("\t"))?;
    }
    Ok(())
}

fn run_eval(a: &EvalArgs) -> Result<()> {
    let model = a.model.load()?;
    let examples = read_examples(&a.file)?;
    let mut gold = Vec::with_capacity(examples.len());
    for e in &examples {
        match model.label_id(&e.label) {
            Some(id) => gold.push(id),
            None => bail!(
                "{}:{}: label '{}' is not one of the model's ({})",
                a.file.display(),
                e.line,
                e.label,
                model.labels().join(", ")
            ),
        }
    }
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let start = std::time::Instant::now();
    let predictions = model.predict(&texts);
    let seconds = start.elapsed().as_secs_f64();
    let predicted: Vec<usize> = predictions.iter().map(|p| p.class).collect();
    let s = evaluate::score(model.labels(), &gold, &predicted);
    let cut = predictions.iter().filter(|p| p.cut_from.is_some()).count();
    let mut out = arbor_cli::io::stdout();
    if a.json {
        let mut value = serde_json::to_value(&s)?;
        value["texts_per_second"] = (texts.len() as f64 / seconds.max(1e-9)).into();
        value["cut"] = cut.into();
        writeln!(out, "{value}")?;
    } else {
        writeln!(out, "texts {}", s.examples)?;
        writeln!(out, "accuracy {:.2}%", s.accuracy * 100.0)?;
        writeln!(out, "macro-F1 {:.2}", s.macro_f1 * 100.0)?;
        writeln!(out, "{:<16} {:>9} {:>9} {:>9} {:>9}", "class", "precision", "recall", "F1", "support")?;
        for c in &s.classes {
            let (p, r, f) = (c.precision * 100.0, c.recall * 100.0, c.f1 * 100.0);
            writeln!(out, "{:<16} {p:>9.2} {r:>9.2} {f:>9.2} {:>9}", c.label, c.support)?;
        }
        writeln!(out, "confusion (rows gold, columns predicted: {})", model.labels().join(", "))?;
        for (label, row) in model.labels().iter().zip(&s.confusion) {
            let cells: Vec<String> = row.iter().map(|n| format!("{n:>7}")).collect();
            writeln!(out, "{label:<16}{}", cells.join(""))?;
        }
        writeln!(out, "texts per second {:.0}", texts.len() as f64 / seconds.max(1e-9))?;
    }
    out.finish()?;
    if cut > 0 {
        eprintln!("note: {cut} texts were cut to the model's max_tokens");
    }
    Ok(())
}
