//! On UD English EWT test rebuilt as raw text (paragraphs from `# newpar`/`# newdoc`), the rule
//! tokenizer with a lexicon learned from EWT train gives every token a `TokenRange` whose slice
//! of the input is exactly the token's form, and loses no character. Needs ARBOR_DATA.

use std::path::PathBuf;

use arbor_text::{Lexicon, RuleTokenizer, Tokenizer};

fn raw_text(gold: &[arbor_conllu::Sentence]) -> String {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for s in gold {
        if s.has_flag("newdoc") || s.has_flag("newpar") || paragraphs.is_empty() {
            paragraphs.push(Vec::new());
        }
        paragraphs.last_mut().unwrap().push(s.meta("text").unwrap());
    }
    paragraphs.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n") + "\n"
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn every_token_range_of_ewt_test_slices_out_its_form() {
    let data =
        PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"));
    let ewt = data.join("ud/UD_English-EWT");
    let lexicon = Lexicon::learn(&arbor_conllu::read_file(ewt.join("en_ewt-ud-train.conllu")).unwrap());
    let text = raw_text(&arbor_conllu::read_file(ewt.join("en_ewt-ud-test.conllu")).unwrap());
    let chars: Vec<char> = text.chars().collect();
    let sentences = RuleTokenizer::new(lexicon).tokenize(&text);
    let (mut tokens, mut covered) = (0, 0);
    for s in &sentences {
        for t in s.tokens() {
            let range = t.misc_value("TokenRange").expect("every token has a TokenRange");
            let (a, b) = range.split_once(':').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            let slice: String = chars[a..b].iter().collect();
            assert_eq!(slice, t.form(), "sentence {:?}", s.meta("sent_id"));
            tokens += 1;
            covered += b - a;
        }
    }
    let non_space = chars.iter().filter(|c| !c.is_whitespace()).count();
    assert_eq!(covered, non_space, "every non-space character belongs to exactly one token");
    assert!(tokens > 20_000, "{tokens} tokens");
}
