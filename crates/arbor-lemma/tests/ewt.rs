//! On UD English EWT: the edit rule derived from every training (form, lemma) pair gives that
//! lemma back, and the lemmatizer learned from train scores on dev (gold tags) as the bundled
//! model records. Needs ARBOR_DATA: `ARBOR_DATA=../shared/data cargo test -p arbor-lemma -- --ignored`.

use std::path::PathBuf;

use arbor_lemma::{evaluate, EditRule, LemmaConfig, Lemmatizer};

fn ewt(part: &str) -> Vec<arbor_conllu::Sentence> {
    let data =
        PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"));
    let path = data.join(format!("ud/UD_English-EWT/en_ewt-ud-{part}.conllu"));
    assert!(path.is_file(), "missing {}: the EWT treebank is part of the shared data", path.display());
    arbor_conllu::read_file(path).unwrap()
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn the_gold_rule_of_every_ewt_train_word_gives_its_lemma() {
    let train = ewt("train");
    let mut words = 0;
    for w in train.iter().flat_map(|s| &s.words) {
        let rule = EditRule::derive(&w.form, &w.lemma);
        assert_eq!(rule.apply(&w.form).as_deref(), Some(w.lemma.as_str()), "{} -> {} by {rule}", w.form, w.lemma);
        words += 1;
    }
    assert!(words > 200_000, "{words}");
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn the_lemmatizer_learned_from_ewt_train_scores_on_dev_as_the_bundled_model_records() {
    let lem = Lemmatizer::train(LemmaConfig::default(), &ewt("train"), "train").unwrap();
    let acc = evaluate(&lem, &ewt("dev"));
    let meta =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/lemmatizer/metadata.json"))
            .unwrap();
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let recorded = meta["scores"]["dev_lemmas_gold_tags"].as_f64().unwrap();
    assert!((acc.percent() - recorded).abs() < 0.005, "{acc}recorded {recorded}");
    // The bundled model is this one: same lexicon, same guesser tables.
    let bundled = Lemmatizer::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/lemmatizer")).unwrap();
    assert_eq!(bundled.lexicon(), lem.lexicon());
    assert!(bundled.guesser() == lem.guesser());
}
