//! Tokenizing a stream: text read line by line from any input ([`arbor_core::Lines`]), cut into
//! the units a tokenizer works on — paragraphs (text between blank lines) for running text, lines
//! for one sentence a line — and tokenized group by group of units ([`crate::group`]), so
//! memory stays bounded and the first sentences come out before the input ends. Sentences are numbered through the whole stream
//! (`# sent_id`), the stream is one document (`# newdoc` once), and `TokenRange` offsets count
//! characters from the start of the input.

use std::io::BufRead;

use arbor_conllu::Sentence;
use arbor_core::{Ending, Lines};
use unicode_segmentation::UnicodeSegmentation;

use crate::group::{Numbering, UnitGroup, GROUP_BYTES};
use crate::rules::{InputMode, Tokenizer};

/// A paragraph that grows past this many bytes is handed on at the next line end.
pub const PARAGRAPH_LIMIT: usize = 64 * 1024;

/// A line longer than [`PARAGRAPH_LIMIT`] in pieces with the character offset of each: cut after
/// a whitespace grapheme once a piece has reached the limit, or, in a run of twice the limit
/// without whitespace, at a grapheme boundary (a token is then cut: no line of text has one
/// that long). Pieces never split a grapheme cluster.
pub fn cut_long_line(text: &str) -> Vec<(&str, usize)> {
    let mut pieces = Vec::new();
    let (mut start, mut start_char, mut chars) = (0usize, 0usize, 0usize);
    for (i, g) in text.grapheme_indices(true) {
        let end = i + g.len();
        chars += g.chars().count();
        let long = end - start;
        if (long >= PARAGRAPH_LIMIT && g.chars().all(char::is_whitespace)) || long >= 2 * PARAGRAPH_LIMIT {
            pieces.push((&text[start..end], start_char));
            (start, start_char) = (end, chars);
        }
    }
    if start < text.len() {
        pieces.push((&text[start..], start_char));
    }
    pieces
}

/// Call `f` on each unit of `mode` with the character offset of its start in the input:
/// paragraphs for [`InputMode::Raw`] (each line followed by `\n`), non-blank lines otherwise.
pub fn for_each_unit<R: BufRead, E: From<arbor_core::Error>>(
    mut lines: Lines<R>,
    mode: InputMode,
    mut f: impl FnMut(&str, usize) -> Result<(), E>,
) -> Result<(), E> {
    let mut para = String::new();
    let (mut base, mut chars) = (0usize, 0usize);
    let mut clean = String::new();
    while let Some(line) = lines.next_line()? {
        // A byte-order mark at the start is no text (its character still counts for offsets),
        // and control characters are spaces (UD forms hold none); both keep every offset.
        let (mut text, mut offset) = (line.text, chars);
        chars += text.chars().count() + line.ending.len();
        if line.number == 1 {
            if let Some(rest) = text.strip_prefix('\u{feff}') {
                (text, offset) = (rest, offset + 1);
            }
        }
        if text.contains(|c: char| c.is_control() && c != '\t') {
            clean.clear();
            clean.extend(text.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }));
            text = &clean;
        }
        let blank = text.trim().is_empty();
        if text.len() > PARAGRAPH_LIMIT {
            // One huge line: its pieces are units of their own (memory stays bounded).
            if !para.is_empty() {
                f(&para, base)?;
                para.clear();
            }
            for (piece, at) in cut_long_line(text) {
                if !piece.trim().is_empty() {
                    f(piece, offset + at)?;
                }
            }
            continue;
        }
        if mode != InputMode::Raw {
            if !blank {
                f(text, offset)?;
            }
            continue;
        }
        if (blank || para.len() > PARAGRAPH_LIMIT) && !para.is_empty() {
            f(&para, base)?;
            para.clear();
        }
        if !blank {
            if para.is_empty() {
                base = offset;
            }
            para.push_str(text);
            // The line's own ending, so that character offsets inside the paragraph stay true.
            para.push_str(if line.ending == Ending::CrLf { "\r\n" } else { "\n" });
        }
    }
    if !para.is_empty() {
        f(&para, base)?;
    }
    Ok(())
}

/// Call `f` with the units of `mode` gathered into groups of about `bytes` bytes (whole units;
/// the last group may be smaller), in input order.
pub fn for_each_group<R: BufRead, E: From<arbor_core::Error>>(
    lines: Lines<R>,
    mode: InputMode,
    bytes: usize,
    mut f: impl FnMut(UnitGroup) -> Result<(), E>,
) -> Result<(), E> {
    let mut group = UnitGroup::default();
    for_each_unit(lines, mode, |unit, offset| -> Result<(), E> {
        group.push(unit, offset);
        if group.bytes() >= bytes {
            f(std::mem::take(&mut group))?;
        }
        Ok(())
    })?;
    if group.is_empty() {
        return Ok(());
    }
    f(group)
}

/// Tokenize a whole input with `tokenizer` (in its own [`Tokenizer::mode`]), units gathered
/// into groups of about [`GROUP_BYTES`] for [`Tokenizer::tokenize_many`], calling `f` on each
/// sentence in order.
pub fn tokenize_stream<R: BufRead, E: From<arbor_core::Error>>(
    tokenizer: &dyn Tokenizer,
    lines: Lines<R>,
    mut f: impl FnMut(Sentence) -> Result<(), E>,
) -> Result<(), E> {
    let mut numbering = Numbering::default();
    for_each_group(lines, tokenizer.mode(), GROUP_BYTES, |group| {
        for mut s in group.tokenize(tokenizer) {
            numbering.number(&mut s);
            f(s)?;
        }
        Ok(())
    })
}

/// Each text on its own (a request of a service, a document of a batch): cut into units as
/// [`tokenize_stream`] cuts a whole input (errors named `name`), the units of all texts
/// tokenized in one [`Tokenizer::tokenize_many`] call, each text's sentences numbered from 1
/// with offsets into that text. A text whose units cannot be read gets its error alone.
pub fn tokenize_texts(
    texts: &[&str],
    name: &str,
    tokenizer: &dyn Tokenizer,
) -> Vec<Result<Vec<Sentence>, arbor_core::Error>> {
    let mut out = Vec::with_capacity(texts.len());
    let (mut read, mut groups) = (Vec::new(), Vec::new());
    for (i, text) in texts.iter().enumerate() {
        let mut group = UnitGroup::default();
        match for_each_unit(Lines::new(text.as_bytes(), name), tokenizer.mode(), |unit, offset| {
            group.push(unit, offset);
            Ok::<_, arbor_core::Error>(())
        }) {
            Ok(()) => {
                read.push(i);
                groups.push(group);
                out.push(Ok(Vec::new()));
            }
            Err(e) => out.push(Err(e)),
        }
    }
    for (i, mut sentences) in read.into_iter().zip(UnitGroup::tokenize_all(&groups, tokenizer)) {
        let mut numbering = Numbering::default();
        sentences.iter_mut().for_each(|s| numbering.number(s));
        out[i] = Ok(sentences);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lexicon, RuleTokenizer};

    fn units(text: &str, mode: InputMode) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for_each_unit(Lines::new(text.as_bytes(), "t"), mode, |u, o| {
            out.push((u.to_string(), o));
            Ok::<_, arbor_core::Error>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn paragraphs_and_lines_come_with_their_character_offsets() {
        let text = "Ünï one.\r\nstill one.\n\n\n  \nTwo.";
        assert_eq!(units(text, InputMode::Raw), [("Ünï one.\r\nstill one.\n".into(), 0), ("Two.\n".into(), 26)]);
        assert_eq!(
            units(text, InputMode::Presegmented),
            [("Ünï one.".into(), 0), ("still one.".into(), 10), ("Two.".into(), 26)]
        );
    }

    #[test]
    fn texts_are_tokenized_together_each_as_its_own_stream() {
        let t = RuleTokenizer::new(Lexicon::default());
        let texts = ["A b. C d.", "", "E don't.\n\nF g."];
        let got: Vec<Vec<Sentence>> = tokenize_texts(&texts, "t", &t).into_iter().map(Result::unwrap).collect();
        assert_eq!(got.len(), 3);
        for (text, sentences) in texts.iter().zip(&got) {
            let mut alone = Vec::new();
            tokenize_stream(&t, Lines::new(text.as_bytes(), "t"), |s| {
                alone.push(s);
                Ok::<_, arbor_core::Error>(())
            })
            .unwrap();
            assert_eq!(sentences, &alone, "{text:?}");
        }
        assert_eq!(got[2][1].meta("sent_id"), Some("2"));
    }

    #[test]
    fn a_stream_is_one_document_numbered_through_with_offsets_into_the_input() {
        let t = RuleTokenizer::new(Lexicon::default());
        let text = "A b. C d.\n\nE don't.\n";
        let mut got = Vec::new();
        tokenize_stream(&t, Lines::new(text.as_bytes(), "t"), |s| {
            got.push(s);
            Ok::<_, arbor_core::Error>(())
        })
        .unwrap();
        let whole = t.tokenize(text);
        assert_eq!(got, whole, "streamed and whole-text tokenization agree");
        assert_eq!(got.iter().filter(|s| s.has_flag("newdoc")).count(), 1);
        assert_eq!(got[2].meta("sent_id"), Some("3"));
        assert_eq!(got[2].multiwords[0].misc_value("TokenRange"), Some("13:18"));
        // CRLF line ends inside a paragraph count two characters (found by fuzzing).
        let mut got = Vec::new();
        tokenize_stream(&t, Lines::new("ab\rcd\r\nef\n".as_bytes(), "t"), |s| {
            got.push(s);
            Ok::<_, arbor_core::Error>(())
        })
        .unwrap();
        let ef = got.iter().flat_map(|s| &s.words).find(|w| w.form == "ef").unwrap();
        assert_eq!(ef.misc_value("TokenRange"), Some("7:9"));
    }

    #[test]
    fn a_byte_order_mark_and_control_characters_never_reach_a_form() {
        let t = RuleTokenizer::new(Lexicon::default());
        let mut got = Vec::new();
        let text = "\u{feff}Hello\u{0}world \u{7}x.\n";
        tokenize_stream(&t, Lines::new(text.as_bytes(), "t"), |s| {
            got.push(s);
            Ok::<_, arbor_core::Error>(())
        })
        .unwrap();
        let forms: Vec<&str> = got[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Hello", "world", "x", "."]);
        // Offsets still count the mark and the control characters: "world" is characters 7..12.
        assert_eq!(got[0].words[1].misc_value("TokenRange"), Some("7:12"));
    }

    #[test]
    fn a_long_paragraph_is_cut_at_a_line_end() {
        let line = "word ".repeat(1000);
        let text = format!("{line}\n").repeat(20);
        let got = units(&text, InputMode::Raw);
        assert!(got.len() > 1 && got.iter().all(|(u, _)| u.len() <= PARAGRAPH_LIMIT + line.len() + 1));
        assert_eq!(got.iter().map(|(u, _)| u.len()).sum::<usize>(), text.len());
    }

    #[test]
    fn a_huge_line_is_cut_at_whitespace_and_never_inside_a_grapheme() {
        let line = "Café e\u{301}t 👨‍👩‍👧‍👦. ".repeat(20_000);
        let pieces = cut_long_line(&line);
        assert!(pieces.len() > 4);
        let mut chars = 0;
        for (p, at) in &pieces {
            assert_eq!(*at, chars, "offsets count characters");
            chars += p.chars().count();
            assert!(p.len() < 2 * PARAGRAPH_LIMIT + 64 && p.ends_with(' ') || p.len() < PARAGRAPH_LIMIT);
        }
        assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), line);
        let solid = "e\u{301}".repeat(100_000);
        let pieces = cut_long_line(&solid);
        assert!(pieces.len() > 1 && pieces.iter().all(|(p, _)| p.starts_with('e') && p.ends_with('\u{301}')));
        // Through the stream: every unit is bounded, offsets point at the characters.
        let t = RuleTokenizer::new(Lexicon::default());
        let mut words = 0;
        let text = format!("{line}\n");
        let all: Vec<char> = text.chars().collect();
        tokenize_stream(&t, Lines::new(text.as_bytes(), "t"), |s| {
            for w in &s.words {
                if let Some((a, b)) = w.misc_value("TokenRange").and_then(|r| r.split_once(':')) {
                    let (a, b) = (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap());
                    assert_eq!(all[a..b].iter().collect::<String>(), w.form);
                }
            }
            words += s.words.len();
            Ok::<_, arbor_core::Error>(())
        })
        .unwrap();
        assert!(words >= 20_000 * 4, "{words}");
    }
}
