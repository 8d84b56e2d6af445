//! The rule tokenizer (with the bundled English lexicon) in every input mode, through the
//! streaming path the CLI uses: every TokenRange must point at the token's own characters.
#![no_main]

use std::sync::LazyLock;

use arbor_core::Lines;
use arbor_text::{tokenize_stream, InputMode, RuleTokenizer};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Vec<RuleTokenizer>> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/en_ewt-rules");
    [InputMode::Raw, InputMode::Presegmented, InputMode::Pretokenized]
        .map(|mode| RuleTokenizer::load(dir).expect("the bundled rules load").with_mode(mode))
        .into()
});

fuzz_target!(|data: &[u8]| {
    let Some((&mode, text)) = data.split_first() else { return };
    let tokenizer = &RULES[mode as usize % 3];
    let Ok(text) = std::str::from_utf8(text) else {
        let _ = tokenize_stream(tokenizer, Lines::new(text, "fuzz"), |_| Ok::<_, arbor_core::Error>(()));
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    let _ = tokenize_stream(tokenizer, Lines::new(text.as_bytes(), "fuzz"), |s| {
        for t in s.tokens() {
            let range = t.misc_value("TokenRange").expect("every token has a range");
            let (a, b) = range.split_once(':').expect("a:b");
            let (a, b): (usize, usize) = (a.parse().expect("a"), b.parse().expect("b"));
            assert!(a < b && b <= chars.len(), "{range} in {} characters", chars.len());
            let covered: String = chars[a..b].iter().collect();
            assert_eq!(covered.chars().filter(|c| !c.is_control()).count(), t.form().chars().count());
        }
        Ok::<_, arbor_core::Error>(())
    });
});
