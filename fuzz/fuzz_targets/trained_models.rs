//! Inference of real trained models on any text: the bundled trained tokenizer
//! (`models/en_ewt/tokenizer`, character BiLSTM) on the input as a paragraph, and the bundled
//! grapheme-to-phoneme model (`models/en-g2p`, encoder-decoder with attention) on its lines
//! with a beam and n-best picked by the first byte. Checked: no panic, every token's offsets
//! slice out its form, one output per source, attention rows as wide as the source.
#![no_main]

use std::path::Path;

use arbor_segment::TrainedTokenizer;
use arbor_seq2seq::{Decoding, Seq2seq};
use arbor_text::Tokenizer;
use libfuzzer_sys::fuzz_target;
use tch::Device;

fn load() -> (TrainedTokenizer, Seq2seq) {
    tch::set_num_threads(1);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    let tokenizer = TrainedTokenizer::load(dir.join("en_ewt/tokenizer"), Device::Cpu).expect("bundled tokenizer");
    let g2p = Seq2seq::load(dir.join("en-g2p"), Device::Cpu).expect("bundled g2p model");
    (tokenizer, g2p)
}

thread_local! {
    // Loaded once (libFuzzer runs the target on one thread); libtorch tensors are not `Sync`.
    static MODELS: (TrainedTokenizer, Seq2seq) = load();
}

fuzz_target!(|data: &[u8]| MODELS.with(|(tokenizer, g2p)| run(tokenizer, g2p, data)));

fn run(tokenizer: &TrainedTokenizer, g2p: &Seq2seq, data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    if pick & 0x80 == 0 {
        let chars: Vec<char> = text.chars().collect();
        for s in tokenizer.tokenize(&text) {
            for t in s.tokens() {
                let range = t.misc_value("TokenRange").expect("every token has a range");
                let (a, b) = range.split_once(':').expect("start:end");
                let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
                assert!(a < b && b <= chars.len());
                assert_eq!(chars[a..b].iter().collect::<String>(), t.form());
            }
        }
    } else {
        let beam = usize::from(pick & 0x03) + 1;
        let decoding = Decoding { beam, nbest: beam, ..Decoding::default() };
        let sources: Vec<&str> = text.lines().take(16).collect();
        let outputs = g2p.apply_with(&sources, &decoding, true).expect("valid decoding");
        assert_eq!(outputs.len(), sources.len());
        for o in &outputs {
            assert!(!o.predictions.is_empty() && o.predictions.len() <= beam);
            for p in &o.predictions {
                assert_eq!(p.attention.len(), p.symbols.len());
                assert!(p.attention.iter().all(|row| row.len() == o.source_symbols.len()));
                assert!(p.symbols.len() <= decoding.max_len(o.source_symbols.len()));
            }
        }
    }
}
