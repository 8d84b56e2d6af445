//! The bundled lemmatizer (`models/en_ewt/lemmatizer`) on any words with any tags: each input
//! line is `form<TAB>upos<TAB>xpos<TAB>feats` (missing fields are `_`). Checked: no panic, and a
//! non-empty form gets a non-empty lemma; the edit rule derived from a (form, lemma) pair gives
//! the lemma back.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use arbor_lemma::{EditRule, Lemmatizer};
use libfuzzer_sys::fuzz_target;

fn lemmatizer() -> &'static Lemmatizer {
    static MODEL: OnceLock<Lemmatizer> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/en_ewt/lemmatizer");
        Lemmatizer::load(dir).expect("bundled lemmatizer")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lem = lemmatizer();
    for line in text.lines().take(64) {
        let mut f = line.split('\t');
        let form = f.next().unwrap_or("");
        let (upos, xpos, feats) = (f.next().unwrap_or("_"), f.next().unwrap_or("_"), f.next().unwrap_or("_"));
        let lemma = lem.lemma(form, upos, xpos, feats);
        assert!(form.is_empty() || !lemma.is_empty(), "{form:?} -> {lemma:?}");
        // Any pair of fields as (form, lemma): derive and apply are inverses.
        let rule = EditRule::derive(form, upos);
        assert_eq!(rule.apply(form).as_deref(), Some(upos));
    }
});
