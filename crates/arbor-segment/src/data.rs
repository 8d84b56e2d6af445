//! Training text rebuilt from a treebank: each paragraph's sentences (their `# text`) joined by
//! a space, with a label for every character: inside a token or space ([`INSIDE`]), the last
//! character of a token ([`TOKEN_END`]) or of a sentence ([`SENTENCE_END`]); in a multiword
//! token, the last character of each of its words but the last when they spell it
//! ([`WORD_END`], `far|lo`), or its first character when they do not ([`MULTIWORD`], `del` =
//! `di il`), so that a model learns in context which tokens are multiword tokens.

use arbor_conllu::Sentence;

pub const INSIDE: i64 = 0;
pub const TOKEN_END: i64 = 1;
pub const SENTENCE_END: i64 = 2;
pub const WORD_END: i64 = 3;
pub const MULTIWORD: i64 = 4;
/// Labels of a model without the multiword-token labels (models trained before them).
pub const PLAIN_LABELS: i64 = 3;
/// Labels of a model with them.
pub const MULTIWORD_LABELS: i64 = 5;

/// A paragraph's characters and their labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paragraph {
    pub chars: Vec<char>,
    pub labels: Vec<i64>,
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// Label the characters of one sentence's text by aligning its tokens; `None` when a token's
/// form is not found where the text says it should be.
fn label_sentence(s: &Sentence) -> Option<(Vec<char>, Vec<i64>)> {
    let text: Vec<char> = s.meta("text")?.chars().collect();
    let mut labels = vec![INSIDE; text.len()];
    let mut pos = 0;
    let mut last_end = None;
    for tok in s.tokens() {
        let form: Vec<char> = tok.form().chars().collect();
        while pos < text.len() && text[pos].is_whitespace() {
            pos += 1;
        }
        if form.is_empty() || text.get(pos..pos + form.len())? != form.as_slice() {
            return None;
        }
        if let arbor_conllu::Token::Multiword { words, .. } = &tok {
            let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
            if forms.concat().chars().eq(form.iter().copied()) {
                let mut end = pos;
                for w in &forms[..forms.len().saturating_sub(1)] {
                    end += w.chars().count();
                    if end > pos {
                        labels[end - 1] = WORD_END;
                    }
                }
            } else if form.len() > 1 {
                labels[pos] = MULTIWORD;
            }
        }
        pos += form.len();
        labels[pos - 1] = TOKEN_END;
        last_end = Some(pos - 1);
    }
    labels[last_end?] = SENTENCE_END;
    Some((text, labels))
}

/// Paragraphs of a treebank (`# newdoc` and `# newpar` start one) and the number of sentences
/// left out because their tokens do not match their text.
pub fn paragraphs(sentences: &[Sentence]) -> (Vec<Paragraph>, usize) {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut skipped = 0;
    let mut current = Paragraph::default();
    for s in sentences {
        if (s.has_flag("newdoc")
            || s.has_flag("newpar")
            || s.meta("newdoc id").is_some()
            || s.meta("newpar id").is_some())
            && !current.chars.is_empty()
        {
            out.push(std::mem::take(&mut current));
        }
        match label_sentence(s) {
            Some((chars, labels)) => {
                if !current.chars.is_empty() {
                    current.chars.push(' ');
                    current.labels.push(INSIDE);
                }
                current.chars.extend(chars);
                current.labels.extend(labels);
            }
            None => skipped += 1,
        }
    }
    if !current.chars.is_empty() {
        out.push(current);
    }
    (out, skipped)
}

/// The raw text of a treebank as the tokenizer sees it: paragraphs separated by blank lines.
pub fn raw_text(paragraphs: &[Paragraph]) -> String {
    let texts: Vec<String> = paragraphs.iter().map(Paragraph::text).collect();
    texts.join("\n\n") + "\n"
}

/// A small category of a character, so that unknown characters still look like letters,
/// digits, spaces or punctuation: 0 padding, 1 lowercase, 2 uppercase, 3 digit, 4 space,
/// 5 line break, 6 punctuation, 7 other letter, 8 anything else.
pub fn char_class(c: char) -> i64 {
    match c {
        '\n' | '\r' => 5,
        _ if c.is_whitespace() => 4,
        _ if c.is_numeric() => 3,
        _ if c.is_lowercase() => 1,
        _ if c.is_uppercase() => 2,
        _ if c.is_alphabetic() => 7,
        _ if c.is_ascii_punctuation() || is_unicode_punctuation(c) => 6,
        _ => 8,
    }
}

fn is_unicode_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F | 0xFF01..=0xFF0F | 0x00A1..=0x00BF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_tokens_mark_their_inner_word_ends_or_their_first_character() {
        let row = |id: &str, form: &str, misc: &str| format!("{id}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n");
        let conllu = format!(
            "# text = del farlo\n{}{}{}{}{}{}{}\n",
            row("1-2", "del", "_"),
            row("1", "di", "_"),
            row("2", "il", "_"),
            row("3-4", "farlo", "_"),
            row("3", "far", "_"),
            row("4", "lo", "_"),
            "",
        );
        let sentences: Vec<Sentence> =
            arbor_conllu::Reader::new(conllu.as_bytes(), "t").collect::<Result<_, _>>().unwrap();
        let (paras, _) = paragraphs(&sentences);
        let labels: String = paras[0].labels.iter().map(|l| char::from(b'0' + *l as u8)).collect();
        assert_eq!(labels, "401000302");
    }

    #[test]
    fn labels_mark_token_and_sentence_ends() {
        let conllu = format!(
            "# newdoc\n# text = Hi there!\n1\tHi\t_\t_\t_\t_\t0\troot\t_\t_\n2\tthere\t_\t_\t_\t_\t1\tdep\t_\tSpaceAfter=No\n3\t!\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n{}",
            "# text = Go.\n1\tGo\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n"
        );
        let sentences: Vec<Sentence> =
            arbor_conllu::Reader::new(conllu.as_bytes(), "t").collect::<Result<_, _>>().unwrap();
        let (paras, skipped) = paragraphs(&sentences);
        assert_eq!((paras.len(), skipped), (1, 0));
        assert_eq!(paras[0].text(), "Hi there! Go.");
        let ends: String = paras[0].labels.iter().map(|l| char::from(b'0' + *l as u8)).collect();
        assert_eq!(ends, "0100000120012");
        assert_eq!(char_class('A'), 2);
        assert_eq!(char_class('。'), 6);
        assert_eq!(char_class('漢'), 7);
    }
}
