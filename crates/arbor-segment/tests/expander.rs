//! The multiword-token expander, on a fixture written for it: Italian-like sentences with the
//! thirty contractions of a preposition and an article (`del` = `di il`, `negli` = `in gli`,
//! ...), 24 of them not spelled by their words (`dagli` = `da gli` is: the tokenizer's labels cut
//! those). One of the 24, `sulla`, is held out of training. The
//! tokenizer trained on the rest calls `sulla` a multiword token in context (its first-character
//! label), the lexicon does not know it, and the expander, trained on the other 23 pairs, gives
//! its words.

use arbor_conllu::Sentence;
use arbor_segment::expander::{expansion_pairs, Expander, EXPANDER_DIR};
use arbor_segment::train::{train, TrainSpec};
use arbor_segment::{SegmenterConfig, TrainConfig, TrainedTokenizer};
use arbor_text::Tokenizer;
use tch::Device;

const PREPOSITIONS: [(&str, &str); 5] = [("di", "de"), ("a", "a"), ("da", "da"), ("in", "ne"), ("su", "su")];
const ARTICLES: [(&str, &str); 6] =
    [("il", "l"), ("la", "lla"), ("lo", "llo"), ("i", "i"), ("gli", "gli"), ("le", "lle")];
const NOUNS: [&str; 6] = ["casa", "tavolo", "libro", "strada", "porta", "campo"];

/// The contraction of a preposition and an article (`di` + `il` = `del`, `a` + `la` = `alla`).
fn contraction(p: usize, a: usize) -> (String, String) {
    let (prep, stem) = PREPOSITIONS[p];
    let (art, ending) = ARTICLES[a];
    let token = format!("{stem}{ending}");
    (token, format!("{prep} {art}"))
}

fn row(id: &str, form: &str) -> String {
    format!("{id}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_\n")
}

/// "vado <contraction> <noun> ." with the contraction as a multiword token.
fn sentence(id: usize, token: &str, words: &str, noun: &str) -> String {
    let w: Vec<&str> = words.split(' ').collect();
    format!(
        "# sent_id = {id}\n# text = vado {token} {noun} .\n{}{}{}{}{}{}\n",
        row("1", "vado"),
        row("2-3", token),
        row("2", w[0]),
        row("3", w[1]),
        row("4", noun),
        row("5", ".")
    )
}

fn fixture(held_out: &str) -> String {
    let mut out = String::from("# newdoc\n");
    let mut id = 0;
    for round in 0..2 {
        for p in 0..PREPOSITIONS.len() {
            for a in 0..ARTICLES.len() {
                let (token, words) = contraction(p, a);
                if token != held_out {
                    id += 1;
                    out += &sentence(id, &token, &words, NOUNS[(p + a + round) % NOUNS.len()]);
                }
            }
        }
    }
    out
}

fn words(s: &Sentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

#[test]
fn the_fixture_has_24_contractions_whose_words_do_not_spell_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("all.conllu"), fixture("")).unwrap();
    let sentences = arbor_conllu::read_file(dir.path().join("all.conllu")).unwrap();
    let pairs = expansion_pairs(&sentences);
    assert_eq!(pairs.len(), 24);
    assert!(pairs.contains(&("del".into(), "di il".into())) && pairs.contains(&("negli".into(), "in gli".into())));
    assert!(pairs.contains(&("sulla".into(), "su la".into())) && !pairs.contains(&("ai".into(), "a i".into())));
}

#[test]
fn an_unseen_contraction_marked_in_context_is_expanded_by_the_trained_expander() {
    let dir = tempfile::tempdir().unwrap();
    let treebank = dir.path().join("fixture.conllu");
    std::fs::write(&treebank, fixture("sulla")).unwrap();
    let out = dir.path().join("tok");
    let spec = TrainSpec {
        train: treebank.clone(),
        dev: treebank,
        out: out.clone(),
        model: SegmenterConfig { hidden: 32, ..SegmenterConfig::default() },
        config: TrainConfig { epochs: 60, segment: 60, batch_size: 8, lr: 5e-3, threads: 1, ..TrainConfig::default() },
        device: Device::Cpu,
        force: false,
        command: None,
    };
    train(&spec, &mut ()).unwrap();
    assert!(out.join(EXPANDER_DIR).join("weights.safetensors").is_file());
    assert!(!out.join(EXPANDER_DIR).join("checkpoint").exists(), "the expander's checkpoint is removed");
    let meta = arbor_core::ModelDir::metadata(&out).unwrap();
    assert_eq!(meta.scores["expander_train_pairs"], 23.0);
    assert_eq!(meta.scores["expander_dev_accuracy"], 100.0, "{:?}", meta.scores);

    let expander = Expander::load(out.join(EXPANDER_DIR), Device::Cpu).unwrap();
    assert_eq!(expander.expand_many(&["nel", "della"]), [vec!["in", "il"], vec!["di", "la"]]);
    let tok = TrainedTokenizer::load(&out, Device::Cpu).unwrap();
    let s = tok.tokenize("vado sulla strada . vado nel campo .");
    let all: Vec<&str> = s.iter().flat_map(words).collect();
    assert_eq!(all, ["vado", "su", "la", "strada", ".", "vado", "in", "il", "campo", "."], "{s:?}");
    assert_eq!(s[0].multiwords[0].form, "sulla");
}
