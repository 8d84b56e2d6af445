//! Writes sentences as CoNLL-U in the canonical line order: comments, then for each word its
//! multiword range (if one starts there) and the word, then the empty nodes that follow it.

use std::io::Write;

use crate::error::{Error, Result};
use crate::sentence::{EmptyNode, Multiword, Sentence, Word};

/// A CoNLL-U writer over any `Write`. Call [`Writer::flush`] (or drop the writer) when done.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out }
    }

    /// Write one sentence followed by its empty line.
    pub fn write(&mut self, sentence: &Sentence) -> Result<()> {
        self.write_sentence(sentence).map_err(|error| Error::Io { source_name: "output".into(), error })
    }

    /// Write several sentences.
    pub fn write_all<'a>(&mut self, sentences: impl IntoIterator<Item = &'a Sentence>) -> Result<()> {
        sentences.into_iter().try_for_each(|s| self.write(s))?;
        self.flush()
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|error| Error::Io { source_name: "output".into(), error })
    }

    /// The inner writer.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn write_sentence(&mut self, s: &Sentence) -> std::io::Result<()> {
        let out = &mut self.out;
        for c in &s.comments {
            writeln!(out, "#{}", c.0)?;
        }
        let mut ranges = s.multiwords.iter().peekable();
        let mut empties = s.empty_nodes.iter().peekable();
        while let Some(e) = empties.next_if(|e| e.after == 0) {
            write_empty(out, e)?;
        }
        for (i, w) in s.words.iter().enumerate() {
            let id = i + 1;
            while let Some(m) = ranges.next_if(|m| m.first == id) {
                write_range(out, m)?;
            }
            write_word(out, id, w)?;
            while let Some(e) = empties.next_if(|e| e.after == id) {
                write_empty(out, e)?;
            }
        }
        writeln!(out)
    }
}

fn write_word(out: &mut impl Write, id: usize, w: &Word) -> std::io::Result<()> {
    write!(out, "{id}\t{}\t{}\t{}\t{}\t{}\t", w.form, w.lemma, w.upos, w.xpos, w.feats)?;
    match w.head {
        Some(h) => write!(out, "{h}")?,
        None => out.write_all(b"_")?,
    }
    writeln!(out, "\t{}\t{}\t{}", w.deprel, w.deps, w.misc)
}

fn write_range(out: &mut impl Write, m: &Multiword) -> std::io::Result<()> {
    writeln!(out, "{}-{}\t{}\t_\t_\t_\t{}\t_\t_\t_\t{}", m.first, m.last, m.form, m.feats, m.misc)
}

fn write_empty(out: &mut impl Write, e: &EmptyNode) -> std::io::Result<()> {
    writeln!(
        out,
        "{}.{}\t{}\t{}\t{}\t{}\t{}\t_\t_\t{}\t{}",
        e.after, e.index, e.form, e.lemma, e.upos, e.xpos, e.feats, e.deps, e.misc
    )
}

impl std::fmt::Display for Sentence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut w = Writer::new(Vec::new());
        w.write(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&String::from_utf8_lossy(&w.into_inner()))
    }
}
