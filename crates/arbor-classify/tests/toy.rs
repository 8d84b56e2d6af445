//! The classifier learns a toy task exactly, reproducibly, and the same whether interrupted or
//! not; it reads texts through a tokenizer model it carries; bad data and odd texts get answers
//! that say what happened.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arbor_classify::train::{train, EpochReport, TrainSpec};
use arbor_classify::{Classifier, ClassifierConfig, Pooling, Tokenization, TrainConfig};
use tch::Device;

/// Texts of filler words with one cue word: `good`/`great` → pos, `bad`/`awful` → neg,
/// `fine` → mixed; the cue anywhere in the text.
fn toy(n: usize, seed: u64) -> String {
    let filler = ["the", "film", "was", "a", "story", "and", "plot", "actors", "it", "quite"];
    let cues = [("pos", "good"), ("neg", "bad"), ("pos", "great"), ("neg", "awful"), ("mixed", "fine")];
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |k: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % k as u64) as usize
    };
    let mut out = String::new();
    for _ in 0..n {
        let len = 3 + next(8);
        let mut words: Vec<&str> = (0..len).map(|_| filler[next(filler.len())]).collect();
        let (label, cue) = cues[next(cues.len())];
        words.insert(next(len + 1), cue);
        out.push_str(&format!("{label}\t{}.\n", words.join(" ")));
    }
    out
}

fn spec(dir: &Path, epochs: usize) -> TrainSpec {
    std::fs::write(dir.join("train.tsv"), toy(300, 1)).unwrap();
    std::fs::write(dir.join("dev.tsv"), toy(60, 2)).unwrap();
    TrainSpec {
        train: dir.join("train.tsv"),
        dev: dir.join("dev.tsv"),
        out: dir.join("model"),
        model: ClassifierConfig { embedding: 16, hidden: 16, dropout: 0.1, ..ClassifierConfig::default() },
        config: TrainConfig { epochs, batch_size: 16, lr: 0.01, threads: 1, patience: 0, ..TrainConfig::default() },
        embeddings: None,
        tokenizer: None,
        device: Device::Cpu,
        resume: false,
        force: false,
        command: None,
    }
}

/// libtorch's random generator (and its thread count) is one per process: two trainings in
/// parallel test threads would draw from each other's stream. Every test that trains holds
/// this lock.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A model directory loaded under the lock: building the network draws its (then overwritten)
/// initial weights from the process's one generator, which would shift the stream of a
/// training running in a parallel test.
fn load(model: &Path) -> arbor_classify::Result<Classifier> {
    let _serial = serial();
    Classifier::load(model, Device::Cpu)
}

fn trained() -> &'static (PathBuf, Vec<EpochReport>) {
    static MODEL: OnceLock<(PathBuf, Vec<EpochReport>)> = OnceLock::new();
    MODEL.get_or_init(|| {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap().keep();
        let reports = train(&spec(&dir, 8), &mut ()).unwrap();
        (dir.join("model"), reports)
    })
}

#[test]
fn a_toy_set_is_learned_perfectly() {
    let (model, reports) = trained();
    let best = reports.iter().map(|r| r.dev_accuracy).fold(0.0, f64::max);
    assert_eq!(best, 1.0, "dev accuracies: {:?}", reports.iter().map(|r| r.dev_accuracy).collect::<Vec<_>>());
    let m = load(model).unwrap();
    assert_eq!(m.labels(), ["mixed", "neg", "pos"]);
    let p = m.predict(&["The plot was GOOD and the actors too.", "an awful film", "it was fine"]);
    let labels: Vec<&str> = p.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["pos", "neg", "mixed"]);
    for p in &p {
        assert_eq!(p.probabilities.len(), 3);
        assert!((p.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert_eq!(p.probabilities[p.class], p.probabilities.iter().cloned().fold(0.0, f32::max));
    }
    assert_eq!(m.metadata().scores["dev_accuracy"], 1.0);
}

#[test]
fn odd_texts_get_an_answer_that_says_what_happened() {
    let m = load(&trained().0).unwrap();
    let megabyte = "the film was good ".repeat(60_000); // 1.08 MB, 240,000 words
    let p = m.predict(&["", "zzz qqq", &megabyte, "\u{feff}\u{0}"]);
    assert_eq!((p[0].tokens, p[0].cut_from, p[0].probabilities.len()), (0, None, 3));
    assert_eq!(p[1].tokens, 2);
    assert_eq!((p[2].tokens, p[2].cut_from), (m.config().max_tokens, Some(240_000)));
    assert_eq!(p[2].label, "pos");
    assert!(p.iter().all(|p| p.probabilities.iter().all(|x| x.is_finite())));
}

#[test]
fn the_same_seed_gives_the_same_model_and_resume_continues_exactly() {
    let _serial = serial();
    let weights = |dir: &Path| std::fs::read(dir.join("model/weights.safetensors")).unwrap();
    let (a, b, copy) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut s = spec(a.path(), 2);
    s.config.checkpoint_every = 5;
    // Keep a copy of the run as it stood after the checkpoint of batch 10 of epoch 2.
    struct Snapshot<'a> {
        out: &'a Path,
        copy: &'a Path,
        epoch: usize,
    }
    impl arbor_core::Observer<EpochReport> for Snapshot<'_> {
        fn epoch_start(&mut self, epoch: usize, _: u64, _: u64) {
            self.epoch = epoch;
        }
        fn step(&mut self, done: u64, _: f64, _: f64) {
            if self.epoch == 2 && done == 11 {
                copy_tree(self.out, self.copy);
            }
        }
    }
    let out = s.out.clone();
    train(&s, &mut Snapshot { out: &out, copy: copy.path(), epoch: 0 }).unwrap();
    let mut again = spec(b.path(), 2);
    again.config.checkpoint_every = 5;
    train(&again, &mut ()).unwrap();
    assert_eq!(weights(a.path()), weights(b.path()), "same seed, different models");
    let mut other = spec(b.path(), 2);
    other.config.seed = 2;
    other.force = true;
    train(&other, &mut ()).unwrap();
    assert_ne!(weights(a.path()), weights(b.path()), "another seed, the same model");
    // Resume from the copy: the same final model.
    let mut resumed = spec(copy.path(), 2);
    resumed.out = copy.path().to_path_buf();
    resumed.config.checkpoint_every = 5;
    resumed.resume = true;
    let reports = train(&resumed, &mut ()).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(std::fs::read(copy.path().join("weights.safetensors")).unwrap(), weights(a.path()));
    // Other settings than the checkpoint's are refused, naming them.
    resumed.model.hidden = 20;
    let e = train(&resumed, &mut ()).unwrap_err().to_string();
    assert!(e.contains("hidden: 16 in the checkpoint, 20 asked"), "{e}");
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

#[test]
fn pretrained_vectors_initialise_the_words_they_know() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(dir.path(), 1);
    let vectors = dir.path().join("v.txt");
    let rows: Vec<String> =
        ["good", "bad", "unseen"].iter().map(|w| format!("{w} {}", vec!["0.5"; 16].join(" "))).collect();
    std::fs::write(&vectors, format!("3 16\n{}\n", rows.join("\n"))).unwrap();
    s.embeddings = Some(vectors.clone());
    s.config.fine_tune = false;
    struct Notes(Vec<String>);
    impl arbor_core::Observer<EpochReport> for Notes {
        fn message(&mut self, text: &str) {
            self.0.push(text.to_string());
        }
    }
    let mut notes = Notes(Vec::new());
    train(&s, &mut notes).unwrap();
    assert!(
        notes.0.iter().any(|n| n.starts_with("3 of ") && n.contains("initialised from 3 vectors")),
        "{:?}",
        notes.0
    );
    // Frozen: the vectors are in the saved model as given (scaled to unit variance).
    let words: serde_json::Value = serde_json::from_slice(&std::fs::read(s.out.join("words.json")).unwrap()).unwrap();
    assert!(words["words"].as_array().unwrap().iter().any(|w| w == "unseen"), "pretrained words join the vocabulary");
    s.model.embedding = 8;
    s.force = true;
    let e = train(&s, &mut ()).unwrap_err().to_string();
    assert!(e.contains("the vectors have 16 dimensions, the model's embeddings 8: give --embedding 16"), "{e}");
}

#[test]
fn a_tokenizer_model_travels_with_the_classifier() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(dir.path(), 1);
    s.model.tokenization = Tokenization::Model;
    s.model.pooling = Pooling::Max;
    s.tokenizer = Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt-rules")));
    train(&s, &mut ()).unwrap();
    assert!(s.out.join("tokenizer/metadata.json").is_file());
    let moved = dir.path().join("moved");
    std::fs::rename(&s.out, &moved).unwrap();
    let m = Classifier::load(&moved, Device::Cpu).unwrap();
    assert_eq!(m.config().tokenization, Tokenization::Model);
    assert_eq!(m.predict(&["It wasn't good."])[0].tokens, 5); // It was n't good .
    std::fs::remove_dir_all(moved.join("tokenizer")).unwrap();
    assert!(Classifier::load(&moved, Device::Cpu).is_err());
}

#[test]
fn bad_data_is_named_by_file_and_line() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let s = spec(dir.path(), 1);
    let cases = [
        ("train.tsv", "pos\tgood\nneg bad\n", "train.tsv:2: no tab"),
        ("train.tsv", "pos\tgood\nneg\t \n", "train.tsv:2: an empty text"),
        ("train.tsv", "pos\tgood\npos\tgreat\n", "one label only ('pos')"),
        (
            "dev.tsv",
            "pos\tgood\nmeh\tso so\n",
            "dev.tsv:2: label 'meh' is not among the training labels (mixed, neg, pos)",
        ),
    ];
    for (file, text, expected) in cases {
        let s = spec(dir.path(), 1); // fresh files
        std::fs::write(dir.path().join(file), text).unwrap();
        let e = train(&TrainSpec { force: true, ..s }, &mut ()).unwrap_err().to_string();
        assert!(e.contains(expected), "{file} {text:?}: {e}");
    }
    let bad =
        TrainSpec { config: TrainConfig { batch_size: 0, ..s.config.clone() }, force: true, ..spec(dir.path(), 1) };
    assert!(train(&bad, &mut ()).unwrap_err().to_string().contains("batch_size"));
    // Another model kind is refused by the loader.
    let other = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt-rules");
    let e = Classifier::load(other, Device::Cpu).err().unwrap().to_string();
    assert!(e.contains("classifier"), "{e}");
}

/// On a GPU: training runs there (the seconds of an epoch are printed) and learns the toy set,
/// and a model trained on the CPU gives the same labels on CUDA.
#[cfg(feature = "cuda-tests")]
#[test]
fn cuda_trains_and_agrees_with_the_cpu() {
    let guard = serial();
    let cuda = Device::Cuda(0);
    assert!(arbor_nn::load_cuda_backend() && tch::Cuda::is_available(), "cuda-tests need a CUDA device");
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(dir.path(), 8);
    s.device = cuda;
    let reports = train(&s, &mut ()).unwrap();
    for r in &reports {
        println!(
            "cuda epoch {}: {:.2} s, {:.0} texts/s, dev accuracy {:.3}",
            r.epoch, r.seconds, r.texts_per_second, r.dev_accuracy
        );
    }
    assert_eq!(reports.iter().map(|r| r.dev_accuracy).fold(0.0, f64::max), 1.0);
    drop(guard); // `trained()` takes the lock itself
    let model = &trained().0;
    let _serial = serial();
    let (cpu, gpu) = (Classifier::load(model, Device::Cpu).unwrap(), Classifier::load(model, cuda).unwrap());
    let texts: Vec<String> = toy(200, 9).lines().map(|l| l.split('\t').nth(1).unwrap().to_string()).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let labels = |m: &Classifier| m.predict(&texts).into_iter().map(|p| p.label).collect::<Vec<_>>();
    assert_eq!(labels(&cpu), labels(&gpu));
}
