//! Reading a text file into token ids (streamed line by line) and laying ids out in columns.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use tch::Tensor;

use crate::error::{Error, Result};
use crate::vocab::Vocab;

/// Every line of `path` as ids, each line followed by `<eos>`. Returns the ids and how many
/// tokens were unknown. An empty file (no tokens at all) is an error.
pub fn read_ids(path: &Path, vocab: &Vocab) -> Result<(Vec<i64>, usize)> {
    let (mut ids, mut unknown) = (Vec::new(), 0);
    for_each_line(path, |line| {
        let (line_ids, u) = vocab.encode_line(line);
        ids.extend(line_ids.into_iter().map(i64::from));
        unknown += u;
    })?;
    if ids.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "empty file: no text to read".into() });
    }
    Ok((ids, unknown))
}

/// Call `f` on each line of a file (without its line end). Invalid UTF-8 is an error naming
/// line and byte offset.
pub fn for_each_line(path: &Path, f: impl FnMut(&str)) -> Result<()> {
    let file = File::open(path).map_err(|error| Error::Io { path: path.into(), error })?;
    for_each_line_in(BufReader::with_capacity(1 << 16, file), path, f)
}

/// [`for_each_line`] over any reader; `name` stands for it in errors.
pub fn for_each_line_in(mut reader: impl BufRead, name: &Path, mut f: impl FnMut(&str)) -> Result<()> {
    let path = name;
    let mut buf = Vec::new();
    let (mut line_no, mut offset) = (0usize, 0u64);
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|error| Error::Io { path: path.into(), error })?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = std::str::from_utf8(&buf).map_err(|e| Error::Utf8 {
            path: path.into(),
            line: line_no,
            byte_offset: offset + e.valid_up_to() as u64,
        })?;
        f(text.trim_end_matches(['\n', '\r']));
        offset += n as u64;
    }
}

/// Lay a stream out as `batch` columns: `[len / batch, batch]`, the remainder dropped.
pub fn batchify(ids: &[i64], batch: usize) -> Tensor {
    let rows = ids.len() / batch;
    // [batch * rows] -> [batch, rows] -> [rows, batch]
    Tensor::from_slice(&ids[..rows * batch]).view([batch as i64, rows as i64]).tr().contiguous()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_hold_consecutive_stretches() {
        let t = batchify(&[0, 1, 2, 3, 4, 5, 6], 2);
        assert_eq!(t.size(), [3, 2]);
        let v: Vec<i64> = t.flatten(0, 1).try_into().unwrap();
        assert_eq!(v, [0, 3, 1, 4, 2, 5]);
    }
}
