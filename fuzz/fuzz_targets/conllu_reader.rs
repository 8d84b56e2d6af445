//! The CoNLL-U reader in its three modes and the level-2 validator on any bytes. What the strict
//! reader accepts must write back and read again to the same sentences.
#![no_main]

use arbor_conllu::{Level, Reader, Validator, Writer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut validator = Validator::new(Level::Ud, "ud");
    let mut reader = Reader::new(data, "fuzz");
    let mut accepted = Vec::new();
    while let Some(item) = reader.next() {
        if let Ok(s) = item {
            let _ = validator.check(&s, reader.sentence_line());
            accepted.push(s);
        }
    }
    let mut out = Vec::new();
    Writer::new(&mut out).write_all(&accepted).expect("writing to memory");
    let again: Vec<_> = Reader::new(&out[..], "again").collect::<Result<_, _>>().expect("written output reads back");
    assert_eq!(again, accepted, "round trip");
    for s in Reader::new(data, "fuzz").lenient().flatten() {
        let _ = arbor_conllu::validate_tree(&s);
    }
    for s in Reader::new(data, "fuzz").format_only().flatten() {
        let _ = s.surface_text();
    }
});
