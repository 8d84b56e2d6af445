//! Reading a text file into token ids (streamed line by line with `arbor_core::Lines`) and
//! laying ids out in columns.

use std::path::Path;

use arbor_core::Lines;
use tch::Tensor;

use crate::error::{Error, Result};
use crate::vocab::Vocab;

/// Every line of `path` as ids, each line followed by `<eos>`. Returns the ids and how many
/// tokens were unknown. An empty file (no tokens at all) is an error.
pub fn read_ids(path: &Path, vocab: &Vocab) -> Result<(Vec<i64>, usize)> {
    let (mut ids, mut unknown) = (Vec::new(), 0);
    Lines::open(path)?.try_for_each(|line| {
        let (line_ids, u) = vocab.encode_line(line.text);
        ids.extend(line_ids.into_iter().map(i64::from));
        unknown += u;
        Ok::<_, Error>(())
    })?;
    if ids.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "empty file: no text to read".into() });
    }
    Ok((ids, unknown))
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
