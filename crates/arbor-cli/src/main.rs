//! `arbor`, the light binary: starts without libtorch. It runs `validate`, `eval`, the rule
//! tokenizer and rule-lexicon training itself, and hands every other command (and `--help`,
//! which shows the whole grammar) to `arbor-torch`.

use std::ffi::OsString;
use std::process::ExitCode;

use arbor_cli::commands::{eval, lemmatizer, tokenize, tokenizer_train, validate, Common, TokenizerCommand};
use arbor_cli::delegate::{run_torch, HAS_TORCH};
use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

/// Arbor: tokenize, tag, parse, embed and model text on libtorch (CPU or CUDA).
#[derive(Parser, Debug)]
#[command(name = "arbor", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands this binary can run itself; the rest of the grammar is arbor-torch's.
#[derive(Subcommand, Debug)]
enum Command {
    #[command(flatten)]
    Common(Common),
    #[command(hide = true)]
    Train {
        #[command(subcommand)]
        command: TrainAlias,
    },
    /// Any other command: handed on whole to arbor-torch.
    #[command(external_subcommand)]
    Other(#[allow(dead_code)] Vec<OsString>),
}

/// `arbor train tokenizer`, the older spelling of `arbor tokenizer train`.
#[derive(Subcommand, Debug)]
enum TrainAlias {
    Tokenizer(tokenizer_train::Args),
    #[command(external_subcommand)]
    Other(#[allow(dead_code)] Vec<OsString>),
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        // `--version` is answered here; help and argument errors by the whole grammar.
        Err(e) if e.kind() == ErrorKind::DisplayVersion || !HAS_TORCH => e.exit(),
        Err(_) => return arbor_cli::finish(run_torch(&args)),
    };
    let result = match &cli.command {
        Command::Common(Common::Validate(a)) => validate::run(a).map(validate::exit_code),
        Command::Common(Common::Eval(a)) => eval::run(a).map(|()| ExitCode::SUCCESS),
        Command::Common(Common::Lemmatizer { command }) => lemmatizer::run(command).map(|()| ExitCode::SUCCESS),
        Command::Common(Common::Tokenize(a)) => match a.rule_tokenizer() {
            Ok(Some(t)) => tokenize::run(a, &t).map(|()| ExitCode::SUCCESS),
            Ok(None) => run_torch(&args),
            Err(e) => Err(e),
        },
        Command::Common(Common::Tokenizer { command: TokenizerCommand::Train(a) })
        | Command::Train { command: TrainAlias::Tokenizer(a) }
            if a.rules =>
        {
            tokenizer_train::run_rules(a).map(|()| ExitCode::SUCCESS)
        }
        _ => run_torch(&args),
    };
    arbor_cli::finish(result)
}
