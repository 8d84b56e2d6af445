//! `arbor train pipeline` (also `arbor pipeline train`): one command, one model directory per
//! language — the tokenizer (with its multiword-token lexicon), the lemmatizer (skipped, with a
//! note, when the treebank has no lemmas) and the tagger + parser, trained one after the other
//! by their own commands into `DIR/tokenizer`, `DIR/lemmatizer`, `DIR/parser`. A finished stage
//! is recorded in `DIR/stages.json`; `--resume` skips finished stages and continues the parser
//! from its checkpoint. `DIR/metadata.json` (kind `pipeline`, every stage's dev scores) is
//! written last, so a directory that loads is a finished one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use arbor::pipeline_dir::{LEMMATIZER_DIR, PARSER_DIR, TOKENIZER_DIR};
use arbor_core::ModelDir;
use serde::{Deserialize, Serialize};

const STAGES_FILE: &str = "stages.json";

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    Train(Args),
    Assemble(crate::pipeline_assemble::Args),
}

/// Train a whole pipeline for one language from a CoNLL-U treebank: tokenizer (with multiword
/// tokens), lemmatizer and tagger + parser, into one directory that `arbor parse --model DIR`
/// uses whole.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    pub train: PathBuf,
    #[arg(long)]
    pub dev: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    /// Word vectors (word2vec text or binary) to initialise the parser's word embeddings.
    #[arg(long)]
    pub embeddings: Option<PathBuf>,
    /// Epochs of the tokenizer (default: its own default).
    #[arg(long)]
    pub tokenizer_epochs: Option<usize>,
    /// Epochs of the parser (default: its own default).
    #[arg(long)]
    pub parser_epochs: Option<usize>,
    #[arg(long)]
    pub seed: Option<u64>,
    /// libtorch threads (0: its default).
    #[arg(long)]
    pub threads: Option<usize>,
    #[arg(long, default_value = "auto")]
    pub device: String,
    /// Continue an interrupted run: finished stages are kept, the parser resumes from its
    /// checkpoint.
    #[arg(long)]
    pub resume: bool,
    /// Replace a pipeline already in --out.
    #[arg(long)]
    pub force: bool,
    #[arg(long, short)]
    pub quiet: bool,
}

/// The stages finished so far, and those skipped with the reason.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stages {
    done: Vec<String>,
    skipped: BTreeMap<String, String>,
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

pub fn run(a: &Args) -> Result<()> {
    for f in [&a.train, &a.dev] {
        if !f.is_file() {
            bail!("{}: no such file", f.display());
        }
    }
    let dir = ModelDir::create_for_training(&a.out, a.resume, a.force)?;
    if dir.file(arbor_core::METADATA_FILE).exists() && !a.force {
        bail!("{}: this pipeline is finished (pass --force to train it again)", a.out.display());
    }
    let mut stages: Stages =
        if a.resume && dir.file(STAGES_FILE).exists() { dir.read_json(STAGES_FILE)? } else { Stages::default() };
    let common = |argv: &mut Vec<String>| {
        if let Some(s) = a.seed {
            argv.extend(["--seed".into(), s.to_string()]);
        }
        if let Some(t) = a.threads {
            argv.extend(["--threads".into(), t.to_string()]);
        }
        argv.extend(["--device".into(), a.device.clone()]);
        if a.quiet {
            argv.push("--quiet".into());
        }
    };
    let io = |stage: &str| -> Vec<String> {
        let out = a.out.join(stage);
        ["--train", &path(&a.train), "--dev", &path(&a.dev), "--out", &path(&out)].map(String::from).to_vec()
    };
    let names = [TOKENIZER_DIR, LEMMATIZER_DIR, PARSER_DIR];
    for (k, stage) in names.iter().enumerate() {
        if stages.done.iter().any(|s| s == stage) || stages.skipped.contains_key(*stage) {
            eprintln!("stage {}/3, {stage}: finished before, kept", k + 1);
            continue;
        }
        eprintln!("stage {}/3, {stage} -> {}", k + 1, a.out.join(stage).display());
        let mut argv: Vec<String> = vec!["arbor".into()];
        match *stage {
            TOKENIZER_DIR => {
                argv.extend(["tokenizer".into(), "train".into()]);
                argv.extend(io(stage));
                argv.push("--force".into());
                if let Some(e) = a.tokenizer_epochs {
                    argv.extend(["--epochs".into(), e.to_string()]);
                }
                common(&mut argv);
            }
            LEMMATIZER_DIR => {
                let treebank = arbor_conllu::read_file(&a.train)?;
                if !treebank.iter().flat_map(|s| &s.words).any(|w| w.lemma != "_") {
                    let why = format!("{} has no lemmas (every LEMMA is '_')", a.train.display());
                    eprintln!("stage 2/3, lemmatizer: skipped: {why}; the pipeline will leave LEMMA empty");
                    stages.skipped.insert(stage.to_string(), why);
                    dir.write_json(STAGES_FILE, &stages)?;
                    continue;
                }
                argv.extend(["lemmatizer".into(), "train".into()]);
                argv.extend(io(stage));
                argv.push("--force".into());
            }
            _ => {
                argv.extend(["parser".into(), "train".into()]);
                argv.extend(io(stage));
                let resume = a.resume && a.out.join(stage).join("checkpoint").exists();
                argv.push(if resume { "--resume" } else { "--force" }.into());
                if let Some(e) = &a.embeddings {
                    argv.extend(["--embeddings".into(), path(e)]);
                }
                if let Some(e) = a.parser_epochs {
                    argv.extend(["--epochs".into(), e.to_string()]);
                }
                common(&mut argv);
            }
        }
        crate::run_argv(&argv).with_context(|| format!("stage {}/3 ({stage})", k + 1))?;
        stages.done.push(stage.to_string());
        dir.write_json(STAGES_FILE, &stages)?;
    }
    let done: Vec<&str> = names.iter().copied().filter(|s| stages.done.iter().any(|d| d == s)).collect();
    let summary = crate::pipeline_assemble::write_metadata(&dir, &done)?;
    eprintln!("pipeline -> {}: {summary}", a.out.display());
    Ok(())
}
