//! `arbor eval GOLD SYSTEM`: the CoNLL 2018 metrics, printed as the official `udeval -v` does.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use arbor_conllu::eval::{evaluate_named, format_counts, format_table, to_json, Options};
use arbor_conllu::{Reader, Sentence};

use crate::io::Input;

/// Score a system CoNLL-U file against a gold one (Tokens ... BLEX, ELAS, EULAS). Files are
/// read as the official evaluator reads them: leading, trailing or doubled spaces inside FORM,
/// LEMMA and MISC are accepted here (`arbor validate` reports them).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The gold-standard CoNLL-U file.
    pub gold: PathBuf,
    /// The system output (standard input when omitted, or for '-').
    pub system: Option<PathBuf>,
    /// Print JSON instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Print raw counts (correct, gold, predicted, aligned) as `udeval -c` does.
    #[arg(long, short)]
    pub counts: bool,
    /// Leave out the enhanced-dependency metrics ELAS and EULAS.
    #[arg(long)]
    pub no_enhanced: bool,
    /// Accept several words attached to the root in one sentence.
    #[arg(long)]
    pub multiple_roots_okay: bool,
}

fn read_all(path: Option<&std::path::Path>) -> Result<(Vec<Sentence>, String)> {
    let input = Input::open(path)?;
    let name = input.name.clone();
    let sentences = Reader::new(input.reader, name.clone()).lenient().collect::<Result<Vec<_>, _>>()?;
    Ok((sentences, name))
}

pub fn run(args: &Args) -> Result<()> {
    let (gold, gold_name) = read_all(Some(&args.gold)).context("cannot read the gold file")?;
    let (system, system_name) = read_all(args.system.as_deref()).context("cannot read the system file")?;
    let options = Options { multiple_roots_okay: args.multiple_roots_okay };
    let e = evaluate_named(&gold, &gold_name, &system, &system_name, &options)?;
    let enhanced = !args.no_enhanced;
    let mut out = crate::io::stdout();
    if args.json {
        writeln!(out, "{}", to_json(&e, enhanced))?;
    } else if args.counts {
        write!(out, "{}", format_counts(&e, enhanced))?;
    } else {
        write!(out, "{}", format_table(&e, enhanced))?;
    }
    out.finish()
}
