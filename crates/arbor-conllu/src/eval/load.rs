//! The evaluator's view of a treebank: the characters of all tokens (whitespace removed), token,
//! sentence and word spans over them, and per word the normalised columns the metrics compare.

use crate::error::{Error, Result};
use crate::sentence::Sentence;

use super::metric::Options;

const CONTENT: [&str; 29] = [
    "nsubj",
    "obj",
    "iobj",
    "csubj",
    "ccomp",
    "xcomp",
    "obl",
    "vocative",
    "expl",
    "dislocated",
    "advcl",
    "advmod",
    "discourse",
    "nmod",
    "appos",
    "nummod",
    "acl",
    "amod",
    "conj",
    "fixed",
    "flat",
    "compound",
    "list",
    "parataxis",
    "orphan",
    "goeswith",
    "reparandum",
    "root",
    "dep",
];
const FUNCTIONAL: [&str; 7] = ["aux", "cop", "mark", "det", "clf", "case", "cc"];
const UNIVERSAL_FEATURES: [&str; 21] = [
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number", "Case", "Definite",
    "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity", "Person", "Polite",
];

/// A half-open range of character positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

/// An enhanced dependency: head word (`None` = root) and the path of relations.
pub(crate) type EnhancedDep = (Option<usize>, Vec<String>);

#[derive(Debug)]
pub(crate) struct EvalWord {
    /// The word's token span (the whole multiword token for words inside one).
    pub span: Span,
    pub multiword: bool,
    pub form_lower: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// Universal features only, sorted, joined by `|`.
    pub feats: String,
    /// The deprel without subtype.
    pub deprel: String,
    /// Index of the head word in the treebank's word list; `None` for the root.
    pub parent: Option<usize>,
    pub content: bool,
    pub functional: bool,
    /// False for the words of a sentence without a tree (every HEAD `_`, as a tokenizer
    /// writes): their tree metrics count as wrong.
    pub attached: bool,
    pub functional_children: Vec<usize>,
    pub enhanced: Vec<EnhancedDep>,
}

pub(crate) struct Treebank {
    pub name: String,
    pub chars: Vec<char>,
    pub tokens: Vec<Span>,
    pub sentences: Vec<Span>,
    pub words: Vec<EvalWord>,
}

/// Unicode category Zs: removed from forms so that tokens with spaces still match.
fn is_space_separator(c: char) -> bool {
    matches!(c, '\u{20}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

fn universal_feats(feats: &str) -> String {
    let mut kept: Vec<&str> =
        feats.split('|').filter(|f| UNIVERSAL_FEATURES.contains(&f.split('=').next().unwrap_or(""))).collect();
    kept.sort_unstable();
    kept.join("|")
}

impl Treebank {
    pub fn new(sentences: &[Sentence], name: &str, options: &Options) -> Result<Treebank> {
        let mut tb = Treebank {
            name: name.into(),
            chars: Vec::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            words: Vec::new(),
        };
        for (si, s) in sentences.iter().enumerate() {
            let at = || match s.meta("sent_id") {
                Some(id) => format!("{name}: sentence {} (sent_id {id})", si + 1),
                None => format!("{name}: sentence {}", si + 1),
            };
            let fail = |problem: String| Error::Eval(format!("{}: {problem}", at()));
            let first_word = tb.words.len();
            let sentence_start = tb.chars.len();
            for token in s.tokens() {
                let form: Vec<char> = token.form().chars().filter(|c| !is_space_separator(*c)).collect();
                if form.is_empty() {
                    return Err(fail(format!("empty FORM '{}' once spaces are removed", token.form())));
                }
                let span = Span { start: tb.chars.len(), end: tb.chars.len() + form.len() };
                tb.chars.extend(form);
                tb.tokens.push(span);
                let (words, multiword) = match token {
                    crate::Token::Word { word, .. } => (std::slice::from_ref(word), false),
                    crate::Token::Multiword { words, .. } => (words, true),
                };
                for w in words {
                    let deprel = w.universal_deprel().to_string();
                    tb.words.push(EvalWord {
                        span,
                        multiword,
                        form_lower: w
                            .form
                            .chars()
                            .filter(|c| !is_space_separator(*c))
                            .collect::<String>()
                            .to_lowercase(),
                        lemma: w.lemma.clone(),
                        upos: w.upos.clone(),
                        xpos: w.xpos.clone(),
                        feats: universal_feats(&w.feats),
                        content: CONTENT.contains(&deprel.as_str()),
                        functional: FUNCTIONAL.contains(&deprel.as_str()),
                        deprel,
                        attached: true,
                        parent: None,
                        functional_children: Vec::new(),
                        enhanced: Vec::new(),
                    });
                }
            }
            tb.sentences.push(Span { start: sentence_start, end: tb.chars.len() });
            let n = s.words.len();
            if s.words.iter().all(|w| w.head.is_none()) {
                tb.words[first_word..].iter_mut().for_each(|w| w.attached = false);
                continue;
            }
            let mut roots = 0;
            for (i, w) in s.words.iter().enumerate() {
                let head = w.head.ok_or_else(|| fail(format!("word {} has HEAD '_'", i + 1)))?;
                if head > n {
                    return Err(fail(format!("HEAD {head} of word {} points outside the sentence", i + 1)));
                }
                if head == 0 {
                    roots += 1;
                }
                tb.words[first_word + i].parent = (head > 0).then(|| first_word + head - 1);
                tb.words[first_word + i].enhanced = enhanced_deps(&w.deps, first_word, n).map_err(&fail)?;
            }
            if roots == 0 {
                return Err(fail("no word attaches to the root".into()));
            }
            if roots > 1 && !options.multiple_roots_okay {
                return Err(fail(format!("{roots} words attach to the root")));
            }
            for i in first_word..tb.words.len() {
                let mut v = tb.words[i].parent;
                for _ in 0..=n {
                    v = match v {
                        Some(p) => tb.words[p].parent,
                        None => break,
                    };
                }
                if v.is_some() {
                    return Err(fail(format!("word {} lies on a cycle", i - first_word + 1)));
                }
                if let (Some(p), true) = (tb.words[i].parent, tb.words[i].functional) {
                    tb.words[p].functional_children.push(i);
                }
            }
        }
        Ok(tb)
    }
}

fn enhanced_deps(deps: &str, first_word: usize, n: usize) -> std::result::Result<Vec<EnhancedDep>, String> {
    let mut out = Vec::new();
    if deps == "_" {
        return Ok(out);
    }
    for dep in deps.split('|') {
        let (head, path) = dep.split_once(':').ok_or_else(|| format!("DEPS item '{dep}' is not HEAD:DEPREL"))?;
        if head.contains('.') {
            continue; // references to empty nodes are not evaluated
        }
        let h: usize = head.parse().map_err(|_| format!("DEPS head '{head}' is not a number"))?;
        if h > n {
            return Err(format!("DEPS head {h} points outside the sentence"));
        }
        out.push(((h > 0).then(|| first_word + h - 1), path.split('>').map(str::to_string).collect()));
    }
    Ok(out)
}

/// Where gold and system text first differ, with the tokens around that point.
pub(crate) fn mismatch_report(g: &Treebank, s: &Treebank) -> String {
    let index = g.chars.iter().zip(&s.chars).take_while(|(a, b)| a == b).count();
    let around = |tb: &Treebank| {
        let t = tb.tokens.partition_point(|t| t.end <= index);
        let word = |sp: &Span| tb.chars[sp.start..sp.end].iter().collect::<String>();
        let before: Vec<String> = tb.tokens[t.saturating_sub(5)..t].iter().map(word).collect();
        let after: Vec<String> = tb.tokens[t..(t + 5).min(tb.tokens.len())].iter().map(word).collect();
        format!(
            "  {}: token {} of the file; before it '{}', from it '{}'\n",
            tb.name,
            t + 1,
            before.join(" "),
            after.join(" ")
        )
    };
    let next20 = |tb: &Treebank| {
        tb.chars[index.min(tb.chars.len())..(index + 20).min(tb.chars.len())].iter().collect::<String>()
    };
    format!(
        "the texts of {} and {} differ (whitespace ignored) at character {index}:\n{}{}  next characters: '{}' vs '{}'",
        g.name,
        s.name,
        around(g),
        around(s),
        next20(g),
        next20(s)
    )
}
