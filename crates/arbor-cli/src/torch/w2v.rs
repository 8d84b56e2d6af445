//! `arbor w2v train|similar|analogy|eval`: Word2Vec embeddings.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use arbor_core::DeviceSpec;
use arbor_word2vec::evaluate::{analogies, similarity};
use arbor_word2vec::{read_vectors, train, write_vectors, Analogy, Corpus, Format, Model, Tokenization, TrainConfig};
use clap::Subcommand;

use crate::progress::TrainBars;

fn c() -> TrainConfig {
    TrainConfig::default()
}

/// Train, query and evaluate Word2Vec embeddings (word2vec text and binary formats).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Train(TrainArgs),
    Similar(SimilarArgs),
    Analogy(AnalogyArgs),
    Eval(EvalArgs),
}

/// Train skip-gram or CBOW with negative sampling; the corpus is streamed from disk.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// Text, one sentence or paragraph a line, whitespace-separated tokens.
    #[arg(long)]
    pub corpus: PathBuf,
    /// Output vectors file.
    #[arg(long)]
    pub out: PathBuf,
    /// binary or text.
    #[arg(long, default_value = "binary")]
    pub format: Format,
    /// skipgram or cbow.
    #[arg(long, default_value_t = c().model)]
    pub model: Model,
    #[arg(long, default_value_t = c().dim)]
    pub dim: usize,
    #[arg(long, default_value_t = c().window)]
    pub window: usize,
    #[arg(long, default_value_t = c().negative)]
    pub negative: usize,
    #[arg(long, default_value_t = c().min_count)]
    pub min_count: u64,
    /// Keep at most this many of the most frequent words (0: no cap).
    #[arg(long, default_value_t = c().max_vocab)]
    pub max_vocab: usize,
    #[arg(long, default_value_t = c().sample)]
    pub sample: f64,
    #[arg(long, default_value_t = c().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = c().alpha)]
    pub alpha: f32,
    #[arg(long, default_value_t = c().min_alpha)]
    pub min_alpha: f32,
    #[arg(long, default_value_t = c().threads)]
    pub threads: usize,
    #[arg(long, default_value_t = c().seed)]
    pub seed: u64,
    /// Raw text: split lines into words with Arbor's rule tokenizer instead of on whitespace.
    #[arg(long)]
    pub tokenize: bool,
    #[arg(long)]
    pub lowercase: bool,
    /// Checkpoint after each epoch into this directory and resume from it if present.
    #[arg(long)]
    pub checkpoint: Option<PathBuf>,
    /// End this run after N epochs (with --checkpoint, a later run resumes).
    #[arg(long)]
    pub stop_after_epochs: Option<usize>,
    /// cpu: the hogwild kernel (fastest there); cuda or cuda:N: batched tensor updates.
    #[arg(long, default_value_t = c().device)]
    pub device: DeviceSpec,
    /// Use the batched tensor trainer on the CPU too.
    #[arg(long)]
    pub batched: bool,
    /// Examples per step of the batched trainer.
    #[arg(long, default_value_t = c().batch_size)]
    pub batch_size: usize,
    #[arg(long, short)]
    pub quiet: bool,
}

/// Print the nearest neighbours of a word.
#[derive(clap::Args, Debug)]
pub struct SimilarArgs {
    #[arg(long)]
    pub vectors: PathBuf,
    pub word: String,
    #[arg(short, long, default_value_t = 10)]
    pub k: usize,
}

/// Answer A : B :: C : ? (3CosAdd and 3CosMul).
#[derive(clap::Args, Debug)]
pub struct AnalogyArgs {
    #[arg(long)]
    pub vectors: PathBuf,
    pub a: String,
    pub b: String,
    pub c: String,
    #[arg(short, long, default_value_t = 5)]
    pub k: usize,
}

/// Analogy accuracy per section and Spearman correlation on similarity sets.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[arg(long)]
    pub vectors: PathBuf,
    /// questions-words.txt
    #[arg(long)]
    pub analogies: Option<PathBuf>,
    /// Similarity sets (word1 word2 score lines).
    #[arg(long, num_args = 1..)]
    pub similarity: Vec<PathBuf>,
    /// Analogies use the most frequent N words only (gensim's default).
    #[arg(long, default_value_t = 30_000)]
    pub restrict: usize,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Train(a) => run_train(a),
        Command::Similar(a) => {
            let e = read_vectors(&a.vectors)?;
            let mut out = arbor_cli::io::stdout();
            for (w, s) in e.most_similar(&a.word, a.k)? {
                writeln!(out, "{s:.4}\t{w}")?;
            }
            out.finish()
        }
        Command::Analogy(a) => {
            let e = read_vectors(&a.vectors)?;
            let mut out = arbor_cli::io::stdout();
            for (name, m) in [("3CosAdd", Analogy::Add), ("3CosMul", Analogy::Mul)] {
                let answers = e.analogy(&a.a, &a.b, &a.c, a.k, m, 0)?;
                let list: Vec<String> = answers.iter().map(|(w, s)| format!("{w} ({s:.3})")).collect();
                writeln!(out, "{name}: {}", list.join(", "))?;
            }
            out.finish()
        }
        Command::Eval(a) => {
            let e = read_vectors(&a.vectors)?;
            if a.analogies.is_none() && a.similarity.is_empty() {
                bail!("nothing to evaluate: give --analogies and/or --similarity");
            }
            let mut out = arbor_cli::io::stdout();
            if let Some(path) = &a.analogies {
                writeln!(out, "analogies (3CosAdd, {} most frequent words, as gensim):", a.restrict)?;
                for s in analogies(&e, path, a.restrict, Analogy::Add)? {
                    writeln!(
                        out,
                        "  {:<28} {:6.2}%  ({}/{}, {} skipped)",
                        s.name,
                        100.0 * s.accuracy(),
                        s.correct,
                        s.total,
                        s.skipped
                    )?;
                }
            }
            for path in &a.similarity {
                let (rho, used, skipped) = similarity(&e, path)?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                writeln!(out, "{name:<30} spearman {rho:.4}  ({used} pairs, {skipped} skipped)")?;
            }
            out.finish()
        }
    }
}

fn run_train(a: &TrainArgs) -> Result<()> {
    let config = TrainConfig {
        model: a.model,
        dim: a.dim,
        window: a.window,
        negative: a.negative,
        min_count: a.min_count,
        max_vocab: a.max_vocab,
        sample: a.sample,
        epochs: a.epochs,
        alpha: a.alpha,
        min_alpha: a.min_alpha,
        threads: a.threads,
        seed: a.seed,
        checkpoint: a.checkpoint.clone(),
        device: a.device,
        batched: a.batched,
        batch_size: a.batch_size,
        stop_after_epochs: a.stop_after_epochs,
    };
    let corpus = Corpus::new(&a.corpus, Tokenization { tokenize: a.tokenize, lowercase: a.lowercase });
    arbor_word2vec::check_output(&a.out)?;
    if !a.quiet {
        eprintln!("counting words in {} ...", a.corpus.display());
    }
    let start = std::time::Instant::now();
    let mut bars = TrainBars::new(a.quiet);
    let e = train(&corpus, &config, &mut bars)?;
    write_vectors(&e, &a.out, a.format)?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} words x {} dims written to {} ({secs:.1} s in all, {:.0} words/s trained)",
        e.len(),
        e.dim(),
        a.out.display(),
        bars.steps() as f64 / secs
    );
    Ok(())
}
