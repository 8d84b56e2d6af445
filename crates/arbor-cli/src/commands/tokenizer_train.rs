//! `arbor tokenizer train` (also `arbor train tokenizer`): the argument grammar, and the rule
//! tokenizer's lexicon (`--rules`), which needs no libtorch. The character BiLSTM is trained by
//! `arbor-torch`, whose grammar fills in the defaults of the options left `None` here from
//! `arbor_segment`'s configs (the one source of those defaults).

use std::path::PathBuf;

use anyhow::Result;
use arbor_core::DeviceSpec;
use arbor_text::Lexicon;

/// Learn a tokenizer from a CoNLL-U training file: by default a character BiLSTM that finds
/// tokens and sentence ends (needs --dev), with the multiword-token lexicon learned from the
/// same file; `--rules`: only the rule tokenizer's lexicon (multiword-token splits, tokens with
/// inner punctuation, abbreviations that do not end sentences).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    pub train: PathBuf,
    /// Development file (model selection by Words F1 + Sentences F1).
    #[arg(long, required_unless_present = "rules")]
    pub dev: Option<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
    /// Learn only the rule-based tokenizer's lexicon.
    #[arg(long)]
    pub rules: bool,
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Hidden units per direction of the character BiLSTM.
    #[arg(long)]
    pub hidden: Option<i64>,
    /// BiLSTM layers (one is about twice as fast per character as two, and less accurate: see
    /// BENCHMARKS.md).
    #[arg(long)]
    pub layers: Option<i64>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// libtorch threads (0: its default).
    #[arg(long)]
    pub threads: Option<usize>,
    #[arg(long, default_value = "cpu")]
    pub device: DeviceSpec,
    /// Replace a model already in --out (without it, that is an error).
    #[arg(long)]
    pub force: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--rules`: learn the lexicon and write a `rules-tokenizer` model directory.
pub fn run_rules(a: &Args) -> Result<()> {
    arbor_core::ModelDir::create_for_training(&a.out, false, a.force)?;
    let sentences = arbor_conllu::read_file(&a.train)?;
    let lexicon = Lexicon::learn(&sentences);
    lexicon.save(&a.out, Some(crate::command_line()))?;
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
