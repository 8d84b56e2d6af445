//! The commands that run without libtorch, one module each with its `Args` (clap) and `run`.
//! Their argument structs are part of the one grammar: `arbor-torch` includes them as they are.

pub mod eval;
pub mod lemmatizer;
pub mod tokenize;
pub mod tokenizer_train;
pub mod validate;

use clap::Subcommand;

/// The commands that both binaries have, flattened into each one's grammar (the light binary
/// runs them itself, except `tokenize` with a trained tokenizer and `tokenizer train` without
/// `--rules`).
#[derive(Subcommand, Debug)]
pub enum Common {
    Validate(validate::Args),
    Eval(eval::Args),
    Tokenize(tokenize::Args),
    /// Train tokenizers.
    Tokenizer {
        #[command(subcommand)]
        command: TokenizerCommand,
    },
    /// Train, evaluate and apply lemmatizers.
    Lemmatizer {
        #[command(subcommand)]
        command: lemmatizer::Command,
    },
}

/// `arbor tokenizer ...`.
#[derive(Subcommand, Debug)]
pub enum TokenizerCommand {
    Train(tokenizer_train::Args),
}
