//! The word-vector reader (text and binary word2vec formats, detected) on any file.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("arbor-fuzz-vectors-{}", std::process::id()));
    let mut f = std::fs::File::create(&path).expect("temp file");
    f.write_all(data).expect("temp write");
    drop(f);
    if let Ok(e) = arbor_word2vec::read_vectors(&path) {
        assert_eq!(e.words().len(), e.len());
        if let Some(w) = e.words().first().cloned() {
            let _ = e.similarity(&w, &w);
            let _ = e.most_similar(&w, 3);
        }
    }
});
