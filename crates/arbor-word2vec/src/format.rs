//! The word2vec formats. Text: a header line `count dim`, then `word v1 ... vdim` per line.
//! Binary (Google's): the same header, then per word its bytes, a space and `dim` little-endian
//! f32; a newline after each vector is optional on reading (word2vec.c writes one, gensim 4
//! does not) and written.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use arbor_core::Lines;

use crate::embeddings::Embeddings;
use crate::error::{io, Error, Result};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Binary,
    Text,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "binary" | "bin" => Ok(Format::Binary),
            "text" | "txt" => Ok(Format::Text),
            _ => Err(format!("unknown format '{s}': expected binary or text")),
        }
    }
}

/// Write vectors; the file appears only once it is complete (temporary file, then rename).
pub fn write_vectors(e: &Embeddings, path: &Path, format: Format) -> Result<()> {
    let io = io(path);
    let tmp = path.with_extension("partial");
    let mut w = BufWriter::new(File::create(&tmp).map_err(io)?);
    writeln!(w, "{} {}", e.len(), e.dim()).map_err(io)?;
    for (i, word) in e.words().iter().enumerate() {
        let v = &e.matrix()[i * e.dim()..(i + 1) * e.dim()];
        match format {
            Format::Text => {
                write!(w, "{word}").map_err(io)?;
                for x in v {
                    write!(w, " {x}").map_err(io)?;
                }
                writeln!(w).map_err(io)?;
            }
            Format::Binary => {
                write!(w, "{word} ").map_err(io)?;
                for x in v {
                    w.write_all(&x.to_le_bytes()).map_err(io)?;
                }
                w.write_all(b"\n").map_err(io)?;
            }
        }
    }
    w.flush().map_err(io)?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(io)
}

/// Fail now, not after training, when `path` cannot be written (its directory is missing or
/// read-only): the temporary file [`write_vectors`] writes first is created and removed.
pub fn check_output(path: &Path) -> Result<()> {
    let tmp = path.with_extension("partial");
    File::create(&tmp).map_err(io(path))?;
    std::fs::remove_file(&tmp).map_err(io(&tmp))
}

/// The widest vectors [`read_vectors`] takes (a header is not trusted with memory or shapes).
pub const MAX_DIM: usize = 1 << 20;

/// Read vectors in either format (detected: text files hold only printable text).
pub fn read_vectors(path: &Path) -> Result<Embeddings> {
    let bad = |problem: String| Error::Format { path: path.to_path_buf(), problem };
    let io = io(path);
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut lines = Lines::new(BufReader::with_capacity(1 << 20, file), path.display().to_string());
    let header = lines.next_line()?.map(|l| l.text.to_string()).unwrap_or_default();
    let mut it = header.split_whitespace().map(|x| x.parse::<usize>());
    let (count, dim) = match (it.next(), it.next()) {
        (Some(Ok(c)), Some(Ok(d))) if d > 0 => (c, d),
        _ => return Err(bad(format!("line 1: expected the header 'count dim', found {:?}", header.trim_end()))),
    };
    if dim > MAX_DIM {
        // Found by fuzzing: a dimension of 2^64 - 1 with no vectors made the tensor shape -1.
        return Err(bad(format!("line 1: a dimension of {dim}; this reader takes at most {MAX_DIM}")));
    }
    let binary = {
        let peek = lines.get_mut().fill_buf().map_err(io)?;
        let probe = &peek[..peek.len().min(4096)];
        // A binary vector holds bytes that never occur in text; text has digits, signs, spaces.
        probe.iter().any(|&b| b < 9 || (b > 13 && b < 32) || b == 127)
    };
    // The header is not trusted with memory: room is made for what the rest of the file can hold
    // at most (a vector takes at least two bytes a value in text, four in binary, and a word),
    // and a header that promises more ends in "truncated" below.
    let per_vector = (dim as u64).saturating_mul(if binary { 4 } else { 2 }).saturating_add(2);
    let fits = (size.saturating_sub(lines.byte_offset()) / per_vector) as usize;
    let truncated = |found: usize| bad(format!("truncated: the header promises {count} vectors, found {found}"));
    if binary && count > 0 && fits == 0 {
        // Not even one vector of that dimension fits in the rest of the file (found by fuzzing:
        // a header "7 7777777771" made the binary reader allocate 31 GB for one vector).
        return Err(truncated(0));
    }
    let mut words = Vec::with_capacity(count.min(fits));
    let mut vectors = Vec::with_capacity(count.min(fits) * dim);
    if binary {
        let r = lines.get_mut();
        let mut bytes = vec![0u8; if count > 0 { dim * 4 } else { 0 }]; // within the file: checked above
        for i in 0..count {
            let mut word = Vec::new();
            loop {
                let mut b = [0u8; 1];
                if r.read(&mut b).map_err(io)? == 0 {
                    return Err(truncated(i));
                }
                match b[0] {
                    b' ' => break,
                    b'\n' if word.is_empty() => continue,
                    c => word.push(c),
                }
            }
            r.read_exact(&mut bytes).map_err(|_| truncated(i))?;
            vectors.extend(bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])));
            words.push(
                String::from_utf8(word).map_err(|e| bad(format!("vector {}: the word is not UTF-8 ({e})", i + 1)))?,
            );
        }
    } else {
        for i in 0..count {
            let Some(line) = lines.next_line()? else {
                return Err(truncated(i));
            };
            let mut parts = line.text.split(' ');
            let word = parts.next().unwrap_or_default();
            let values: std::result::Result<Vec<f32>, _> =
                parts.map(str::trim).filter(|p| !p.is_empty()).map(str::parse).collect();
            match values {
                Ok(v) if v.len() == dim => vectors.extend(v),
                Ok(v) => return Err(bad(format!("line {}: {} values, expected {dim}", line.number, v.len()))),
                Err(e) => return Err(bad(format!("line {}: {e}", line.number))),
            }
            words.push(word.to_string());
        }
    }
    let words = arbor_core::Table::from_names(words).map_err(bad)?;
    Ok(Embeddings::new(words, dim, vectors))
}
