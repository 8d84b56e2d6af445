//! Multiword tokens decided in context, on a fixture written for it: Italian-like sentences
//! where `dei` is `di i` ("of the") after a noun but a word of its own ("gods") after `gli`,
//! and infinitives with a clitic (`farlo` = `far lo`). A small tokenizer trained on them splits
//! each `dei` as its context says, and cuts an infinitive + clitic it never saw (`vederlo`).

use arbor_conllu::Sentence;
use arbor_segment::train::{train, TrainSpec};
use arbor_segment::{SegmenterConfig, TrainConfig, TrainedTokenizer};
use arbor_text::Tokenizer;
use tch::Device;

fn row(id: &str, form: &str) -> String {
    format!("{id}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_\n")
}

/// A sentence from tokens and their words (`di+i`: the multiword token's words), ending in " .".
fn sentence(id: usize, tokens: &[(&str, &str)]) -> String {
    let text: Vec<&str> = tokens.iter().map(|(t, _)| *t).collect();
    let mut out = format!("# sent_id = {id}\n# text = {} .\n", text.join(" "));
    let mut n = 1;
    for (token, words) in tokens {
        let parts: Vec<&str> = words.split('+').collect();
        if parts.len() > 1 {
            out += &row(&format!("{n}-{}", n + parts.len() - 1), token);
        }
        for p in &parts {
            out += &row(&n.to_string(), p);
            n += 1;
        }
    }
    out += &row(&n.to_string(), ".");
    out + "\n"
}

fn fixture() -> String {
    let mut out = String::from("# newdoc\n");
    let nouns = ["libro", "cane", "gatto", "padre", "nome", "tempo"];
    let objects = ["ragazzi", "fratelli", "vicini", "bambini"];
    let verbs = [("farlo", "far+lo"), ("dirlo", "dir+lo"), ("averlo", "aver+lo"), ("prenderlo", "prender+lo")];
    let mut id = 0;
    for round in 0..3 {
        for (i, noun) in nouns.iter().enumerate() {
            let obj = objects[(i + round) % objects.len()];
            id += 1;
            out +=
                &sentence(id, &[("il", "il"), (noun, noun), ("dei", "di+i"), (obj, obj), ("è", "è"), ("qui", "qui")]);
            id += 1;
            out += &sentence(id, &[("gli", "gli"), ("dei", "dei"), ("sono", "sono"), (obj, obj)]);
            let (v, w) = verbs[(i + round) % verbs.len()];
            id += 1;
            out += &sentence(id, &[("voglio", "voglio"), (v, w), ("subito", "subito")]);
        }
    }
    out
}

fn words(s: &Sentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

#[test]
fn dei_is_split_after_a_noun_and_kept_after_gli_and_an_unseen_clitic_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let treebank = dir.path().join("fixture.conllu");
    std::fs::write(&treebank, fixture()).unwrap();
    let out = dir.path().join("tok");
    let spec = TrainSpec {
        train: treebank.clone(),
        dev: treebank,
        out: out.clone(),
        model: SegmenterConfig { hidden: 32, ..SegmenterConfig::default() },
        config: TrainConfig { epochs: 150, segment: 60, batch_size: 8, lr: 5e-3, threads: 1, ..TrainConfig::default() },
        device: Device::Cpu,
        force: false,
        command: None,
    };
    let history = train(&spec, &mut ()).unwrap();
    let best = history.iter().rfind(|r| r.best).unwrap();
    assert!(best.dev_words > 0.99, "{best:?}");
    let tok = TrainedTokenizer::load(&out, Device::Cpu).unwrap();
    let s = tok.tokenize("il tempo dei vicini è qui . gli dei sono bambini . voglio vederlo subito .");
    let all: Vec<&str> = s.iter().flat_map(words).collect();
    assert_eq!(
        all,
        [
            "il", "tempo", "di", "i", "vicini", "è", "qui", ".", "gli", "dei", "sono", "bambini", ".", "voglio",
            "veder", "lo", "subito", "."
        ],
        "{s:?}"
    );
}
