//! [`Lines`]: the one line reader of every text input. Each line is checked to be UTF-8 (an
//! error names the input, the line and the byte offset) and handed on without its line end,
//! with its number, its byte offset and which line end it had, so that a caller can reject
//! CRLF (CoNLL-U) or accept it (plain text).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How a line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The last line of an input that does not end with a newline.
    None,
    Lf,
    CrLf,
}

impl Ending {
    /// Its length in bytes (and in characters).
    pub fn len(self) -> usize {
        match self {
            Ending::None => 0,
            Ending::Lf => 1,
            Ending::CrLf => 2,
        }
    }

    pub fn is_empty(self) -> bool {
        self == Ending::None
    }
}

/// One line of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// The text without its line end.
    pub text: &'a str,
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's start in the input.
    pub offset: u64,
    pub ending: Ending,
}

/// Lines of any buffered input; `name` stands for the input in errors (a path, `<stdin>`).
pub struct Lines<R> {
    input: R,
    name: String,
    line: usize,
    offset: u64,
    buf: Vec<u8>,
}

impl Lines<BufReader<File>> {
    /// Open a file (read in 64 KiB blocks).
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|error| Error::Io { path: path.to_path_buf(), error })?;
        Ok(Lines::new(BufReader::with_capacity(1 << 16, file), path.display().to_string()))
    }
}

impl<R: BufRead> Lines<R> {
    pub fn new(input: R, name: impl Into<String>) -> Self {
        Lines { input, name: name.into(), line: 0, offset: 0, buf: Vec::new() }
    }

    /// Count byte offsets from `offset` (for a reader that starts inside a file).
    pub fn starting_at(mut self, offset: u64) -> Self {
        self.offset = offset;
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of the last line read (0 before the first).
    pub fn line_number(&self) -> usize {
        self.line
    }

    /// Bytes consumed so far (plus the starting offset).
    pub fn byte_offset(&self) -> u64 {
        self.offset
    }

    /// The reader underneath, e.g. to read binary data after a text header.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.input
    }

    /// The next line, `None` at the end. After an error (invalid UTF-8) the line is consumed, so
    /// reading on continues with the next one.
    pub fn next_line(&mut self) -> Result<Option<Line<'_>>> {
        self.buf.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.buf)
            .map_err(|error| Error::Io { path: PathBuf::from(&self.name), error })?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        let start = self.offset;
        self.offset += n as u64;
        let ending = match self.buf.as_slice() {
            [.., b'\r', b'\n'] => Ending::CrLf,
            [.., b'\n'] => Ending::Lf,
            _ => Ending::None,
        };
        let body = &self.buf[..n - ending.len()];
        match std::str::from_utf8(body) {
            Ok(text) => Ok(Some(Line { text, number: self.line, offset: start, ending })),
            Err(e) => Err(Error::Utf8 {
                source_name: self.name.clone(),
                line: self.line,
                byte_offset: start + e.valid_up_to() as u64,
            }),
        }
    }

    /// Call `f` on every line, stopping at the first error (the reader's or `f`'s).
    pub fn try_for_each<E: From<Error>>(mut self, mut f: impl FnMut(Line<'_>) -> Result<(), E>) -> Result<(), E> {
        while let Some(line) = self.next_line()? {
            f(line)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<Result<(String, usize, u64, Ending)>> {
        let mut lines = Lines::new(input, "t.txt");
        let mut out = Vec::new();
        loop {
            match lines.next_line() {
                Ok(None) => return out,
                Ok(Some(l)) => out.push(Ok((l.text.to_string(), l.number, l.offset, l.ending))),
                Err(e) => out.push(Err(e)),
            }
        }
    }

    #[test]
    fn lines_keep_numbers_offsets_and_endings() {
        let got: Vec<_> = all(b"ab\r\n\ncd").into_iter().map(Result::unwrap).collect();
        assert_eq!(
            got,
            [
                ("ab".to_string(), 1, 0, Ending::CrLf),
                (String::new(), 2, 4, Ending::Lf),
                ("cd".to_string(), 3, 5, Ending::None)
            ]
        );
        assert!(all(b"").is_empty());
    }

    #[test]
    fn invalid_utf8_names_the_line_and_offset_and_reading_goes_on() {
        let got = all(b"ok\nb\xffd\nlast\n");
        let e = got[1].as_ref().unwrap_err().to_string();
        assert_eq!(e, "t.txt:2: invalid UTF-8 at byte offset 4 of the input");
        assert_eq!(got[2].as_ref().unwrap().0, "last");
        let e = Lines::new(&b"x\n\xc3"[..], "f").try_for_each(|_| Ok::<_, Error>(())).unwrap_err();
        assert!(matches!(e, Error::Utf8 { line: 2, byte_offset: 2, .. }), "{e}");
    }

    #[test]
    fn offsets_can_start_inside_a_file() {
        let mut lines = Lines::new(&b"a\nb\n"[..], "f").starting_at(100);
        assert_eq!(lines.next_line().unwrap().unwrap().offset, 100);
        assert_eq!(lines.next_line().unwrap().unwrap().offset, 102);
        assert_eq!(lines.byte_offset(), 104);
    }

    proptest::proptest! {
        #[test]
        fn texts_and_endings_give_back_the_input(s in "[a-z\r\n é]{0,40}") {
            let mut lines = Lines::new(s.as_bytes(), "p");
            let mut rebuilt = String::new();
            while let Some(l) = lines.next_line().unwrap() {
                proptest::prop_assert_eq!(l.offset as usize, rebuilt.len());
                rebuilt.push_str(l.text);
                rebuilt.push_str(["", "\n", "\r\n"][l.ending.len()]);
            }
            proptest::prop_assert_eq!(rebuilt, s);
        }
    }
}
