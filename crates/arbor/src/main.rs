//! The `arbor` command.

use std::process::ExitCode;

use arbor::cmd;
use clap::{Parser, Subcommand};

/// Arbor: tokenize, tag, parse, embed and model text on libtorch (CPU or CUDA).
#[derive(Parser, Debug)]
#[command(name = "arbor", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Validate(cmd::validate::Args),
    Eval(cmd::eval::Args),
    Info(cmd::info::Args),
    Lm(cmd::lm::Args),
    W2v(cmd::w2v::Args),
    Tokenize(cmd::tokenize::Args),
    Train(cmd::train::Args),
    Parse(cmd::parse::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Validate(a) => cmd::validate::run(a).map(|ok| if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }),
        Command::Eval(a) => cmd::eval::run(a).map(|()| ExitCode::SUCCESS),
        Command::Info(a) => cmd::info::run(a).map(|()| ExitCode::SUCCESS),
        Command::Lm(a) => cmd::lm::run(a).map(|()| ExitCode::SUCCESS),
        Command::W2v(a) => cmd::w2v::run(a).map(|()| ExitCode::SUCCESS),
        Command::Tokenize(a) => cmd::tokenize::run(a).map(|()| ExitCode::SUCCESS),
        Command::Train(a) => cmd::train::run(a).map(|()| ExitCode::SUCCESS),
        Command::Parse(a) => cmd::parse::run(a).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("arbor: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
