//! Surface tokens of a paragraph: whitespace chunks, URLs and e-mail addresses kept whole,
//! everything else cut at Unicode word boundaries (UAX #29) and glued back where the lexicon
//! knows the longer token (`e.g.`, `U.S.`, `non-stop`), where letters and dots form an
//! abbreviation (`U.S.`, `J.`), and for runs of the same punctuation (`...`, `!!`, `--`).

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::Lexicon;

/// Byte range of a token within the paragraph.
pub(crate) type Span = (usize, usize);

const OPENING: &[char] = &['(', '[', '{', '"', '\'', '«', '“', '‘', '<'];
const CLOSING: &[char] = &[')', ']', '}', '"', '\'', '»', '”', '’', '>', '.', ',', ';', ':', '!', '?'];

fn is_url_or_email(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || chunk
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.'))
}

/// Split a whitespace chunk (at byte offset `base`) into token spans.
fn chunk_tokens(chunk: &str, base: usize, lex: &Lexicon, out: &mut Vec<Span>) {
    if lex.tokens.contains(&chunk.to_lowercase()) {
        out.push((base, base + chunk.len()));
        return;
    }
    if is_url_or_email(chunk) {
        // Peel brackets and quotes off the front and punctuation off the end.
        let start = chunk.len() - chunk.trim_start_matches(OPENING).len();
        let body_end = chunk.trim_end_matches(CLOSING).len().max(start + 1);
        for (i, c) in chunk[..start].char_indices() {
            out.push((base + i, base + i + c.len_utf8()));
        }
        out.push((base + start, base + body_end));
        for (i, c) in chunk[body_end..].char_indices() {
            out.push((base + body_end + i, base + body_end + i + c.len_utf8()));
        }
        return;
    }
    let segs: Vec<(usize, &str)> = chunk.split_word_bound_indices().collect();
    let mut i = 0;
    while i < segs.len() {
        let start = segs[i].0;
        let end_of = |j: usize| segs[j].0 + segs[j].1.len();
        // The longest run of segments that the lexicon knows as one token.
        let mut j = (i + 8).min(segs.len()) - 1;
        while j > i && !lex.tokens.contains(&chunk[start..end_of(j)].to_lowercase()) {
            j -= 1;
        }
        if j == i {
            let seg = segs[i].1;
            let next = segs.get(i + 1).map(|s| s.1);
            let is_abbrev = |s: &str| {
                // Letters separated by dots (U.S, e.g) or one capital letter (J).
                let letters = s.chars().all(|c| c.is_alphabetic() || c == '.') && s.chars().any(char::is_alphabetic);
                let shape = s.contains('.') || (s.chars().count() == 1 && s.chars().all(char::is_uppercase));
                letters && (shape || lex.not_final.contains(&format!("{}.", s.to_lowercase())))
            };
            if next == Some(".") && is_abbrev(seg) {
                j = i + 1;
            } else if let Some(c) = seg.chars().next().filter(|c| seg.chars().count() == 1 && ".!?-*=_~".contains(*c)) {
                while j + 1 < segs.len()
                    && segs[j + 1].1.chars().all(|d| d == c || (c != '-' && ".!?".contains(d) && ".!?".contains(c)))
                {
                    j += 1;
                }
            }
        }
        out.push((base + start, base + end_of(j)));
        i = j + 1;
    }
}

/// Byte spans of the runs of characters between separators (`is_separator`).
pub(crate) fn chunks(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_separator(c), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Token spans of `paragraph` (byte offsets into it).
pub(crate) fn pretokenize(paragraph: &str, lex: &Lexicon) -> Vec<Span> {
    let mut out = Vec::new();
    for (s, e) in chunks(paragraph, |c| c.is_whitespace() || c.is_control()) {
        chunk_tokens(&paragraph[s..e], s, lex, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, lex: &Lexicon) -> Vec<String> {
        pretokenize(text, lex).into_iter().map(|(a, b)| text[a..b].to_string()).collect()
    }

    #[test]
    fn punctuation_numbers_urls_and_abbreviations() {
        let lex = Lexicon::default();
        assert_eq!(toks("Hello, world... (really)!", &lex), ["Hello", ",", "world", "...", "(", "really", ")", "!"]);
        assert_eq!(toks("It costs $1,000.50 today.", &lex), ["It", "costs", "$", "1,000.50", "today", "."]);
        assert_eq!(toks("See https://example.org/a-b?x=1.", &lex), ["See", "https://example.org/a-b?x=1", "."]);
        assert_eq!(toks("(mail bob@example.com)", &lex), ["(", "mail", "bob@example.com", ")"]);
        assert_eq!(toks("The U.S. and J. Smith", &lex), ["The", "U.S.", "and", "J.", "Smith"]);
        assert_eq!(toks("well-known", &lex), ["well", "-", "known"]);
        let mut lex = Lexicon::default();
        lex.tokens.insert("well-known".into());
        lex.tokens.insert(":)".into());
        assert_eq!(toks("a well-known :)", &lex), ["a", "well-known", ":)"]);
    }

    #[test]
    fn cjk_emoji_and_right_to_left_text_do_not_break() {
        let lex = Lexicon::default();
        let text = "東京に行きました。 👩‍👩‍👧 مرحبا بالعالم";
        let spans = pretokenize(text, &lex);
        assert!(spans.iter().all(|&(a, b)| a < b && text.is_char_boundary(a) && text.is_char_boundary(b)));
        assert!(toks(text, &lex).contains(&"👩‍👩‍👧".to_string()));
        assert!(toks(text, &lex).contains(&"مرحبا".to_string()));
    }
}
