//! The `arbor` command, the part that needs no libtorch: argument grammar of the commands the
//! light `arbor` binary runs itself ([`commands`]), inputs and outputs ([`io`]), where bundled
//! models are found ([`models`]), how every other command is handed to `arbor-torch`
//! ([`delegate`]), and the `--profile` report ([`profile`]). The libtorch commands live in
//! `src/torch/`, the `arbor-torch` binary.

pub mod commands;
pub mod delegate;
pub mod io;
pub mod models;
pub mod profile;

/// The exit status of a command: its own, or 2 with the error on stderr; a closed output pipe
/// (`arbor ... | head -1`) ends it quietly with 0.
pub fn finish(result: anyhow::Result<std::process::ExitCode>) -> std::process::ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if io::is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("arbor: error: {}", message(&e));
            std::process::ExitCode::from(2)
        }
    }
}

/// An error and its causes, `: `-separated, each said once: a cause whose text the message
/// before it already ends with (`x: Is a directory` caused by `Is a directory`) is left out.
pub fn message(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !parts.last().is_some_and(|p| p.ends_with(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// The command line as the user typed it (recorded in a trained model's metadata).
pub fn command_line() -> String {
    std::env::args().collect::<Vec<_>>().join(" ")
}

/// Workers for a `--threads` value: the value itself, or for 0 the CPUs this process may run
/// on (the scheduler's affinity mask and the cgroup CPU quota, as
/// `std::thread::available_parallelism` reads them), at least 1.
pub fn workers(threads: usize) -> usize {
    if threads > 0 {
        return threads;
    }
    std::thread::available_parallelism().map_or(1, usize::from)
}
