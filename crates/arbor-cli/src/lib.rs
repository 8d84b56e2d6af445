//! The `arbor` command, the part that needs no libtorch: argument grammar of the commands the
//! light `arbor` binary runs itself ([`commands`]), inputs and outputs ([`io`]), where bundled
//! models are found ([`models`]), and how every other command is handed to `arbor-torch`
//! ([`delegate`]). The libtorch commands live in `src/torch/`, the `arbor-torch` binary.

pub mod commands;
pub mod delegate;
pub mod io;
pub mod models;

/// The command line as the user typed it (recorded in a trained model's metadata).
pub fn command_line() -> String {
    std::env::args().collect::<Vec<_>>().join(" ")
}
