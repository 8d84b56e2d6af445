//! `arbor validate FILE...`: the CoNLL-U format (level 1, the reader) and the UD format rules
//! (level 2, `arbor_conllu::Validator`), each problem as `file:line: problem [rule]`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use arbor_conllu::{Level, Reader, Validator};

use crate::io::Input;

/// Check CoNLL-U files as the UD validator's levels 1 and 2 define: IDs, ranges, empty nodes,
/// columns and whitespace; then the tree, UPOS, FEATS, DEPREL, DEPS, MISC and the sent_id/text
/// metadata. Rules across sentences (unique sent_id) span all files given.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// CoNLL-U files (standard input when none is given, or for '-').
    pub files: Vec<PathBuf>,
    /// 1: the CoNLL-U format only; 2: the UD format rules too (as `udvalidate --level 2`).
    #[arg(long, default_value_t = Level::default() as u8, value_parser = parse_level)]
    pub level: u8,
    /// Language code; at level 2 it only decides whether a sent_id may hold one '/' (`ud`: yes).
    #[arg(long, default_value = "ud")]
    pub lang: String,
    /// Print only the summary line of each file.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The exit status for [`run`]'s verdict: 0 when every file passed, 1 otherwise.
pub fn exit_code(all_passed: bool) -> std::process::ExitCode {
    if all_passed {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}

fn parse_level(s: &str) -> Result<u8, String> {
    let n: u8 = s.parse().map_err(|_| format!("'{s}' is not a level: use 1 or 2"))?;
    Level::try_from(n).map(|l| l as u8)
}

/// Returns whether every file passed.
pub fn run(args: &Args) -> Result<bool> {
    let files: Vec<Option<PathBuf>> =
        if args.files.is_empty() { vec![None] } else { args.files.iter().cloned().map(Some).collect() };
    let level = Level::try_from(args.level).map_err(anyhow::Error::msg)?;
    let mut validator = Validator::new(level, &args.lang);
    let mut all_ok = true;
    let mut out = crate::io::stdout();
    let stderr = std::io::stderr();
    for file in files {
        let input = Input::open(file.as_deref())?;
        let name = input.name.clone();
        let reader = Reader::new(input.reader, name.clone());
        let mut reader = if level == Level::Format { reader.format_only() } else { reader };
        let (mut sentences, mut errors) = (0usize, 0usize);
        let mut report = |line: String| {
            errors += 1;
            if !args.quiet {
                let _ = writeln!(stderr.lock(), "{line}");
            }
        };
        while let Some(item) = reader.next() {
            match item {
                Err(e) => report(e.to_string()),
                Ok(s) => {
                    sentences += 1;
                    for p in validator.check(&s, reader.sentence_line()) {
                        report(format!("{name}:{p}"));
                    }
                }
            }
        }
        if sentences == 0 && errors == 0 {
            eprintln!("{name}: no sentences (empty input)");
        }
        let verdict = if errors == 0 { "valid" } else { "INVALID" };
        writeln!(out, "{name}: {verdict}: {sentences} well-formed sentences, {errors} errors")?;
        all_ok &= errors == 0;
    }
    out.finish()?;
    Ok(all_ok)
}
