//! The trained tokenizer over many paragraphs at once (windows of all of them sorted by length
//! and batched) gives what it gives paragraph by paragraph, long paragraphs (several windows)
//! included.

use arbor_segment::TrainedTokenizer;
use arbor_text::Tokenizer;
use tch::Device;

fn bundled() -> TrainedTokenizer {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/tokenizer");
    TrainedTokenizer::load(dir, Device::Cpu).unwrap()
}

#[test]
fn many_paragraphs_at_once_tokenize_as_one_by_one() {
    let t = bundled();
    let long = "The committee met on Tuesday, and Mr. Smith didn't agree. ".repeat(40); // > 2 windows
    let texts: Vec<String> = vec![
        "I don't think they'll come.\n".into(),
        "It's John's book. Sue likes coffee and Bill tea.\n\nA second paragraph here.\n".into(),
        long,
        "x\n".into(),
        "Prices rose 3.5% in the U.S. last year; e-mail me at a@b.com!\n".into(),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let together = t.tokenize_many(&refs);
    assert_eq!(together.len(), texts.len());
    for (text, got) in texts.iter().zip(&together) {
        assert_eq!(got, &t.tokenize(text), "{text}");
    }
    assert!(together[2].len() >= 40, "the long paragraph has its sentences");
    let chars: Vec<Vec<char>> = texts.iter().map(|s| s.chars().collect()).collect();
    let slices: Vec<&[char]> = chars.iter().map(Vec::as_slice).collect();
    let labels = t.labels_many(&slices);
    for (c, l) in chars.iter().zip(&labels) {
        assert_eq!(l, &t.labels(c));
    }
    assert!(t.tokenize_many(&[]).is_empty());
}
