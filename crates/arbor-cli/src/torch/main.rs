//! `arbor-torch`: the whole `arbor` grammar, linked with libtorch. The light `arbor` binary
//! hands it every command that needs a model; run by hand it is the complete `arbor`.

use std::process::ExitCode;

use arbor_cli::commands::{eval, lemmatizer, validate, Common, TokenizerCommand};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod classify;
mod defaults;
mod info;
mod lm;
mod parse;
mod parser_train;
mod pipeline_assemble;
mod pipeline_train;
mod progress;
mod seq2seq;
mod serve;
mod tokenizer;
mod w2v;

/// Arbor: tokenize, tag, parse, embed and model text on libtorch (CPU or CUDA).
#[derive(Parser, Debug)]
#[command(name = "arbor", bin_name = "arbor", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    #[command(flatten)]
    Common(Common),
    Parse(parse::Args),
    /// Train parsers.
    Parser {
        #[command(subcommand)]
        command: parser_train::Command,
    },
    /// Train a whole pipeline (tokenizer, lemmatizer, parser) into one directory, or assemble
    /// one from stages trained separately.
    Pipeline {
        #[command(subcommand)]
        command: pipeline_train::Command,
    },
    Lm(lm::Args),
    Seq2seq(seq2seq::Args),
    Classify(classify::Args),
    Serve(serve::Args),
    W2v(w2v::Args),
    Info(info::Args),
    /// The older spellings `arbor train tokenizer|parser`.
    #[command(hide = true)]
    Train {
        #[command(subcommand)]
        command: TrainAlias,
    },
}

#[derive(Subcommand, Debug)]
enum TrainAlias {
    Tokenizer(arbor_cli::commands::tokenizer_train::Args),
    Parser(parser_train::Args),
    Pipeline(pipeline_train::Args),
}

fn main() -> ExitCode {
    // Every libtorch command allocates and frees large tensors in a loop (arbor_nn::allocator).
    arbor_nn::retain_freed_memory();
    let matches = defaults::fill(Cli::command()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    arbor_cli::finish(dispatch(&cli))
}

/// Run another command of this grammar in this process (`arbor train pipeline` runs each
/// stage's own command); `argv[0]` is the program name.
pub(crate) fn run_argv(argv: &[String]) -> anyhow::Result<()> {
    let matches = defaults::fill(Cli::command()).try_get_matches_from(argv)?;
    let cli = Cli::from_arg_matches(&matches)?;
    dispatch(&cli).map(|_| ())
}

fn dispatch(cli: &Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Common(Common::Validate(a)) => validate::run(a).map(validate::exit_code),
        Command::Common(Common::Eval(a)) => eval::run(a).map(|()| ExitCode::SUCCESS),
        Command::Common(Common::Lemmatizer { command }) => lemmatizer::run(command).map(|()| ExitCode::SUCCESS),
        Command::Common(Common::Tokenize(a)) => tokenizer::tokenize(a).map(|()| ExitCode::SUCCESS),
        Command::Parse(a) => parse::run(a).map(|()| ExitCode::SUCCESS),
        Command::Common(Common::Tokenizer { command: TokenizerCommand::Train(a) })
        | Command::Train { command: TrainAlias::Tokenizer(a) } => tokenizer::run(a).map(|()| ExitCode::SUCCESS),
        Command::Parser { command: parser_train::Command::Train(a) }
        | Command::Train { command: TrainAlias::Parser(a) } => parser_train::run(a).map(|()| ExitCode::SUCCESS),
        Command::Lm(a) => lm::run(a).map(|()| ExitCode::SUCCESS),
        Command::Seq2seq(a) => seq2seq::run(a).map(|()| ExitCode::SUCCESS),
        Command::Classify(a) => classify::run(a).map(|()| ExitCode::SUCCESS),
        Command::Serve(a) => serve::run(a).map(|()| ExitCode::SUCCESS),
        Command::W2v(a) => w2v::run(a).map(|()| ExitCode::SUCCESS),
        Command::Pipeline { command: pipeline_train::Command::Train(a) }
        | Command::Train { command: TrainAlias::Pipeline(a) } => pipeline_train::run(a).map(|()| ExitCode::SUCCESS),
        Command::Pipeline { command: pipeline_train::Command::Assemble(a) } => {
            pipeline_assemble::run(a).map(|()| ExitCode::SUCCESS)
        }
        Command::Info(a) => info::run(a).map(|()| ExitCode::SUCCESS),
    }
}
