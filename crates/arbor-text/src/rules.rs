//! The rule-based tokenizer: paragraphs (blank lines), surface tokens (see `pretokenize`),
//! sentence boundaries (UAX #29, minus those after abbreviations that rarely end a sentence),
//! multiword tokens (learned splits, then English rules for contractions and possessives),
//! and CoNLL-U sentences with `SpaceAfter=No` and `TokenRange=start:end` (character offsets).

use arbor_conllu::{Comment, Multiword, Sentence, Word};
use unicode_segmentation::UnicodeSegmentation;

use crate::expand::Expand;
use crate::lexicon::Lexicon;
use crate::pretokenize::{chunks, pretokenize, Span};

/// A sentence of running text is cut after this many tokens even without a sentence end, so
/// that text without punctuation (or hostile input) never makes a sentence the parser cannot
/// take (`arbor_parser::MAX_WORDS` is 5,000 words; a token is at most a few words). UD EWT's
/// longest sentence has 159 words.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// Text in, CoNLL-U sentences out.
pub trait Tokenizer: Send + Sync {
    /// Tokenize a whole text. Sentences are numbered from 1 (`# sent_id`), carry `# text`,
    /// and `# newpar` where a paragraph (text between blank lines) begins.
    fn tokenize(&self, text: &str) -> Vec<Sentence>;
    /// Tokenize several texts, one result per text as [`Tokenizer::tokenize`] gives it. A
    /// trained tokenizer runs its model over all of them at once (far faster than one by one).
    fn tokenize_many(&self, texts: &[&str]) -> Vec<Vec<Sentence>> {
        texts.iter().map(|t| self.tokenize(t)).collect()
    }
    /// The input layout this tokenizer expects.
    fn mode(&self) -> InputMode;
}

pub struct RuleTokenizer {
    lexicon: Lexicon,
    mode: InputMode,
    /// Whether the English contraction rules (`n't`, `'s`, ...) split unknown tokens.
    english: bool,
    /// The words of multiword tokens a segmenter found that neither the lexicon nor the rules
    /// know (see [`MwtDecision::Yes`]).
    expander: Option<Box<dyn Expand>>,
}

/// How the input is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputMode {
    /// Running text: paragraphs between blank lines, sentences found by the tokenizer.
    #[default]
    Raw,
    /// One sentence a line, to be tokenized.
    Presegmented,
    /// One sentence a line, tokens separated by whitespace (multiword tokens still split).
    Pretokenized,
}

const CONTRACTIONS: [&str; 6] = ["'s", "'re", "'ve", "'ll", "'d", "'m"];

impl RuleTokenizer {
    pub fn new(lexicon: Lexicon) -> RuleTokenizer {
        // The English contraction rules apply where the lexicon has such splits too, or has no
        // multiword tokens at all (no lexicon: English); not to Italian's "King's".
        let english = lexicon.mwt.is_empty()
            || lexicon.mwt.values().any(|w| w.len() == 2 && (w[1] == "n't" || CONTRACTIONS.contains(&w[1].as_str())));
        RuleTokenizer { lexicon, mode: InputMode::Raw, english, expander: None }
    }

    /// The same tokenizer, asking `expander` for the words of multiword tokens that a segmenter
    /// found and that neither the lexicon nor the rules know.
    pub fn with_expander(self, expander: Box<dyn Expand>) -> RuleTokenizer {
        RuleTokenizer { expander: Some(expander), ..self }
    }

    pub fn has_expander(&self) -> bool {
        self.expander.is_some()
    }

    /// The rule tokenizer of a model directory written by `arbor tokenizer train --rules`.
    pub fn load(dir: impl AsRef<std::path::Path>) -> crate::Result<RuleTokenizer> {
        Ok(RuleTokenizer::new(Lexicon::load(dir)?))
    }

    /// The same tokenizer for another input layout.
    pub fn with_mode(self, mode: InputMode) -> RuleTokenizer {
        RuleTokenizer { mode, ..self }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The words of a token when it is a multiword token. Words that spell the token
    /// (`don't` → `do n't`) are cut out of it, keeping its case; others come from the lexicon
    /// (`del` → `di il`, `au` → `à le`) with the token's case carried over: a capital first
    /// letter to the first word, all capitals to every word.
    fn split(&self, token: &str) -> Option<Vec<String>> {
        let lower = token.to_lowercase();
        let same_length = lower.chars().count() == token.chars().count();
        if let Some(parts) = self.lexicon.mwt.get(&lower) {
            return Some(lexicon_words(token, &lower, parts));
        }
        if !same_length || !self.english {
            return None;
        }
        let n = lower.chars().count();
        let norm = lower.replace('’', "'");
        let stem_ok = |k: usize| k > 0 && norm.chars().take(k).all(char::is_alphabetic);
        if norm.ends_with("n't") && stem_ok(n - 3) {
            return Some(cut(token, [n - 3, 3]));
        }
        if norm == "cannot" {
            return Some(cut(token, [3, 3]));
        }
        CONTRACTIONS
            .iter()
            .find(|c| norm.ends_with(*c) && stem_ok(n - c.len()))
            .map(|c| cut(token, [n - c.len(), c.len()]))
    }

    /// The words of a token a segmenter called a multiword token: the lexicon's, else the token
    /// cut at `cuts` (characters from its start), else what [`RuleTokenizer::split`] makes of it,
    /// else the expander's words.
    fn split_at(&self, token: &str, cuts: &[usize]) -> Option<Vec<String>> {
        let n = token.chars().count();
        let lower = token.to_lowercase();
        if let Some(parts) = self.lexicon.mwt_in_context.get(&lower) {
            return Some(lexicon_words(token, &lower, parts));
        }
        if self.lexicon.mwt.contains_key(&lower) || cuts.is_empty() {
            return self.split(token).or_else(|| {
                let parts = self.expander.as_ref()?.expand(&lower)?;
                let words = lexicon_words(token, &lower, &parts);
                (words.len() > 1 && words.iter().all(|w| !w.trim().is_empty())).then_some(words)
            });
        }
        let mut lengths = Vec::new();
        let mut last = 0;
        for &c in cuts.iter().filter(|&&c| c > 0 && c < n) {
            if c > last {
                lengths.push(c - last);
                last = c;
            }
        }
        lengths.push(n - last);
        Some(cut(token, lengths))
    }

    /// Surface-token spans of one paragraph (or line) in this tokenizer's input mode.
    fn token_spans(&self, para: &str) -> Vec<Span> {
        match self.mode {
            InputMode::Pretokenized => chunks(para, char::is_whitespace),
            _ => pretokenize(para, &self.lexicon),
        }
    }

    /// Call `f` on each syntactic word of `text` (multiword tokens split), without building
    /// sentences: for consumers that need only the words (Word2Vec on raw text).
    pub fn for_each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        for (a, b) in self.token_spans(text) {
            let form = &text[a..b];
            match self.split(form) {
                Some(words) if words.len() > 1 => words.iter().for_each(|w| f(w)),
                _ => f(form),
            }
        }
    }

    fn sentence_starts(&self, para: &str, spans: &[Span]) -> Vec<bool> {
        if self.mode != InputMode::Raw {
            return vec![false; spans.len()];
        }
        let starts: std::collections::HashSet<usize> = para.split_sentence_bound_indices().map(|(i, _)| i).collect();
        let mut out = vec![false; spans.len()];
        for k in 1..spans.len() {
            let prev = para[spans[k - 1].0..spans[k - 1].1].to_lowercase();
            let prev_is_initial = prev.chars().count() == 2 && prev.ends_with('.');
            out[k] = starts.contains(&spans[k].0) && !self.lexicon.not_final.contains(&prev) && !prev_is_initial;
        }
        out
    }
}

/// The lexicon's words for `token` (`lower` is it lowercased): cut out of the token when they
/// spell it (its case kept), else the lexicon's words with the token's case carried over.
fn lexicon_words(token: &str, lower: &str, parts: &[String]) -> Vec<String> {
    if parts.concat() == lower && lower.chars().count() == token.chars().count() {
        cut(token, parts.iter().map(|p| p.chars().count()))
    } else {
        carry_case(token, parts)
    }
}

/// `token` cut into pieces of these character lengths (the last piece takes the rest).
fn cut(token: &str, lengths: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut chars = token.chars();
    let mut out: Vec<String> = lengths.into_iter().map(|n| chars.by_ref().take(n).collect()).collect();
    if let Some(last) = out.last_mut() {
        last.extend(chars);
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Lowercased lexicon words with the case of `token`: all capitals (`DEL` → `DI IL`), or a
/// capital first letter on the first word (`Del` → `Di il`), or as they are.
fn carry_case(token: &str, words: &[String]) -> Vec<String> {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_upper {
        return words.iter().map(|w| w.to_uppercase()).collect();
    }
    let mut out = words.to_vec();
    if token.chars().next().is_some_and(char::is_uppercase) {
        if let Some(first) = out.first_mut() {
            let mut c = first.chars();
            *first = c.next().map(|x| x.to_uppercase().chain(c).collect()).unwrap_or_default();
        }
    }
    out
}

/// Character offset of each byte position asked for, in increasing order.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl CharOffsets<'_> {
    fn at(&mut self, byte: usize) -> usize {
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut pos) = (None, 0);
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push((s, pos));
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Non-blank lines as byte ranges.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push((pos, pos + line.trim_end_matches(['\n', '\r']).len()));
        }
        pos += line.len();
    }
    out
}

/// Token spans (byte ranges) of one paragraph and, for each token, whether it starts a
/// sentence and what a segmenter decided about it being a multiword token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub spans: Vec<(usize, usize)>,
    pub starts: Vec<bool>,
    /// Per token (or empty: no decisions): `None` leaves the lexicon and rules to decide.
    pub multiword: Vec<Option<MwtDecision>>,
}

/// A segmenter's decision, in context, about one token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MwtDecision {
    /// One word, whatever the lexicon says (`dei` the noun, not `di i`).
    No,
    /// Several words: the lexicon's when it knows the token, else the token cut after these
    /// characters (counted from its start; `farlo` cut after 3 is `far lo`).
    Yes { cuts: Vec<usize> },
}

impl RuleTokenizer {
    /// The byte ranges of `text` that [`RuleTokenizer::tokenize_with`] segments one by one:
    /// paragraphs in [`InputMode::Raw`], non-blank lines otherwise.
    pub fn units(&self, text: &str) -> Vec<(usize, usize)> {
        match self.mode {
            InputMode::Raw => paragraphs(text),
            _ => lines(text),
        }
    }

    /// This tokenizer's own segmentation of a paragraph (or line, outside [`InputMode::Raw`]).
    pub fn segment(&self, para: &str) -> Segmentation {
        let spans = self.token_spans(para);
        let starts = self.sentence_starts(para, &spans);
        Segmentation { spans, starts, multiword: Vec::new() }
    }

    /// Tokenize with another segmenter (e.g. a trained one) for tokens and sentence
    /// boundaries; paragraphs, multiword-token splits, `# text`, `SpaceAfter=No` and
    /// `TokenRange` as [`Tokenizer::tokenize`]. Spans must be increasing and inside the paragraph.
    pub fn tokenize_with(&self, text: &str, segment: &dyn Fn(&str) -> Segmentation) -> Vec<Sentence> {
        let mut out: Vec<Sentence> = Vec::new();
        let mut offsets = CharOffsets { text, byte: 0, chars: 0 };
        for (pstart, pend) in self.units(text) {
            let para = &text[pstart..pend];
            let Segmentation { spans, starts, multiword } = segment(para);
            let mut first_of_paragraph = true;
            let mut k = 0;
            while k < spans.len() {
                let mut end = k + 1;
                while end < spans.len() && !starts[end] && end - k < MAX_SENTENCE_TOKENS {
                    end += 1;
                }
                let mut s = Sentence::default();
                if out.is_empty() {
                    s.comments.push(Comment(" newdoc".into()));
                }
                if first_of_paragraph {
                    s.comments.push(Comment(" newpar".into()));
                    first_of_paragraph = false;
                }
                s.set_meta("sent_id", &(out.len() + 1).to_string());
                let sent_text = para[spans[k].0..spans[end - 1].1].replace(['\n', '\r', '\t'], " ");
                s.set_meta("text", &sent_text);
                for t in k..end {
                    let (a, b) = spans[t];
                    let form = &para[a..b];
                    let (ca, cb) = (offsets.at(pstart + a), offsets.at(pstart + b));
                    let space_after = if spans.get(t + 1).is_some_and(|n| n.0 == b) { "SpaceAfter=No|" } else { "" };
                    let misc = format!("{space_after}TokenRange={ca}:{cb}");
                    let words = match multiword.get(t).and_then(Option::as_ref) {
                        None => self.split(form),
                        Some(MwtDecision::No) => None,
                        Some(MwtDecision::Yes { cuts }) => self.split_at(form, cuts),
                    };
                    match words {
                        Some(words) if words.len() > 1 => {
                            let first = s.words.len() + 1;
                            s.words.extend(words.into_iter().map(Word::new));
                            s.multiwords.push(Multiword {
                                first,
                                last: s.words.len(),
                                form: form.into(),
                                feats: "_".into(),
                                misc,
                            });
                        }
                        _ => s.words.push(Word { misc, ..Word::new(form) }),
                    }
                }
                out.push(s);
                k = end;
            }
        }
        out
    }
}

impl Tokenizer for RuleTokenizer {
    fn tokenize(&self, text: &str) -> Vec<Sentence> {
        self.tokenize_with(text, &|para| self.segment(para))
    }

    fn mode(&self) -> InputMode {
        self.mode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(s: &Sentence) -> Vec<&str> {
        s.words.iter().map(|w| w.form.as_str()).collect()
    }

    #[test]
    fn contractions_possessives_and_cannot_become_multiword_tokens() {
        let t = RuleTokenizer::new(Lexicon::default());
        let s = &t.tokenize("I'm sure it's John's and we cannot stop.")[0];
        assert_eq!(forms(s), ["I", "'m", "sure", "it", "'s", "John", "'s", "and", "we", "can", "not", "stop", "."]);
        assert_eq!(s.multiwords.len(), 4);
        assert!(s.multiwords.iter().all(|m| m.last == m.first + 1));
    }

    #[test]
    fn multiword_tokens_whose_words_do_not_spell_them_take_the_lexicon_words_with_the_token_case() {
        let mut lex = Lexicon::default();
        lex.mwt.insert("del".into(), vec!["di".into(), "il".into()]);
        lex.mwt.insert("della".into(), vec!["di".into(), "la".into()]);
        let t = RuleTokenizer::new(lex);
        let s = &t.tokenize("Della casa del sindaco, DEL resto.")[0];
        assert_eq!(forms(s), ["Di", "la", "casa", "di", "il", "sindaco", ",", "DI", "IL", "resto", "."]);
        let m: Vec<(&str, usize, usize)> = s.multiwords.iter().map(|m| (m.form.as_str(), m.first, m.last)).collect();
        assert_eq!(m, [("Della", 1, 2), ("del", 4, 5), ("DEL", 8, 9)]);
        assert_eq!(s.multiwords[1].misc, "TokenRange=11:14");
        let mut words = Vec::new();
        t.for_each_word("del resto", |w| words.push(w.to_string()));
        assert_eq!(words, ["di", "il", "resto"]);
    }

    #[test]
    fn an_unknown_multiword_token_found_in_context_takes_the_expanders_words_with_its_case() {
        let mut lex = Lexicon::default();
        lex.mwt.insert("del".into(), vec!["di".into(), "il".into()]);
        let table: std::collections::HashMap<String, Vec<String>> =
            [("sulla".to_string(), vec!["su".to_string(), "la".to_string()])].into();
        let with = RuleTokenizer::new(lex.clone()).with_expander(Box::new(table));
        let text = "Sulla casa del sindaco.";
        // The segmenter calls every token but the last two a multiword token, without cuts.
        let segment = |para: &str| {
            let mut s = with.segment(para);
            s.multiword =
                (0..s.spans.len()).map(|k| Some(MwtDecision::Yes { cuts: vec![] }).filter(|_| k < 3)).collect();
            s
        };
        let s = &with.tokenize_with(text, &segment)[0];
        assert_eq!(forms(s), ["Su", "la", "casa", "di", "il", "sindaco", "."]);
        assert_eq!(s.multiwords.len(), 2, "casa: called a multiword token, but the expander does not know it");
        let without = RuleTokenizer::new(lex);
        let s = &without.tokenize_with(text, &segment)[0];
        assert_eq!(forms(s), ["Sulla", "casa", "di", "il", "sindaco", "."]);
    }

    #[test]
    fn sentences_paragraphs_and_offsets() {
        let t = RuleTokenizer::new(Lexicon::default());
        let text = "First one. Second  one!\n\nNew paragraph here.";
        let ss = t.tokenize(text);
        assert_eq!(ss.len(), 3);
        assert!(
            ss[0].has_flag("newdoc")
                && ss[0].has_flag("newpar")
                && !ss[1].has_flag("newpar")
                && ss[2].has_flag("newpar")
        );
        assert_eq!(ss[1].meta("text"), Some("Second  one!"));
        let chars: Vec<char> = text.chars().collect();
        for s in &ss {
            for tok in s.tokens() {
                let range = tok.misc_value("TokenRange").unwrap();
                let (a, b) = range.split_once(':').unwrap();
                let slice: String = chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
                assert_eq!(slice, tok.form());
            }
        }
        assert_eq!(ss[0].words[1].misc, "SpaceAfter=No|TokenRange=6:9");
    }

    #[test]
    fn a_sentence_without_an_end_is_cut_after_max_sentence_tokens() {
        let t = RuleTokenizer::new(Lexicon::default());
        let ss = t.tokenize(&"word ".repeat(2 * MAX_SENTENCE_TOKENS + 5));
        let lengths: Vec<usize> = ss.iter().map(|s| s.words.len()).collect();
        assert_eq!(lengths, [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 5]);
    }

    #[test]
    fn learned_abbreviations_do_not_end_sentences() {
        let mut lex = Lexicon::default();
        lex.not_final.insert("mr.".into());
        let t = RuleTokenizer::new(lex);
        assert_eq!(t.tokenize("Ask Mr. Smith. He knows.").len(), 2);
        assert_eq!(RuleTokenizer::new(Lexicon::default()).tokenize("Ask J. Smith now.").len(), 1);
    }

    #[test]
    fn presegmented_and_pretokenized_lines_are_sentences() {
        let t = RuleTokenizer::new(Lexicon::default()).with_mode(InputMode::Presegmented);
        let ss = t.tokenize("One. Two.\nThree");
        assert_eq!(ss.len(), 2);
        assert_eq!(forms(&ss[0]), ["One", ".", "Two", "."]);
        let t = RuleTokenizer::new(Lexicon::default()).with_mode(InputMode::Pretokenized);
        let ss = t.tokenize("a.b don't  x\n");
        assert_eq!(forms(&ss[0]), ["a.b", "do", "n't", "x"]);
    }

    #[test]
    fn for_each_word_gives_the_words_tokenize_gives() {
        let t = RuleTokenizer::new(Lexicon::default()).with_mode(InputMode::Presegmented);
        let line = "I'm sure Bob's cat can't swim... ok?";
        let mut words = Vec::new();
        t.for_each_word(line, |w| words.push(w.to_string()));
        assert_eq!(words, forms(&t.tokenize(line)[0]));
    }

    #[test]
    fn empty_and_whitespace_input_give_no_sentences() {
        let t = RuleTokenizer::new(Lexicon::default());
        assert!(t.tokenize("").is_empty());
        assert!(t.tokenize(" \n\t\n ").is_empty());
    }
}
