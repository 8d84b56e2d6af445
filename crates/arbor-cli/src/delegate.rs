//! Handing a command to `arbor-torch`, the binary linked with libtorch, which is installed next
//! to `arbor`. On Unix the process is replaced (`exec`): arguments, standard streams, signals
//! and the exit code pass through unchanged.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{bail, Result};

/// The model binary's name.
pub const TORCH_BINARY: &str = "arbor-torch";

/// Whether this build includes the libtorch commands.
pub const HAS_TORCH: bool = cfg!(feature = "torch");

/// Where `arbor-torch` is: beside the running executable.
pub fn torch_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.join(TORCH_BINARY);
    path.is_file().then_some(path)
}

/// Run `arbor-torch` with `args` (the whole command line, program name first). Returns only
/// on failure.
pub fn run_torch(args: &[OsString]) -> Result<std::process::ExitCode> {
    let what = args.get(1).map(|a| a.to_string_lossy().into_owned()).unwrap_or_default();
    if !HAS_TORCH {
        bail!(
            "`arbor {what}` needs libtorch, and this arbor was built without it (arbor-cli's `torch` feature); \
             build with `cargo build -p arbor-cli --features torch`"
        );
    }
    let Some(binary) = torch_binary() else {
        bail!(
            "`arbor {what}` needs {TORCH_BINARY}, which is not next to this arbor; install both binaries of arbor-cli"
        );
    };
    let mut command = std::process::Command::new(&binary);
    command.args(&args[1..]);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let error = command.arg0("arbor").exec();
        bail!("cannot run {}: {error}", binary.display())
    }
    #[cfg(not(unix))]
    {
        let status = command.status().map_err(|e| anyhow::anyhow!("cannot run {}: {e}", binary.display()))?;
        Ok(std::process::ExitCode::from(status.code().unwrap_or(2).clamp(0, 255) as u8))
    }
}
