//! What a run trains on: a corpus file streamed from disk, or sentences held in memory as word
//! ids. Either way a backend sees sentences as in-vocabulary word ids, part by part.

use crate::corpus::Corpus;
use crate::error::Result;
use crate::vocab::Vocab;

pub(crate) enum Source<'a> {
    File(&'a Corpus),
    Memory(&'a [Vec<u32>]),
}

impl Source<'_> {
    /// In-vocabulary words of one pass.
    pub fn words(&self, vocab: &Vocab) -> u64 {
        match self {
            Source::File(_) => vocab.total(),
            Source::Memory(s) => s.iter().map(|x| x.len() as u64).sum(),
        }
    }

    /// `n` parts that together cover the source (byte ranges of a file, sentence ranges in memory).
    pub fn parts(&self, n: usize) -> Result<Vec<(u64, u64)>> {
        match self {
            Source::File(c) => c.split(n),
            Source::Memory(s) => {
                Ok((0..n).map(|t| ((s.len() * t / n) as u64, (s.len() * (t + 1) / n) as u64)).collect())
            }
        }
    }

    /// Call `f` on the in-vocabulary word ids of each sentence (line) of a part.
    pub fn for_each_sentence(&self, vocab: &Vocab, (start, end): (u64, u64), mut f: impl FnMut(&[u32])) -> Result<()> {
        match self {
            Source::File(corpus) => {
                let mut ids = Vec::new();
                corpus.for_each_line(start, end, |line| {
                    ids.clear();
                    corpus.tokenization.tokens(line, |tok| ids.extend(vocab.id(tok)));
                    f(&ids);
                })
            }
            Source::Memory(all) => {
                all[start as usize..end as usize].iter().for_each(|s| f(s));
                Ok(())
            }
        }
    }
}
