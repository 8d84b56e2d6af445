//! `arbor lemmatizer train|eval|apply`: lemmatizers learned from CoNLL-U, without libtorch.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_conllu::{Reader, Writer};
use arbor_core::Metadata;
use arbor_lemma::config::{FORMAT_VERSION, KIND};
use arbor_lemma::{evaluate, Guesser, LemmaConfig, Lemmatizer};

use crate::io::{Input, Output};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    Train(TrainArgs),
    Eval(EvalArgs),
    Apply(ApplyArgs),
}

/// Learn a lemmatizer from a CoNLL-U training file: the (form, tags) → lemma lexicon, and edit
/// rules by tags and word ending for unseen forms. With --dev, its accuracy there (gold tags)
/// is printed and recorded in the model's metadata.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: PathBuf,
    #[arg(long)]
    pub dev: Option<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
    /// What lemmatizes forms the lexicon lacks: suffix (edit rules by tags and ending) or
    /// identity (the form itself).
    #[arg(long, value_parser = ["suffix", "identity"])]
    pub guesser: Option<String>,
    /// The longest word ending, in characters, the suffix guesser keys on.
    #[arg(long)]
    pub max_suffix: Option<usize>,
    /// Replace a model already in --out (without it, that is an error).
    #[arg(long)]
    pub force: bool,
}

/// Lemma accuracy on a gold CoNLL-U file, from its own (gold) tags, by the step that gave each
/// lemma. (With predicted tags: `arbor parse --input conllu` then `arbor eval`.)
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The lemmatizer model directory.
    #[arg(long)]
    pub model: PathBuf,
    pub gold: PathBuf,
}

/// Fill the LEMMA column of a tagged CoNLL-U file (standard input when omitted) from each word's
/// form and tags; everything else is written back as it was read.
#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    #[arg(long)]
    pub model: PathBuf,
    pub file: Option<PathBuf>,
    /// Write here instead of standard output (the file appears only when the run succeeds).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(command: &Command) -> Result<()> {
    match command {
        Command::Train(a) => train(a),
        Command::Eval(a) => {
            let lem = load(&a.model)?;
            let gold = arbor_conllu::read_file(&a.gold)?;
            print!("{}", evaluate(&lem, &gold));
            Ok(())
        }
        Command::Apply(a) => apply(a),
    }
}

fn load(dir: &std::path::Path) -> Result<Lemmatizer> {
    Lemmatizer::load(dir).with_context(|| format!("cannot load the lemmatizer {}", dir.display()))
}

fn train(a: &TrainArgs) -> Result<()> {
    arbor_core::ModelDir::create_for_training(&a.out, false, a.force)?;
    let defaults = LemmaConfig::default();
    let config = LemmaConfig {
        guesser: match a.guesser.as_deref() {
            Some("identity") => Guesser::Identity,
            Some(_) => Guesser::Suffix,
            None => defaults.guesser,
        },
        max_suffix: a.max_suffix.unwrap_or(defaults.max_suffix),
    };
    let sentences = arbor_conllu::read_file(&a.train)?;
    let lem = Lemmatizer::train(config, &sentences, &a.train.display().to_string())?;
    let mut meta = Metadata::new(KIND, FORMAT_VERSION);
    meta.command = Some(crate::command_line());
    eprintln!(
        "learned {} word types ({} tokens) from {} sentences",
        lem.lexicon().entries.len(),
        lem.lexicon().tokens(),
        sentences.len()
    );
    if let Some(dev) = &a.dev {
        let acc = evaluate(&lem, &arbor_conllu::read_file(dev)?);
        eprint!("dev (gold tags): {acc}");
        meta.scores.insert("dev_lemmas_gold_tags".into(), (acc.percent() * 100.0).round() / 100.0);
    }
    lem.save(&a.out, &meta)?;
    eprintln!("-> {}", a.out.display());
    Ok(())
}

fn apply(a: &ApplyArgs) -> Result<()> {
    let lem = load(&a.model)?;
    let input = Input::open(a.file.as_deref())?;
    let mut out = Writer::new(Output::create(a.output.as_deref())?);
    for s in Reader::new(input.reader, input.name.clone()) {
        let mut s = s?;
        lem.lemmatize(&mut s);
        out.write(&s)?;
    }
    let mut out = out.into_inner();
    out.flush()?;
    out.finish()
}
