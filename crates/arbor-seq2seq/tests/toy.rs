//! The network learns a toy task (reversing short strings) exactly, reproducibly, and the
//! same whether interrupted or not; the search and the loader behave at their edges.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arbor_seq2seq::train::{train, EpochReport, TrainSpec};
use arbor_seq2seq::{Decoding, Seq2seq, Seq2seqConfig, TrainConfig};
use rand::{Rng, SeedableRng};
use tch::Device;

fn reversal_pairs(n: usize, seed: u64) -> String {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut out = String::new();
    for _ in 0..n {
        let len = rng.gen_range(2..=6);
        let s: String = (0..len).map(|_| b"abcdef"[rng.gen_range(0..6)] as char).collect();
        out.push_str(&format!("{s}\t{}\n", s.chars().rev().collect::<String>()));
    }
    out
}

fn spec(dir: &Path, epochs: usize) -> TrainSpec {
    std::fs::write(dir.join("train.tsv"), reversal_pairs(1200, 1)).unwrap();
    std::fs::write(dir.join("dev.tsv"), reversal_pairs(100, 2)).unwrap();
    TrainSpec {
        train: dir.join("train.tsv"),
        dev: dir.join("dev.tsv"),
        out: dir.join("model"),
        model: Seq2seqConfig { embedding: 16, hidden: 48, encoder_layers: 1, dropout: 0.0, ..Seq2seqConfig::default() },
        config: TrainConfig { epochs, batch_size: 16, lr: 0.01, threads: 1, patience: 0, ..TrainConfig::default() },
        device: Device::Cpu,
        resume: false,
        force: false,
        command: None,
    }
}

/// libtorch's random generator (and its thread count) is one per process: two trainings in
/// parallel test threads would draw from each other's stream. Every test that trains holds
/// this lock, so that "the same seed gives the same model" is tested as users run it.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A model directory loaded under the lock: building the network draws its (then overwritten)
/// initial weights from the process's one generator, which would shift the stream of a
/// training running in a parallel test.
fn load(model: &Path) -> arbor_seq2seq::Result<Seq2seq> {
    let _serial = serial();
    Seq2seq::load(model, Device::Cpu)
}

/// One model trained for the tests that only use it.
fn trained() -> &'static (PathBuf, Vec<EpochReport>) {
    static MODEL: OnceLock<(PathBuf, Vec<EpochReport>)> = OnceLock::new();
    MODEL.get_or_init(|| {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap().keep();
        let reports = train(&spec(&dir, 12), &mut ()).unwrap();
        (dir.join("model"), reports)
    })
}

#[test]
fn it_learns_to_reverse_strings_exactly() {
    let (model, reports) = trained();
    let best = reports.iter().map(|r| r.dev_wer).fold(1.0, f64::min);
    assert_eq!(best, 0.0, "dev word error rates: {:?}", reports.iter().map(|r| r.dev_wer).collect::<Vec<_>>());
    let m = load(model).unwrap();
    assert_eq!(m.apply(&["abcdef", "fed", "ab"]), ["fedcba", "def", "ba"]);
}

#[test]
fn beam_one_is_greedy_and_wider_beams_rank_their_hypotheses() {
    let m = load(&trained().0).unwrap();
    let sources = ["abc", "ffeda", "cab", "e"];
    let greedy = m.apply_with(&sources, &Decoding::default(), true).unwrap();
    let beam1 = m.apply_with(&sources, &Decoding { beam: 1, ..Decoding::default() }, true).unwrap();
    assert_eq!(greedy, beam1);
    let wide = m.apply_with(&sources, &Decoding { beam: 5, nbest: 3, ..Decoding::default() }, false).unwrap();
    for (g, w) in greedy.iter().zip(&wide) {
        assert_eq!(w.predictions.len(), 3);
        assert!(w.predictions.windows(2).all(|p| p[0].score >= p[1].score));
        assert!(w.predictions[0].score >= g.predictions[0].score - 1e-6);
        // Attention: a row per output symbol over the source symbols, each summing to 1.
        let p = &g.predictions[0];
        assert_eq!(p.attention.len(), p.symbols.len());
        for row in &p.attention {
            assert_eq!(row.len(), g.source_symbols.len());
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        }
    }
    assert!(m.apply_with(&sources, &Decoding { beam: 2, nbest: 3, ..Decoding::default() }, false).is_err());
}

#[test]
fn odd_sources_get_an_answer_that_says_what_happened() {
    let m = load(&trained().0).unwrap();
    let long = "ab".repeat(5_000);
    let out = m.apply_with(&["", "axyb", &long], &Decoding::default(), false).unwrap();
    assert_eq!((out[0].predictions[0].text.as_str(), out[0].unknown), ("", 0));
    assert_eq!(out[1].unknown, 2);
    assert_eq!(out[2].cut_from, Some(10_000));
    assert_eq!(out[2].source_symbols.len(), m.config().max_source);
    // The output is bounded by the maximum length for the cut source.
    let max = Decoding::default().max_len(m.config().max_source);
    assert!(out[2].predictions[0].symbols.len() <= max);
}

#[test]
fn the_same_seed_gives_the_same_model_and_resume_continues_exactly() {
    let _serial = serial();
    let weights = |dir: &Path| std::fs::read(dir.join("model/weights.safetensors")).unwrap();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let mut s = spec(a.path(), 2);
    s.config.checkpoint_every = 20;
    // Keep a copy of the run as it stood after the checkpoint of batch 20 of epoch 2.
    let copy = tempfile::tempdir().unwrap();
    let out = s.out.clone();
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
            if self.epoch == 2 && done == 21 {
                for entry in walk(self.out) {
                    let to = self.copy.join(entry.strip_prefix(self.out).unwrap());
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::copy(&entry, to).unwrap();
                }
            }
        }
    }
    train(&s, &mut Snapshot { out: &out, copy: copy.path(), epoch: 0 }).unwrap();
    let mut again = spec(b.path(), 2);
    again.config.checkpoint_every = 20;
    train(&again, &mut ()).unwrap();
    assert_eq!(weights(a.path()), weights(b.path()), "same seed, different models");
    // Resume from the copy: the same final model.
    let mut resumed = spec(a.path(), 2);
    resumed.config.checkpoint_every = 20;
    resumed.out = copy.path().to_path_buf();
    resumed.resume = true;
    let reports = train(&resumed, &mut ()).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(std::fs::read(copy.path().join("weights.safetensors")).unwrap(), weights(a.path()));
    // Another seed, another model.
    let c = tempfile::tempdir().unwrap();
    let mut other = spec(c.path(), 2);
    other.config.seed = 99;
    train(&other, &mut ()).unwrap();
    assert_ne!(weights(c.path()), weights(a.path()));
}

/// Source features steer the output: the same string is reversed or copied as its feature says.
#[test]
fn a_source_feature_selects_what_is_done() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(dir.path(), 12);
    let mut pairs = String::new();
    for (i, line) in reversal_pairs(1200, 3).lines().enumerate() {
        let (source, reversed) = line.split_once('\t').unwrap();
        if i % 2 == 0 {
            pairs.push_str(&format!("{source}\t{reversed}\tREV\n"));
        } else {
            pairs.push_str(&format!("{source}\t{source}\tCOPY\n"));
        }
    }
    std::fs::write(&s.train, &pairs).unwrap();
    std::fs::write(&s.dev, "abc\tcba\tREV\nabc\tabc\tCOPY\nfeda\tadef\tREV\nfeda\tfeda\tCOPY\n").unwrap();
    s.model.feature_dim = 8;
    let reports = train(&s, &mut ()).unwrap();
    assert_eq!(reports.iter().map(|r| r.dev_wer).fold(1.0, f64::min), 0.0);
    let m = Seq2seq::load(&s.out, Device::Cpu).unwrap();
    assert!(m.takes_features());
    let out =
        m.apply_features(&[("bcde", "REV"), ("bcde", "COPY"), ("ab", "OTHER")], &Decoding::default(), false).unwrap();
    assert_eq!((out[0].predictions[0].text.as_str(), out[1].predictions[0].text.as_str()), ("edcb", "bcde"));
    assert_eq!((out[0].unknown, out[2].unknown), (0, 1));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn another_kind_of_model_or_broken_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m");
    std::fs::create_dir(&model).unwrap();
    let lm = arbor_core::Metadata::new("lm", 1);
    std::fs::write(model.join("metadata.json"), serde_json::to_string(&lm).unwrap()).unwrap();
    let e = load(&model).err().unwrap().to_string();
    assert!(e.contains("lm") && e.contains("seq2seq"), "{e}");
    // A config asking for more weights than the file has.
    let src = &trained().0;
    for f in ["metadata.json", "source.json", "target.json", "weights.safetensors"] {
        std::fs::copy(src.join(f), model.join(f)).unwrap();
    }
    let config =
        std::fs::read_to_string(src.join("config.json")).unwrap().replace("\"hidden\": 48", "\"hidden\": 8000");
    std::fs::write(model.join("config.json"), config).unwrap();
    let e = load(&model).err().unwrap().to_string();
    assert!(e.contains("weights"), "{e}");
}

/// On a GPU: training runs there (the seconds of an epoch are printed), and a model trained on
/// the CPU gives the same greedy outputs on CUDA.
#[cfg(feature = "cuda-tests")]
#[test]
fn cuda_trains_and_agrees_with_the_cpu() {
    let guard = serial();
    let cuda = Device::Cuda(0);
    assert!(arbor_nn::load_cuda_backend() && tch::Cuda::is_available(), "cuda-tests need a CUDA device");
    let dir = tempfile::tempdir().unwrap();
    let mut s = spec(dir.path(), 3);
    s.device = cuda;
    let reports = train(&s, &mut ()).unwrap();
    for r in &reports {
        println!(
            "cuda epoch {}: {:.2} s, {:.0} pairs/s, dev WER {:.3}",
            r.epoch, r.seconds, r.pairs_per_second, r.dev_wer
        );
    }
    drop(guard); // `trained()` takes the lock itself
    let model = &trained().0;
    let _serial = serial();
    let cpu = Seq2seq::load(model, Device::Cpu).unwrap();
    let gpu = Seq2seq::load(model, cuda).unwrap();
    let sources: Vec<String> =
        reversal_pairs(300, 7).lines().map(|l| l.split('\t').next().unwrap().to_string()).collect();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    assert_eq!(cpu.apply(&sources), gpu.apply(&sources));
    let beam = Decoding { beam: 4, nbest: 2, ..Decoding::default() };
    let (a, b) = (cpu.apply_with(&sources, &beam, false).unwrap(), gpu.apply_with(&sources, &beam, false).unwrap());
    let texts = |o: &[arbor_seq2seq::Output]| o.iter().map(|o| o.predictions[0].text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&a), texts(&b));
}
