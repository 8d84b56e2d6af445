//! The training corpus, streamed from disk: one sentence or paragraph a line, split into words
//! by whitespace or by Arbor's rule tokenizer (syntactic words: `don't` gives `do` and `n't`),
//! optionally lowercased. The file is cut into one byte range per thread at line boundaries.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use arbor_core::Lines;
use arbor_text::{InputMode, Lexicon, RuleTokenizer};

use crate::error::{io, Result};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tokenization {
    /// Run raw text through Arbor's rule tokenizer instead of splitting on whitespace.
    pub tokenize: bool,
    pub lowercase: bool,
}

thread_local! {
    static TOKENIZER: RuleTokenizer = RuleTokenizer::new(Lexicon::default()).with_mode(InputMode::Presegmented);
}

impl Tokenization {
    /// Call `f` on each token of `line`.
    pub fn tokens(&self, line: &str, mut f: impl FnMut(&str)) {
        let lowered;
        let line = if self.lowercase {
            lowered = line.to_lowercase();
            &lowered
        } else {
            line
        };
        if self.tokenize {
            TOKENIZER.with(|t| t.for_each_word(line, &mut f));
        } else {
            line.split_whitespace().for_each(&mut f);
        }
    }
}

#[derive(Clone, Debug)]
pub struct Corpus {
    pub path: PathBuf,
    pub tokenization: Tokenization,
}

impl Corpus {
    pub fn new(path: impl AsRef<Path>, tokenization: Tokenization) -> Corpus {
        Corpus { path: path.as_ref().to_path_buf(), tokenization }
    }

    fn open(&self) -> Result<File> {
        File::open(&self.path).map_err(io(&self.path))
    }

    /// Word counts over the whole file.
    pub fn count_words(&self) -> Result<HashMap<String, u64>> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        self.for_each_line(0, u64::MAX, |line| {
            self.tokenization.tokens(line, |t| match counts.get_mut(t) {
                Some(c) => *c += 1,
                None => {
                    counts.insert(t.to_string(), 1);
                }
            })
        })?;
        Ok(counts)
    }

    /// `parts` byte ranges that together cover the file, each starting at a line start.
    pub fn split(&self, parts: usize) -> Result<Vec<(u64, u64)>> {
        let len = self.open()?.metadata().map_err(io(&self.path))?.len();
        let mut reader = BufReader::new(self.open()?);
        let mut starts = vec![0u64];
        for k in 1..parts {
            let target = len * k as u64 / parts as u64;
            reader.seek(SeekFrom::Start(target)).map_err(io(&self.path))?;
            let mut skip = Vec::new();
            let n = reader.read_until(b'\n', &mut skip).map_err(io(&self.path))?;
            starts.push((target + n as u64).max(*starts.last().unwrap_or(&0)).min(len));
        }
        starts.push(len);
        Ok(starts.windows(2).map(|w| (w[0], w[1])).collect())
    }

    /// Call `f` on each line that starts in `[start, end)`. Invalid UTF-8 is an error with its
    /// byte offset (and its line, counted from `start`).
    pub fn for_each_line(&self, start: u64, end: u64, mut f: impl FnMut(&str)) -> Result<()> {
        let mut file = self.open()?;
        file.seek(SeekFrom::Start(start)).map_err(io(&self.path))?;
        let reader = BufReader::with_capacity(1 << 20, file);
        let mut lines = Lines::new(reader, self.path.display().to_string()).starting_at(start);
        while lines.byte_offset() < end {
            match lines.next_line()? {
                // A byte-order mark at the start of the file is no word.
                Some(line) if line.offset == 0 => f(line.text.strip_prefix('\u{feff}').unwrap_or(line.text)),
                Some(line) => f(line.text),
                None => break,
            }
        }
        Ok(())
    }
}
