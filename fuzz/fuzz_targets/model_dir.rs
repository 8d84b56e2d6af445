//! The model-directory loaders of every kind on any directory: the input, cut at 0xFF bytes,
//! gives metadata.json, config.json, the vocabulary file and weights.safetensors; the first byte
//! picks the kind. Metadata names the kind and version the loader expects, so the fuzzer
//! reaches the config, vocabulary and weight checks behind them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tch::Device;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else { return };
    let mut parts = rest.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or_default().to_vec();
    let (meta, config, vocab, weights) = (next(), next(), next(), next());
    let dir = std::env::temp_dir().join(format!("arbor-fuzz-model-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("temp write");
    // A short metadata part is completed into a valid header for the kind, so most inputs get
    // past the kind check; a long one is taken as it is.
    let header = |k: &str, v: u32| {
        if meta.len() < 4 {
            format!("{{\"format\":\"arbor-model\",\"kind\":\"{k}\",\"format_version\":{v}}}").into_bytes()
        } else {
            meta.clone()
        }
    };
    write("weights.safetensors", &weights);
    match kind % 4 {
        0 => {
            write("metadata.json", &header(arbor_parser::KIND, arbor_parser::FORMAT_VERSION));
            write("config.json", &config);
            write("vocab.json", &vocab);
            let _ = arbor_parser::Parser::load(&dir, Device::Cpu);
        }
        1 => {
            write("metadata.json", &header(arbor_lm::KIND, arbor_lm::FORMAT_VERSION));
            write("config.json", &config);
            write("vocab.json", &vocab);
            let _ = arbor_lm::LanguageModel::load(&dir, Device::Cpu);
        }
        2 => {
            write("metadata.json", &header(arbor_segment::KIND, arbor_segment::FORMAT_VERSION));
            write("config.json", &config);
            write(arbor_segment::CHARS_FILE, &vocab);
            write("lexicon.json", b"{}");
            let _ = arbor_segment::TrainedTokenizer::load(&dir, Device::Cpu);
        }
        _ => {
            write("metadata.json", &header(arbor_text::lexicon::KIND, 1));
            write("lexicon.json", &config);
            let _ = arbor_text::RuleTokenizer::load(&dir);
        }
    }
});
