//! One module per subcommand; each has an `Args` struct (clap) and a `run` function.

pub mod eval;
pub mod info;
pub mod lm;
pub mod parse;
pub mod tokenize;
pub mod train;
pub mod train_parser;
pub mod validate;
pub mod w2v;
