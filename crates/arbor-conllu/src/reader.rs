//! A streaming CoNLL-U reader. It enforces the format rules (level 1 of the UD validator) and
//! reports each problem as `source:line: problem`. After an error it skips to the next blank
//! line, so a caller that keeps iterating sees every bad sentence of a file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use arbor_core::{Ending, Lines};
use unicode_normalization::is_nfc;

use crate::error::{Error, Location, Result};
use crate::fields::{check_columns, parse_id, parse_number, Id};
use crate::sentence::{Comment, EmptyNode, Multiword, Sentence, Word};

/// Reads sentences from any buffered input. `source` names the input in error messages.
pub struct Reader<R> {
    lines: Lines<R>,
    source: String,
    eof: bool,
    /// The last line read was empty: the reader stands between sentences.
    at_boundary: bool,
    /// Line of the first word, range or empty node of the last sentence read.
    sentence_line: usize,
    /// Accept leading, trailing and repeated whitespace in FORM, LEMMA and MISC.
    lenient: bool,
    /// Require `_` in the columns UD leaves empty on multiword tokens and empty nodes.
    ud_columns: bool,
}

/// Read every sentence of a file, stopping at the first error.
pub fn read_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = File::open(path).map_err(|error| Error::Io { source_name: name.clone(), error })?;
    Reader::new(BufReader::with_capacity(1 << 16, file), name).collect()
}

enum Line {
    Eof,
    Blank,
    Text(String),
}

/// The sentence being assembled and the line its first token line was on.
struct Builder {
    sentence: Sentence,
    start_line: usize,
    /// A multiword range whose first word has not been read yet.
    open_range: bool,
    /// Ranges waiting for their last word, with the line they were on.
    range_lines: Vec<(usize, usize)>,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R, source: impl Into<String>) -> Self {
        let source = source.into();
        Reader {
            lines: Lines::new(input, source.clone()),
            source,
            eof: false,
            at_boundary: true,
            sentence_line: 0,
            lenient: false,
            ud_columns: true,
        }
    }

    /// Check only the CoNLL-U backbone (level 1 of the UD validator): multiword-token lines may
    /// then carry values in LEMMA to DEPS and empty nodes in HEAD and DEPREL, which UD forbids
    /// (level 2). Those values are not kept: a multiword token stores FORM, FEATS and MISC.
    pub fn format_only(mut self) -> Self {
        self.ud_columns = false;
        self
    }

    /// Accept leading, trailing and repeated whitespace inside FORM, LEMMA and MISC, which the
    /// UD validator rejects but the official evaluator reads (UDPipe 1 writes `SpacesAfter= `).
    /// Everything else is checked as before; the text of such a column is kept as it is.
    pub fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }

    /// The 1-based number of the last line read.
    pub fn line(&self) -> usize {
        self.lines.line_number()
    }

    /// The line of the first word (or range, or empty node) of the sentence last returned.
    pub fn sentence_line(&self) -> usize {
        self.sentence_line
    }

    fn error(&self, line: usize, problem: impl Into<String>) -> Error {
        Error::Format { at: Location { source: self.source.clone(), line }, problem: problem.into() }
    }

    fn next_line(&mut self) -> Result<Line> {
        let line = match self.lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => return Ok(Line::Eof),
            Err(arbor_core::Error::Utf8 { line, byte_offset, .. }) => {
                self.at_boundary = false;
                return Err(Error::Utf8 { at: Location { source: self.source.clone(), line }, byte_offset });
            }
            Err(arbor_core::Error::Io { error, .. }) => {
                return Err(Error::Io { source_name: self.source.clone(), error })
            }
            Err(e) => return Err(Error::Io { source_name: self.source.clone(), error: std::io::Error::other(e) }),
        };
        self.at_boundary = false;
        let (text, ending) = (line.text, line.ending);
        let line_no = line.number;
        if ending == Ending::None {
            self.eof = true;
            return Err(self.error(line_no, "the file does not end with a newline"));
        }
        if ending == Ending::CrLf {
            return Err(
                self.error(line_no, "carriage return at the end of the line (CoNLL-U needs LF line ends, not CRLF)")
            );
        }
        if text.is_empty() {
            self.at_boundary = true;
            return Ok(Line::Blank);
        }
        let problem = if line_no == 1 && text.starts_with('\u{feff}') {
            Some("byte-order mark at the start of the file".to_string())
        } else if text.chars().all(char::is_whitespace) {
            Some("a line of only whitespace (a sentence ends with an empty line)".to_string())
        } else if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\t') {
            Some(format!("control character U+{:04X} in the line", c as u32))
        } else if !text.is_ascii() && !is_nfc(text) {
            Some("text is not in Unicode normalization form NFC".to_string())
        } else {
            None
        };
        match problem {
            Some(p) => Err(self.error(line_no, p)),
            None => Ok(Line::Text(text.to_string())),
        }
    }

    /// Skip to the line after the next blank line (or to the end) after an error.
    fn resync(&mut self) {
        while !self.eof && !self.at_boundary {
            match self.next_line() {
                Ok(Line::Blank) => {}
                Ok(Line::Eof) => self.eof = true,
                Ok(Line::Text(_)) | Err(_) => {}
            }
        }
    }

    fn read_sentence(&mut self) -> Result<Option<Sentence>> {
        let mut b =
            Builder { sentence: Sentence::default(), start_line: 0, open_range: false, range_lines: Vec::new() };
        let mut first_comment_line = 0;
        loop {
            match self.next_line()? {
                Line::Eof => {
                    self.eof = true;
                    if b.start_line > 0 {
                        return Err(self.error(
                            self.lines.line_number(),
                            "the file does not end with an empty line after the last sentence",
                        ));
                    }
                    if first_comment_line > 0 {
                        return Err(self.error(first_comment_line, "comment lines not followed by a sentence"));
                    }
                    return Ok(None);
                }
                Line::Blank if b.start_line == 0 => {
                    let problem = if first_comment_line > 0 {
                        "a sentence without words (comments followed by an empty line)"
                    } else {
                        "unexpected empty line: sentences are separated by exactly one empty line"
                    };
                    return Err(self.error(self.lines.line_number(), problem));
                }
                Line::Blank => return self.finish(b).map(Some),
                Line::Text(t) if t.starts_with('#') => {
                    if b.start_line > 0 {
                        return Err(self.error(
                            self.lines.line_number(),
                            "comment line inside a sentence (comments go before the first word)",
                        ));
                    }
                    if first_comment_line == 0 {
                        first_comment_line = self.lines.line_number();
                    }
                    b.sentence.comments.push(Comment(t[1..].to_string()));
                }
                Line::Text(t) => {
                    if b.start_line == 0 {
                        b.start_line = self.lines.line_number();
                        self.sentence_line = self.lines.line_number();
                    }
                    self.token_line(&mut b, &t).map_err(|p| self.error(self.lines.line_number(), p))?;
                }
            }
        }
    }

    fn token_line(&self, b: &mut Builder, line: &str) -> std::result::Result<(), String> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("expected 10 tab-separated columns, found {}", cols.len()));
        }
        let id = parse_id(cols[0])?;
        check_columns(&cols, matches!(id, Id::Range(..)), self.lenient)?;
        let s = &mut b.sentence;
        let next = s.words.len() + 1;
        let string = |i: usize| cols[i].to_string();
        match id {
            Id::Word(n) => {
                if n != next {
                    return Err(format!("word ID {n} out of sequence: expected {next}"));
                }
                let head = match cols[6] {
                    "_" => None,
                    h => Some(
                        parse_number(h, true).ok_or_else(|| format!("invalid HEAD '{h}': expected a word ID or 0"))?,
                    ),
                };
                s.words.push(Word {
                    form: string(1),
                    lemma: string(2),
                    upos: string(3),
                    xpos: string(4),
                    feats: string(5),
                    head,
                    deprel: string(7),
                    deps: string(8),
                    misc: string(9),
                });
                b.open_range = false;
                b.range_lines.retain(|&(last, _)| last > n);
            }
            Id::Range(first, last) => {
                if first != next {
                    return Err(format!(
                        "multiword range {first}-{last} is not right before word {first} (the next word is {next})"
                    ));
                }
                if b.open_range || !b.range_lines.is_empty() {
                    return Err(format!("multiword range {first}-{last} overlaps the range before it"));
                }
                for (i, name) in [(2, "LEMMA"), (3, "UPOS"), (4, "XPOS"), (6, "HEAD"), (7, "DEPREL"), (8, "DEPS")] {
                    if cols[i] != "_" && self.ud_columns {
                        return Err(format!(
                            "multiword token {first}-{last} must have '_' in {name}, found '{}'",
                            cols[i]
                        ));
                    }
                }
                if cols[5] != "_" && cols[5] != "Typo=Yes" && self.ud_columns {
                    return Err(format!("multiword token {first}-{last} may have only '_' or 'Typo=Yes' in FEATS"));
                }
                s.multiwords.push(Multiword { first, last, form: string(1), feats: string(5), misc: string(9) });
                b.open_range = true;
                b.range_lines.push((last, self.lines.line_number()));
            }
            Id::Empty(after, index) => {
                if after != next - 1 || b.open_range {
                    return Err(format!("empty node {after}.{index} must come right after word {after}"));
                }
                let expected = 1 + s.empty_nodes.iter().filter(|e| e.after == after).count();
                if index != expected {
                    return Err(format!("empty node {after}.{index} out of sequence: expected {after}.{expected}"));
                }
                if (cols[6] != "_" || cols[7] != "_") && self.ud_columns {
                    return Err(format!("empty node {after}.{index} must have '_' in HEAD and DEPREL"));
                }
                s.empty_nodes.push(EmptyNode {
                    after,
                    index,
                    form: string(1),
                    lemma: string(2),
                    upos: string(3),
                    xpos: string(4),
                    feats: string(5),
                    deps: string(8),
                    misc: string(9),
                });
            }
        }
        Ok(())
    }

    fn finish(&self, b: Builder) -> Result<Sentence> {
        let n = b.sentence.words.len();
        if n == 0 {
            return Err(self.error(b.start_line, "a sentence without words (only multiword ranges or empty nodes)"));
        }
        if let Some(&(last, line)) = b.range_lines.first() {
            return Err(self.error(line, format!("multiword range ends at word {last}, beyond the last word {n}")));
        }
        Ok(b.sentence)
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.eof {
            return None;
        }
        match self.read_sentence() {
            Ok(s) => s.map(Ok),
            Err(e) => {
                if !matches!(e, Error::Io { .. }) {
                    self.resync();
                } else {
                    self.eof = true;
                }
                Some(Err(e))
            }
        }
    }
}
