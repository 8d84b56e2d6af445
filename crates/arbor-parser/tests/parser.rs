//! Training on a small generated treebank: same seed → same model, resume == uninterrupted,
//! bad input (empty and 1,000-word sentences, unknown characters), other format versions.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use arbor_conllu::{validate_tree, Sentence, Word, Writer};
use arbor_parser::train::{train, TrainSpec};
use arbor_parser::{Parser, ParserConfig, TrainConfig};
use tch::Device;

/// libtorch's random generator is process-wide: training tests take turns.
static TORCH: Mutex<()> = Mutex::new(());

/// "the big cat saw a small dog ." and variations, with UD-like trees.
fn treebank(n: usize, seed: usize) -> Vec<Sentence> {
    let dets = ["the", "a", "this", "every"];
    let adjs = ["big", "small", "red", "old"];
    let nouns = ["cat", "dog", "bird", "man", "house"];
    let verbs = ["saw", "likes", "chased", "found"];
    (0..n)
        .map(|i| {
            let k = i * 7 + seed;
            let row = |form: &str, upos: &str, head: usize, rel: &str| {
                let mut w = Word::new(form);
                w.upos = upos.into();
                w.xpos = upos.to_lowercase();
                w.head = Some(head);
                w.deprel = rel.into();
                w
            };
            let mut words = vec![
                row(dets[k % 4], "DET", 3, "det"),
                row(adjs[(k / 4) % 4], "ADJ", 3, "amod"),
                row(nouns[k % 5], "NOUN", 4, "nsubj"),
                row(verbs[(k / 3) % 4], "VERB", 0, "root"),
                row(dets[(k + 1) % 4], "DET", 6, "det"),
                row(nouns[(k + 2) % 5], "NOUN", 4, "obj"),
            ];
            if k % 3 == 0 {
                words.push(row("yesterday", "ADV", 4, "advmod"));
            }
            words.push(row(".", "PUNCT", 4, "punct"));
            let mut s = Sentence::from_words(words);
            let text: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let text = text.join(" ");
            s.set_meta("sent_id", &(i + 1).to_string());
            s.set_meta("text", &text);
            s
        })
        .collect()
}

fn write(path: &Path, sentences: &[Sentence]) {
    let mut w = Writer::new(std::fs::File::create(path).unwrap());
    w.write_all(sentences).unwrap();
    w.flush().unwrap();
}

fn spec(dir: &Path, out: &str, epochs: usize) -> TrainSpec {
    let train_path = dir.join("train.conllu");
    let dev_path = dir.join("dev.conllu");
    if !train_path.exists() {
        write(&train_path, &treebank(60, 0));
        write(&dev_path, &treebank(12, 3));
    }
    TrainSpec {
        train: train_path,
        dev: dev_path,
        embeddings: None,
        out: dir.join(out),
        model: ParserConfig {
            word_dim: 16,
            char_dim: 8,
            char_hidden: 8,
            lstm_hidden: 16,
            lstm_layers: 2,
            mlp_hidden: 16,
            tag_hidden: 16,
            ..ParserConfig::default()
        },
        config: TrainConfig {
            epochs,
            batch_size: 8,
            lr: 1e-2,
            threads: 1,
            patience: 0,
            explore_from: 2,
            // Halve the learning rate after every epoch without a better dev LAS, so that the
            // resume test below also covers the decayed rate kept in the checkpoint.
            decay_patience: 1,
            ..TrainConfig::default()
        },
        device: Device::Cpu,
        resume: false,
        force: false,
        command: None,
    }
}

fn weights(dir: &Path) -> Vec<(String, tch::Tensor)> {
    let mut v = tch::Tensor::read_safetensors(dir.join("checkpoint/weights.safetensors")).unwrap();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn same(a: &[(String, tch::Tensor)], b: &[(String, tch::Tensor)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1.equal(&y.1))
}

#[test]
fn same_seed_gives_the_same_model_and_resume_equals_an_uninterrupted_run() {
    let _g = TORCH.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let a = spec(dir.path(), "a", 6);
    // A one-sentence dev set: its LAS moves in big steps and stalls, so the learning rate decays.
    write(&a.dev, &treebank(1, 3));
    let a = train(&a, &mut ()).unwrap();
    let b = train(&spec(dir.path(), "b", 6), &mut ()).unwrap();
    assert!(same(&weights(&dir.path().join("a")), &weights(&dir.path().join("b"))));
    assert_eq!(a.iter().map(|r| r.dev_las).collect::<Vec<_>>(), b.iter().map(|r| r.dev_las).collect::<Vec<_>>());
    // It learned something: the last epoch's dev LAS beats the first's.
    assert!(a[5].dev_las > a[0].dev_las + 0.2, "{a:?}");

    // Four epochs, stop, resume to six: the same weights as six in one go, with a learning rate
    // decayed before the interruption (an epoch among the first four without a better dev LAS).
    assert!(a[..4].iter().any(|r| !r.best), "{a:?}");
    train(&spec(dir.path(), "c", 4), &mut ()).unwrap();
    let mut resumed = spec(dir.path(), "c", 6);
    resumed.resume = true;
    let history = train(&resumed, &mut ()).unwrap();
    assert_eq!(history.len(), 6);
    assert!(same(&weights(&dir.path().join("a")), &weights(&dir.path().join("c"))));
}

fn trained(dir: &Path) -> PathBuf {
    train(&spec(dir, "m", 3), &mut ()).unwrap();
    dir.join("m")
}

#[test]
fn parses_empty_long_and_unknown_input_into_valid_trees() {
    let _g = TORCH.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let parser = Parser::load(trained(dir.path()), Device::Cpu).unwrap();
    let long: Vec<Word> = (0..1000).map(|i| Word::new(["☃", "漢字", "xyz", "🙂‍↔️", "the"][i % 5])).collect();
    let mut sentences = vec![Sentence::default(), Sentence::from_words(long), treebank(1, 9).remove(0)];
    parser.parse(&mut sentences).unwrap();
    assert!(sentences[0].words.is_empty());
    for s in &sentences[1..] {
        assert!(s.words.iter().all(|w| w.head.is_some() && w.upos != "_"));
        assert!(validate_tree(s).is_empty(), "{:?}", validate_tree(s));
    }
    let too_long = Sentence::from_words((0..arbor_parser::MAX_WORDS + 1).map(|_| Word::new("a")).collect());
    let err = parser.parse(&mut [too_long]).unwrap_err().to_string();
    assert!(err.contains("at most"), "{err}");
}

#[test]
fn a_model_directory_of_another_version_or_kind_is_refused_clearly() {
    let _g = TORCH.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let model = trained(dir.path());
    let meta_path = model.join("metadata.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    std::fs::write(&meta_path, meta.replace("\"format_version\": 1", "\"format_version\": 99")).unwrap();
    let err = Parser::load(&model, Device::Cpu).err().unwrap().to_string();
    assert!(err.contains("99") && err.contains("version"), "{err}");
    std::fs::write(&meta_path, meta.replace("\"kind\": \"parser\"", "\"kind\": \"lm\"")).unwrap();
    let err = Parser::load(&model, Device::Cpu).err().unwrap().to_string();
    assert!(err.contains("'lm'"), "{err}");
    let err = Parser::load(dir.path().join("nowhere"), Device::Cpu).err().unwrap().to_string();
    assert!(err.contains("no such model directory"), "{err}");
}
