//! Inputs and outputs of the commands: a file or stdin in, stdout or a file out. A file output is
//! written to a temporary file and renamed at the end, so a failed command never leaves a
//! truncated output file behind. Every command writes through [`Output`], so a failed write is an
//! error naming the output (a full disk, `> /dev/full`) and a closed pipe (`| head -1`) ends the
//! command quietly ([`is_broken_pipe`]), never a panic.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// An input and the name it has in messages (`<stdin>` for standard input).
pub struct Input {
    pub name: String,
    pub reader: Box<dyn BufRead>,
}

impl Input {
    /// Open `path`, or standard input for `None` or `-`.
    pub fn open(path: Option<&Path>) -> Result<Input> {
        match path {
            None => Ok(Input::stdin()),
            Some(p) if p.as_os_str() == "-" => Ok(Input::stdin()),
            Some(p) => {
                let file = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
                Ok(Input { name: p.display().to_string(), reader: Box::new(BufReader::with_capacity(1 << 16, file)) })
            }
        }
    }

    fn stdin() -> Input {
        Input { name: "<stdin>".into(), reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())) }
    }
}

/// Standard output, or a file that appears only when [`Output::finish`] succeeds.
pub struct Output {
    writer: BufWriter<Box<dyn Write>>,
    target: Option<(PathBuf, PathBuf)>,
    name: String,
}

/// Standard output, buffered.
pub fn stdout() -> Output {
    Output { writer: BufWriter::new(Box::new(io::stdout().lock())), target: None, name: "standard output".into() }
}

/// Whether `e` comes from writing to a pipe whose reader has gone (`arbor ... | head -1`):
/// the command then ends quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

impl Output {
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(stdout()),
            Some(p) if p.as_os_str() == "-" => Output::create(None),
            Some(p) => {
                let tmp = p.with_file_name(format!(
                    ".{}.arbor-partial",
                    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                ));
                let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
                let name = p.display().to_string();
                Ok(Output { writer: BufWriter::new(Box::new(file)), target: Some((tmp, p.to_path_buf())), name })
            }
        }
    }

    /// Flush and, for a file, move it into place.
    pub fn finish(mut self) -> Result<()> {
        let name = std::mem::take(&mut self.name);
        self.writer.flush().map_err(|e| named(e, &name))?;
        if let Some((tmp, path)) = self.target.take() {
            std::fs::rename(&tmp, &path).with_context(|| format!("cannot move the output into {}", path.display()))?;
        }
        Ok(())
    }
}

/// The same error (same kind), its message naming the output.
fn named(e: io::Error, name: &str) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write to {name}: {e}"))
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf).map_err(|e| named(e, &self.name))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush().map_err(|e| named(e, &self.name))
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.target.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_output_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.conllu");
        let mut out = Output::create(Some(&path)).unwrap();
        out.write_all(b"partial").unwrap();
        drop(out); // a failed command: nothing is left behind
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut out = Output::create(Some(&path)).unwrap();
        out.write_all(b"complete\n").unwrap();
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "complete\n");
    }
}
