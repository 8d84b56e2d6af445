//! The classifier on real data: the English sentence polarity set of ../shared/data (research
//! use only: nothing trained here is kept). Needs ARBOR_DATA:
//! `ARBOR_DATA=../shared/data cargo test -p arbor-classify -- --ignored`. The full comparison
//! with fastText and TF-IDF + logistic regression is benches/classify_vs_peers.sh.

use std::path::PathBuf;

use arbor_classify::train::{train, TrainSpec};
use arbor_classify::{Classifier, ClassifierConfig, TrainConfig};

fn data(file: &str) -> PathBuf {
    let root =
        PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"));
    let path = root.join("sentiment").join(file);
    assert!(path.is_file(), "{} is missing", path.display());
    path
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn a_few_epochs_on_sentence_polarity_beat_chance_by_far() {
    let dir = tempfile::tempdir().unwrap();
    let spec = TrainSpec {
        train: data("en-sentences-panglee-train.tsv"),
        dev: data("en-sentences-panglee-dev.tsv"),
        out: dir.path().join("model"),
        model: ClassifierConfig::default(),
        config: TrainConfig { epochs: 6, threads: 2, ..TrainConfig::default() },
        embeddings: None,
        tokenizer: None,
        device: tch::Device::Cpu,
        resume: false,
        force: false,
        command: None,
    };
    let reports = train(&spec, &mut ()).unwrap();
    let model = Classifier::load(&spec.out, tch::Device::Cpu).unwrap();
    let test = arbor_classify::read_examples(&data("en-sentences-panglee-test.tsv")).unwrap();
    let texts: Vec<&str> = test.iter().map(|e| e.text.as_str()).collect();
    let predicted: Vec<usize> = model.predict(&texts).iter().map(|p| p.class).collect();
    let gold: Vec<usize> = test.iter().map(|e| model.label_id(&e.label).unwrap()).collect();
    let s = arbor_classify::evaluate::score(model.labels(), &gold, &predicted);
    // Balanced classes: chance is 50%; 6 epochs without pretrained vectors reach about 66-71%.
    assert!(
        s.accuracy > 0.62,
        "test accuracy {:.3} (dev by epoch: {:?})",
        s.accuracy,
        reports.iter().map(|r| r.dev_accuracy).collect::<Vec<_>>()
    );
    assert_eq!(s.examples, 385);
}
