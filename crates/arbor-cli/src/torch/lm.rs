//! `arbor lm train|eval|score|generate`: LSTM language models.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use arbor_cli::io::Input;
use arbor_core::{DeviceSpec, Lines};
use arbor_lm::train::{train, TrainSpec};
use arbor_lm::{LanguageModel, Level, LmConfig, OptimizerKind, Precision, Sampling, TrainConfig};
use arbor_nn::Resolve;
use clap::Subcommand;

use crate::progress::TrainBars;

fn c() -> TrainConfig {
    TrainConfig::default()
}

fn m() -> LmConfig {
    LmConfig::default()
}

/// Train and use LSTM language models (word or character level).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Train(TrainArgs),
    Eval(EvalArgs),
    Score(ScoreArgs),
    Generate(GenerateArgs),
}

/// Train a model: truncated BPTT, gradient clipping, SGD annealed on plateau or Adam;
/// the best model by validation perplexity goes to --out, a checkpoint beside it.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// Training text, one sentence or paragraph a line.
    #[arg(long)]
    pub train: PathBuf,
    /// Validation text (model selection and annealing).
    #[arg(long)]
    pub valid: PathBuf,
    /// Output model directory.
    #[arg(long)]
    pub out: PathBuf,
    /// word: whitespace-separated tokens; char: every character.
    #[arg(long, default_value_t = m().level)]
    pub level: Level,
    #[arg(long, default_value_t = m().emsize)]
    pub emsize: i64,
    #[arg(long, default_value_t = m().nhid)]
    pub nhid: i64,
    #[arg(long, default_value_t = m().layers)]
    pub layers: i64,
    #[arg(long, default_value_t = c().bptt)]
    pub bptt: i64,
    #[arg(long, default_value_t = c().batch_size)]
    pub batch_size: usize,
    #[arg(long, default_value_t = m().dropout)]
    pub dropout: f64,
    /// Tie the embedding and decoder weights (needs --emsize = --nhid).
    #[arg(long)]
    pub tied: bool,
    #[arg(long, default_value_t = c().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = c().lr)]
    pub lr: f64,
    /// Gradient norm clipping.
    #[arg(long, default_value_t = c().clip)]
    pub clip: f64,
    /// sgd or adam.
    #[arg(long, default_value_t = c().optimizer)]
    pub optimizer: OptimizerKind,
    /// SGD: divide the learning rate by this when validation perplexity does not improve.
    #[arg(long, default_value_t = c().anneal)]
    pub anneal: f64,
    #[arg(long, default_value_t = c().seed)]
    pub seed: u64,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = c().threads)]
    pub threads: usize,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
    /// Continue from the checkpoint in --out.
    #[arg(long)]
    pub resume: bool,
    /// Replace a model already in --out (without it, that is an error).
    #[arg(long)]
    pub force: bool,
    /// Checkpoint every N batches too (0: only at epoch ends).
    #[arg(long, default_value_t = c().checkpoint_every)]
    pub checkpoint_every: usize,
    /// f32, or bf16: the output layer's matrix products in bfloat16 (fast on AMX / AVX-512 BF16
    /// CPUs and recent GPUs, slower elsewhere; evaluation stays f32).
    #[arg(long, default_value_t = c().precision)]
    pub precision: Precision,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Print the perplexity of a text (and bits per character for character models).
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[arg(long)]
    pub model: PathBuf,
    pub file: PathBuf,
    #[arg(long, default_value_t = c().eval_batch_size)]
    pub batch_size: usize,
    #[arg(long, default_value_t = c().bptt)]
    pub bptt: i64,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

/// Print the natural-log probability of each line (its tokens and end of line), tab, the line.
#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    #[arg(long)]
    pub model: PathBuf,
    /// Text (standard input when omitted, or for '-').
    pub file: Option<PathBuf>,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

/// Generate text, optionally continuing a prompt.
#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    #[arg(long)]
    pub model: PathBuf,
    #[arg(long, default_value = "")]
    pub prompt: String,
    /// Number of tokens to generate.
    #[arg(short = 'n', long, default_value_t = 50)]
    pub tokens: usize,
    /// 0 gives greedy decoding.
    #[arg(long, default_value_t = Sampling::default().temperature)]
    pub temperature: f64,
    #[arg(long, default_value_t = Sampling::default().top_k)]
    pub top_k: usize,
    #[arg(long, default_value_t = Sampling::default().top_p)]
    pub top_p: f64,
    #[arg(long, default_value_t = c().seed)]
    pub seed: u64,
    #[arg(long, default_value = "auto")]
    pub device: DeviceSpec,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Train(a) => run_train(a),
        Command::Eval(a) => {
            let lm = LanguageModel::load(&a.model, a.device.resolve()?)?;
            let p = lm.perplexity(&a.file, a.batch_size, a.bptt)?;
            let mut out = arbor_cli::io::stdout();
            writeln!(out, "perplexity {:.2}", p.perplexity)?;
            if lm.config().level == Level::Char {
                writeln!(out, "bits per character {:.4}", p.bits)?;
            }
            writeln!(out, "tokens {}", p.tokens)?;
            out.finish()?;
            if p.unknown > 0 {
                eprintln!("note: {} tokens were not in the model's vocabulary (scored as <unk>)", p.unknown);
            }
            Ok(())
        }
        Command::Score(a) => {
            let lm = LanguageModel::load(&a.model, a.device.resolve()?)?;
            let input = Input::open(a.file.as_deref())?;
            let mut out = arbor_cli::io::stdout();
            Lines::new(input.reader, input.name).try_for_each(|line| {
                let (lp, _) = lm.score(line.text);
                Ok::<_, anyhow::Error>(writeln!(out, "{lp:.4}\t{}", line.text)?)
            })?;
            out.finish()
        }
        Command::Generate(a) => {
            anyhow::ensure!(a.temperature >= 0.0, "--temperature must be 0 or more");
            anyhow::ensure!(a.top_p > 0.0 && a.top_p <= 1.0, "--top-p must be in (0, 1]");
            let lm = LanguageModel::load(&a.model, a.device.resolve()?)?;
            let s = Sampling { temperature: a.temperature, top_k: a.top_k, top_p: a.top_p };
            let mut out = arbor_cli::io::stdout();
            writeln!(out, "{}", lm.generate(&a.prompt, a.tokens, &s, a.seed)?)?;
            out.finish()
        }
    }
}

fn run_train(a: &TrainArgs) -> Result<()> {
    let spec = TrainSpec {
        train: a.train.clone(),
        valid: a.valid.clone(),
        out: a.out.clone(),
        model: LmConfig {
            level: a.level,
            vocab_size: 0,
            emsize: a.emsize,
            nhid: a.nhid,
            layers: a.layers,
            dropout: a.dropout,
            tied: a.tied,
        },
        config: TrainConfig {
            epochs: a.epochs,
            lr: a.lr,
            clip: a.clip,
            bptt: a.bptt,
            batch_size: a.batch_size,
            eval_batch_size: c().eval_batch_size,
            optimizer: a.optimizer,
            anneal: a.anneal,
            seed: a.seed,
            threads: a.threads,
            checkpoint_every: a.checkpoint_every,
            precision: a.precision,
        },
        device: a.device.resolve()?,
        resume: a.resume,
        force: a.force,
        command: Some(arbor_cli::command_line()),
    };
    let reports = train(&spec, &mut TrainBars::new(a.quiet))?;
    if let Some(best) = reports.iter().rev().find(|r| r.improved) {
        eprintln!("best valid ppl {:.2} (epoch {}), model in {}", best.valid_ppl, best.epoch, a.out.display());
    }
    Ok(())
}
