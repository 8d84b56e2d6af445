//! `arbor train tokenizer|parser`: learn models from CoNLL-U files.

use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_nn::{Metadata, ModelDir};
use arbor_text::Lexicon;
use clap::Subcommand;

/// Train models from treebanks.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Tokenizer(TokenizerArgs),
    Parser(crate::cmd::train_parser::ParserArgs),
}

/// Learn a tokenizer from a CoNLL-U training file: by default a character BiLSTM that finds
/// tokens and sentence ends (needs --dev), with the multiword-token lexicon learned from the
/// same file; `--rules`: only the rule tokenizer's lexicon (multiword-token splits, tokens with
/// inner punctuation, abbreviations that do not end sentences).
#[derive(clap::Args, Debug)]
pub struct TokenizerArgs {
    #[arg(long)]
    pub train: PathBuf,
    /// Development file (model selection by Tokens F1 + Sentences F1).
    #[arg(long, required_unless_present = "rules")]
    pub dev: Option<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
    /// Learn only the rule-based tokenizer's lexicon.
    #[arg(long)]
    pub rules: bool,
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Hidden units per direction of the character BiLSTM.
    #[arg(long, default_value_t = 64)]
    pub hidden: i64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// libtorch threads (0: its default).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[arg(long, default_value = "cpu")]
    pub device: arbor_nn::DeviceSpec,
    #[arg(long, short)]
    pub quiet: bool,
}

fn train_segmenter(a: &TokenizerArgs, dev: &std::path::Path) -> Result<()> {
    use arbor_segment::train::{train, TrainConfig, TrainSpec};
    let spec = TrainSpec {
        train: a.train.clone(),
        dev: dev.to_path_buf(),
        out: a.out.clone(),
        model: arbor_segment::SegmenterConfig { hidden: a.hidden, ..Default::default() },
        config: TrainConfig { epochs: a.epochs, seed: a.seed, threads: a.threads, ..Default::default() },
        device: a.device.resolve()?,
        command: Some(std::env::args().collect::<Vec<_>>().join(" ")),
    };
    let history = train(&spec, &mut crate::progress::TrainBars::new(a.quiet))
        .with_context(|| format!("training a tokenizer on {}", a.train.display()))?;
    if let Some(b) = history.iter().rfind(|r| r.best) {
        eprintln!(
            "best dev Tokens {:.2} Words {:.2} Sentences {:.2} (epoch {}) -> {}",
            b.dev_tokens * 100.0,
            b.dev_words * 100.0,
            b.dev_sentences * 100.0,
            b.epoch,
            a.out.display()
        );
    }
    Ok(())
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Parser(a) => crate::cmd::train_parser::run(a),
        Command::Tokenizer(a) => {
            if let (false, Some(dev)) = (a.rules, &a.dev) {
                return train_segmenter(a, dev);
            }
            let sentences = arbor_conllu::read_file(&a.train)?;
            let lexicon = Lexicon::learn(&sentences);
            let dir = ModelDir::create(&a.out)?;
            dir.write_json("lexicon.json", &lexicon)?;
            let mut meta = Metadata::new("rules-tokenizer", 1);
            meta.command = Some(std::env::args().collect::<Vec<_>>().join(" "));
            dir.write_metadata(&meta)?;
            eprintln!(
                "learned from {} sentences: {} multiword tokens, {} tokens with inner punctuation, {} non-final abbreviations -> {}",
                sentences.len(),
                lexicon.mwt.len(),
                lexicon.tokens.len(),
                lexicon.not_final.len(),
                a.out.display()
            );
            Ok(())
        }
    }
}
