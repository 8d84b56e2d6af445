//! One module per subcommand; each has an `Args` struct (clap) and a `run` function.

pub mod eval;
pub mod info;
pub mod lm;
pub mod tokenize;
pub mod train;
pub mod validate;
pub mod w2v;
