//! `arbor pipeline assemble`: one pipeline directory from stages trained separately (e.g. a
//! parser trained longer, or with other vectors, than the one-command run's). Each stage is
//! copied whole (its `checkpoint/` left behind), checked for its kind, and the result is loaded
//! once before it replaces anything: it is built beside `--out` and renamed into place. The
//! pipeline's metadata is written here for `arbor train pipeline` too.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use arbor::pipeline_dir::{FORMAT_VERSION, KIND, LEMMATIZER_DIR, PARSER_DIR, TOKENIZER_DIR};
use arbor::Pipeline;
use arbor_core::{Metadata, ModelDir};
use arbor_text::InputMode;

/// Put a tokenizer, a parser and (optionally) a lemmatizer, each trained on its own, into one
/// pipeline directory that `arbor parse --model DIR` uses whole.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A tokenizer model directory (trained or rules).
    #[arg(long)]
    pub tokenizer: PathBuf,
    /// A parser model directory.
    #[arg(long)]
    pub parser: PathBuf,
    /// A lemmatizer model directory (none: the pipeline leaves LEMMA empty).
    #[arg(long)]
    pub lemmatizer: Option<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
    /// Replace a pipeline already in --out.
    #[arg(long)]
    pub force: bool,
}

/// Copy a model directory's files (and subdirectories other than `checkpoint/`).
fn copy_model(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let (source, name) = (entry.path(), entry.file_name());
        if source.is_dir() {
            if name != "checkpoint" {
                copy_model(&source, &to.join(&name))?;
            }
        } else {
            fs::copy(&source, to.join(&name)).with_context(|| format!("cannot copy {}", source.display()))?;
        }
    }
    Ok(())
}

pub fn run(a: &Args) -> Result<()> {
    let mut stages = vec![
        (TOKENIZER_DIR, &a.tokenizer, &["tokenizer", "rules-tokenizer"][..]),
        (PARSER_DIR, &a.parser, &["parser"][..]),
    ];
    if let Some(l) = &a.lemmatizer {
        stages.insert(1, (LEMMATIZER_DIR, l, &["lemmatizer"][..]));
    }
    for (stage, dir, kinds) in &stages {
        let kind = ModelDir::metadata(dir)?.kind;
        if !kinds.contains(&kind.as_str()) {
            bail!("--{stage} {}: a {kind} model, not a {stage}", dir.display());
        }
    }
    if a.out.exists() && !a.force {
        bail!("{}: already exists; pass --force to replace it, or choose another --out", a.out.display());
    }
    let building = a.out.with_extension("assembling");
    if building.exists() {
        fs::remove_dir_all(&building).with_context(|| format!("cannot remove {}", building.display()))?;
    }
    for (stage, dir, _) in &stages {
        copy_model(dir, &building.join(stage))?;
    }
    let names: Vec<&str> = stages.iter().map(|(s, _, _)| *s).collect();
    let summary = write_metadata(&ModelDir::create(&building)?, &names)?;
    Pipeline::open(&building, InputMode::Raw, tch::Device::Cpu)
        .with_context(|| format!("the assembled pipeline {} does not load", building.display()))?;
    if a.out.exists() {
        fs::remove_dir_all(&a.out).with_context(|| format!("cannot remove {}", a.out.display()))?;
    }
    fs::rename(&building, &a.out)
        .with_context(|| format!("cannot rename {} to {}", building.display(), a.out.display()))?;
    eprintln!("pipeline -> {} ({}): {summary}", a.out.display(), names.join(", "));
    Ok(())
}

/// The pipeline's `metadata.json` (kind `pipeline`, this command, every stage's dev and test
/// scores prefixed by the stage's name), written last; returns the main scores as a line.
pub(crate) fn write_metadata(dir: &ModelDir, stages: &[&str]) -> Result<String> {
    let mut meta = Metadata::new(KIND, FORMAT_VERSION);
    meta.command = Some(arbor_cli::command_line());
    for stage in stages {
        let m = ModelDir::metadata(dir.file(stage))?;
        for (key, value) in m.scores {
            meta.scores.insert(format!("{stage}_{key}"), value);
        }
    }
    let summary: Vec<String> =
        ["tokenizer_dev_words", "lemmatizer_dev_lemmas_gold_tags", "parser_dev_upos", "parser_dev_las"]
            .iter()
            .filter_map(|k| meta.scores.get(*k).map(|v| format!("{k} {v:.2}")))
            .collect();
    dir.write_metadata(&meta)?;
    Ok(summary.join(", "))
}
