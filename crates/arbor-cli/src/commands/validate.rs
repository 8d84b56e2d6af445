//! `arbor validate FILE...`: format rules (via the reader) and tree rules, `file:line: problem`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use arbor_conllu::{validate_tree, word_line, Reader};

use crate::io::Input;

/// Check CoNLL-U files: IDs, multiword ranges, empty nodes, fields, heads, one root, no cycles.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// CoNLL-U files (standard input when none is given, or for '-').
    pub files: Vec<PathBuf>,
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

/// Returns whether every file passed.
pub fn run(args: &Args) -> Result<bool> {
    let files: Vec<Option<PathBuf>> =
        if args.files.is_empty() { vec![None] } else { args.files.iter().cloned().map(Some).collect() };
    let mut all_ok = true;
    let mut out = crate::io::stdout();
    let stderr = std::io::stderr();
    for file in files {
        let input = Input::open(file.as_deref())?;
        let name = input.name.clone();
        let mut reader = Reader::new(input.reader, name.clone());
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
                    for e in validate_tree(&s) {
                        let line = word_line(&s, reader.sentence_line(), e.word.max(1));
                        report(format!("{name}:{line}: {e}"));
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
