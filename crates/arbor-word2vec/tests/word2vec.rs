//! Training behaviour, formats and bad input on corpora written here.

use std::path::{Path, PathBuf};

use arbor_word2vec::{read_vectors, train, write_vectors, Corpus, Format, Model, Tokenization, TrainConfig};

/// Two "topics" whose words co-occur only within their topic.
fn topical_corpus(dir: &Path) -> PathBuf {
    let animals = ["cat", "dog", "horse", "cow", "sheep", "goat"];
    let tools = ["hammer", "saw", "drill", "wrench", "chisel", "pliers"];
    let mut text = String::new();
    let mut x = 7u64;
    let mut next = |n: usize| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 33) as usize % n
    };
    for i in 0..3000 {
        let topic = if i % 2 == 0 { &animals } else { &tools };
        let line: Vec<&str> = (0..12).map(|_| topic[next(topic.len())]).collect();
        text.push_str(&line.join(" "));
        text.push('\n');
    }
    let path = dir.join("corpus.txt");
    std::fs::write(&path, text).unwrap();
    path
}

fn config(model: Model, threads: usize) -> TrainConfig {
    TrainConfig { model, dim: 16, epochs: 3, threads, min_count: 1, sample: 0.0, ..TrainConfig::default() }
}

#[test]
fn both_models_put_words_of_a_topic_together() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    for model in [Model::SkipGram, Model::Cbow] {
        let e = train(&corpus, &config(model, 2), &mut ()).unwrap();
        let within = e.similarity("cat", "dog").unwrap();
        let across = e.similarity("cat", "hammer").unwrap();
        assert!(within > across + 0.3, "{model:?}: cat~dog {within}, cat~hammer {across}");
        let near: Vec<String> = e.most_similar("drill", 3).unwrap().into_iter().map(|(w, _)| w).collect();
        assert!(near.iter().all(|w| ["hammer", "saw", "wrench", "chisel", "pliers"].contains(&w.as_str())), "{near:?}");
    }
}

#[test]
fn one_thread_and_a_seed_give_identical_vectors_and_resume_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    let a = train(&corpus, &config(Model::SkipGram, 1), &mut ()).unwrap();
    let b = train(&corpus, &config(Model::SkipGram, 1), &mut ()).unwrap();
    assert!(a.matrix() == b.matrix(), "two runs with one thread and the same seed differ");
    let mut other = config(Model::SkipGram, 1);
    other.seed = 2;
    assert!(train(&corpus, &other, &mut ()).unwrap().matrix() != a.matrix());

    // Interrupted after two of three epochs, then resumed: the same vectors as three at once.
    let mut c = config(Model::SkipGram, 1);
    c.checkpoint = Some(dir.path().join("ck"));
    c.stop_after_epochs = Some(2);
    let partial = train(&corpus, &c, &mut ()).unwrap();
    assert!(partial.matrix() != a.matrix());
    c.stop_after_epochs = None;
    let resumed = train(&corpus, &c, &mut ()).unwrap();
    assert!(resumed.matrix() == a.matrix(), "resuming from the checkpoint differs from an uninterrupted run");
}

#[test]
fn text_and_binary_files_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    let e = train(&corpus, &config(Model::Cbow, 1), &mut ()).unwrap();
    for format in [Format::Binary, Format::Text] {
        let path = dir.path().join(format!("v.{format:?}"));
        write_vectors(&e, &path, format).unwrap();
        let back = read_vectors(&path).unwrap();
        assert_eq!(back.words(), e.words());
        assert!(back.matrix() == e.matrix(), "{format:?} changes values");
    }
}

#[test]
fn a_binary_file_without_newlines_after_vectors_reads_too() {
    // gensim 4 writes no newline after each binary vector; word2vec.c does.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.bin");
    let mut bytes = b"2 2\n".to_vec();
    for (w, v) in [("a", [1.0f32, 2.0]), ("b", [3.0, -4.0])] {
        bytes.extend(w.as_bytes());
        bytes.push(b' ');
        v.iter().for_each(|x| bytes.extend(x.to_le_bytes()));
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = read_vectors(&path).unwrap();
    assert_eq!(e.words(), ["a", "b"]);
    assert_eq!(e.vector("b").unwrap(), [3.0, -4.0]);
}

#[test]
fn a_checkpoint_of_another_size_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    let mut c = config(Model::SkipGram, 1);
    c.checkpoint = Some(dir.path().join("ck"));
    c.stop_after_epochs = Some(1);
    train(&corpus, &c, &mut ()).unwrap();
    c.dim = 8;
    let e = train(&corpus, &c, &mut ()).unwrap_err().to_string();
    assert!(e.contains("the checkpoint is for 12 words x 16 dimensions, this run has 12 x 8"), "{e}");
}

#[test]
fn bad_input_gives_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cfg = TrainConfig { min_count: 5, threads: 1, epochs: 1, dim: 8, ..TrainConfig::default() };
    let err = |p: &Path| train(&Corpus::new(p, Tokenization::default()), &cfg, &mut ()).unwrap_err().to_string();
    assert!(err(&write("empty.txt", b"")).contains("empty corpus"));
    assert!(err(&write("rare.txt", b"a b c\nd e f\n")).contains("no word occurs at least 5 times"));
    let e = err(&write("bad.txt", b"fine words\nbad \xff byte\n"));
    assert!(e.contains("bad.txt:2: invalid UTF-8 at byte offset 15"), "{e}");
    // A 10 MB line without a newline trains (as sentences of 10,000 words).
    let long = "alpha beta gamma delta ".repeat(10 << 20 >> 5);
    let p = write("long.txt", long.as_bytes());
    let e = train(&Corpus::new(&p, Tokenization::default()), &cfg, &mut ()).unwrap();
    assert_eq!(e.len(), 4);

    let v = write("trunc.txt", b"3 2\na 1 2\nb 3 4\n");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("truncated: the header promises 3 vectors, found 2"));
    let v = write("trunc.bin", b"2 2\na \x00\x00\x80\x3f\x00\x00\x00\x40\nb \x00\x00");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("truncated"));
    // A header that promises more than the file holds is an error, not an allocation of 400 GB.
    let v = write("huge.txt", b"1000000000 100\nfoo 1 2\n");
    let e = read_vectors(&v).unwrap_err().to_string();
    assert!(e.contains("huge.txt: line 2: 2 values, expected 100"), "{e}");
    let v = write("huge2.txt", b"1000000000 2\nfoo 1 2\n");
    let e = read_vectors(&v).unwrap_err().to_string();
    assert!(e.contains("truncated: the header promises 1000000000 vectors, found 1"), "{e}");
    let v = write("huge.bin", b"4000000000 300\nfoo \x00\x00\x80\x3f");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("truncated"));
    // Found by fuzzing: a binary file whose dimension alone needs 31 GB per vector.
    let v = write("wide.bin", b"77777777777777772 7777777771\n 3\nt  71\n \x80\x00\x00\x00\x00\x00\x00\x04 72");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("line 1: a dimension of 7777777771"));
    let v = write("wide2.bin", b"77777777777777772 777771\n 3\nt  71\n \x80\x00\x00\x00\x00\x00\x00\x04 72");
    assert!(read_vectors(&v)
        .unwrap_err()
        .to_string()
        .contains("truncated: the header promises 77777777777777772 vectors, found 0"));
    // Found by fuzzing: no vectors, but a dimension of 28 billion (vertical tabs in the header),
    // or of 2^64 - 1 (which made a tensor shape of -1).
    let v = write("wide0.bin", b"\x0b\x0b0000\x0b\x0b000028529052632 2 1\n\x1e9\n\x1e\x009\n");
    let e = read_vectors(&v).unwrap_err().to_string();
    assert!(e.contains("line 1: a dimension of 28529052632; this reader takes at most 1048576"), "{e}");
    let v = write("wide1.txt", b"0 18446744073709551615\r\r");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("a dimension of 18446744073709551615"));
    let v = write("empty.txt", b"0 300\n");
    assert_eq!(read_vectors(&v).unwrap().len(), 0);
    let v = write("nohead.txt", b"a 1 2\n");
    assert!(read_vectors(&v).unwrap_err().to_string().contains("expected the header"));
}

/// The batched trainer draws its negatives from libtorch's one global generator, which it
/// seeds: its tests (CPU, and CUDA under `cuda-tests`) run one at a time so that none reseeds
/// it in the middle of another's run.
static TORCH_RNG: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn batched(model: Model, device: arbor_core::DeviceSpec) -> TrainConfig {
    TrainConfig { batched: true, device, batch_size: 256, alpha: 0.05, epochs: 5, ..config(model, 1) }
}

#[test]
fn the_batched_trainer_learns_the_topics_and_is_reproducible() {
    let _rng = TORCH_RNG.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    for model in [Model::SkipGram, Model::Cbow] {
        let e = train(&corpus, &batched(model, arbor_core::DeviceSpec::Cpu), &mut ()).unwrap();
        let within = e.similarity("cat", "dog").unwrap();
        let across = e.similarity("cat", "hammer").unwrap();
        assert!(within > across + 0.3, "batched {model:?}: cat~dog {within}, cat~hammer {across}");
    }
    let a = train(&corpus, &batched(Model::SkipGram, arbor_core::DeviceSpec::Cpu), &mut ()).unwrap();
    let b = train(&corpus, &batched(Model::SkipGram, arbor_core::DeviceSpec::Cpu), &mut ()).unwrap();
    assert!(a.matrix() == b.matrix(), "batched runs with the same seed differ");
}

#[cfg(feature = "cuda-tests")]
#[test]
fn the_batched_trainer_runs_on_cuda() {
    let _rng = TORCH_RNG.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(topical_corpus(dir.path()), Tokenization::default());
    for model in [Model::SkipGram, Model::Cbow] {
        let e = train(&corpus, &batched(model, arbor_core::DeviceSpec::Cuda(0)), &mut ()).unwrap();
        let within = e.similarity("cat", "dog").unwrap();
        let across = e.similarity("cat", "hammer").unwrap();
        assert!(within > across + 0.3, "cuda {model:?}: cat~dog {within}, cat~hammer {across}");
    }
}

#[test]
fn raw_text_goes_through_arbors_tokenizer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.txt");
    std::fs::write(&path, "Don't stop, Bob! Don't stop.\n".repeat(20)).unwrap();
    let cfg = TrainConfig { min_count: 1, sample: 0.0, dim: 4, epochs: 1, threads: 1, ..TrainConfig::default() };
    let e = train(&Corpus::new(&path, Tokenization { tokenize: true, lowercase: true }), &cfg, &mut ()).unwrap();
    let mut words = e.words().to_vec();
    words.sort();
    assert_eq!(words, ["!", ",", ".", "bob", "do", "n't", "stop"]);
}
