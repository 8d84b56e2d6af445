//! `arbor train tokenizer --rules`: learn a rule tokenizer's lexicon from a CoNLL-U file.

use std::path::PathBuf;

use anyhow::{bail, Result};
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
}

/// Learn a tokenizer from a CoNLL-U training file (`--rules`: multiword-token splits, tokens
/// with inner punctuation and abbreviations that do not end sentences).
#[derive(clap::Args, Debug)]
pub struct TokenizerArgs {
    #[arg(long)]
    pub train: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    /// The rule-based tokenizer's lexicon (the trained segmenter is not implemented yet).
    #[arg(long)]
    pub rules: bool,
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Command::Tokenizer(a) => {
            if !a.rules {
                bail!("only --rules is implemented: the trained character-BiLSTM segmenter is not part of Arbor yet");
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
