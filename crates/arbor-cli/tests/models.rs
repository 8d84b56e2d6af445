//! Data-backed checks of the bundled models (`models/en_ewt/tokenizer` and `-fast`,
//! `models/en_ewt/parser`, `models/en_ewt/lemmatizer` on UD English EWT test, `models/en-g2p` on
//! CMUdict test), plus the streaming memory bound of `arbor parse`. They need the
//! shared data (ARBOR_DATA) and, for the outside judges, `udeval`/`udvalidate` (ARBOR_UDEVAL,
//! ARBOR_PYTHON's udtools); `.ci/run` provides all of them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use arbor::conllu::eval::{evaluate, Metric, Options};
use arbor::conllu::Sentence;
use arbor::text::Tokenizer;

fn data() -> PathBuf {
    PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"))
}

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

fn ewt(part: &str) -> PathBuf {
    let p = data().join(format!("ud/UD_English-EWT/en_ewt-ud-{part}.conllu"));
    assert!(p.is_file(), "missing {}: the EWT treebank is part of the shared data", p.display());
    p
}

/// EWT test as raw text: sentences of a paragraph joined by a space, paragraphs by a blank line.
fn raw_text(gold: &[Sentence]) -> String {
    let (paragraphs, skipped) = arbor::segment::data::paragraphs(gold);
    assert_eq!(skipped, 0, "every EWT test sentence's tokens match its # text");
    arbor::segment::data::raw_text(&paragraphs)
}

fn recorded(model: &str, score: &str) -> f64 {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(models().join(model).join("metadata.json")).unwrap()).unwrap();
    meta["scores"][score].as_f64().unwrap_or_else(|| panic!("{model} records no {score}"))
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn the_trained_tokenizers_offsets_slice_out_every_ewt_test_token_and_score_as_recorded() {
    let gold = arbor::conllu::read_file(ewt("test")).unwrap();
    let text = raw_text(&gold);
    let chars: Vec<char> = text.chars().collect();
    for model in ["en_ewt/tokenizer", "en_ewt-tokenizer-fast"] {
        let tok = arbor::segment::TrainedTokenizer::load(models().join(model), tch::Device::Cpu).unwrap();
        let system = tok.tokenize(&text);
        let mut tokens = 0;
        for s in &system {
            for t in s.tokens() {
                let (a, b) = t.misc_value("TokenRange").unwrap().split_once(':').unwrap();
                let slice: String = chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
                assert_eq!(slice, t.form(), "{model}");
                tokens += 1;
            }
        }
        assert!(tokens > 20_000);
        let e = evaluate(&gold, &system, &Options { multiple_roots_okay: true }).unwrap();
        for (m, key) in
            [(Metric::Tokens, "test_tokens"), (Metric::Words, "test_words"), (Metric::Sentences, "test_sentences")]
        {
            let got = e[m].f1 * 100.0;
            assert!((got - recorded(model, key)).abs() < 0.005, "{model} {key}: {got:.2}");
        }
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn udeval_las(gold: &Path, system: &Path) -> (f64, f64) {
    let udeval = std::env::var("ARBOR_UDEVAL").unwrap_or_else(|_| "udeval".into());
    let table = run(Command::new(&udeval).arg("-v").arg(gold).arg(system));
    let f1 = |metric: &str| -> f64 {
        let line = table.lines().find(|l| l.starts_with(&format!("{metric} "))).unwrap();
        line.split('|').nth(3).unwrap().trim().parse().unwrap()
    };
    (f1("LAS"), f1("UPOS"))
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data) and udeval"]
fn the_bundled_parser_scores_as_recorded_by_arbor_eval_and_udeval_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("test.parsed.conllu");
    let out =
        run(Command::new(env!("CARGO_BIN_EXE_arbor")).args(["parse", "--quiet", "--input", "conllu"]).arg(ewt("test")));
    std::fs::write(&system, out).unwrap();
    let gold = arbor::conllu::read_file(ewt("test")).unwrap();
    let e = evaluate(&gold, &arbor::conllu::read_file(&system).unwrap(), &Options::default()).unwrap();
    let (las, upos) = (e[Metric::Las].f1 * 100.0, e[Metric::Upos].f1 * 100.0);
    assert!((las - recorded("en_ewt/parser", "test_las")).abs() < 0.005, "LAS {las:.2}");
    assert!((upos - recorded("en_ewt/parser", "test_upos")).abs() < 0.005, "UPOS {upos:.2}");
    let (u_las, u_upos) = udeval_las(&ewt("test"), &system);
    assert!((u_las - las).abs() < 0.006 && (u_upos - upos).abs() < 0.006, "udeval {u_las} {u_upos}");
    let python = std::env::var("ARBOR_PYTHON").unwrap_or_else(|_| "python3".into());
    let validator = Path::new(&python).with_file_name("udvalidate");
    run(Command::new(validator).args(["--lang", "en", "--level", "2"]).arg(&system));
}

/// Peak resident memory of a running process, from /proc (VmHWM), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn a_million_words_of_raw_text_stream_through_parse_in_bounded_memory() {
    let corpus = data().join("w2v/enwiki2015.raw.10M.txt");
    let text = std::fs::read_to_string(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display()));
    let (mut words, mut end) = (0, 0);
    for line in text.split_inclusive('\n') {
        if words >= 1_000_000 {
            break;
        }
        words += line.split_whitespace().count();
        end += line.len();
    }
    let input = text[..end].to_string();
    drop(text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_arbor"))
        .args(["parse", "--quiet", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let started = std::time::Instant::now();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).map(|()| started.elapsed()));
    let mut stdout = child.stdout.take().unwrap();
    let counter = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let (mut lines, mut first_at) = (0usize, None);
        loop {
            let n = stdout.read(&mut buf).unwrap();
            if n == 0 {
                return (lines, first_at);
            }
            first_at.get_or_insert(started.elapsed());
            lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
    });
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(peak_rss_kib(pid).unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let input_written = writer.join().unwrap().unwrap();
    let (sentences, first_output) = counter.join().unwrap();
    let first_output = first_output.expect("some output");
    assert!(first_output < input_written, "first output after {first_output:?}, input written after {input_written:?}");
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(sentences > 30_000, "{sentences} sentences for {words} words");
    eprintln!("{words} words, {sentences} sentences, peak RSS {} MiB", peak / 1024);
    assert!(peak > 0 && peak < 1024 * 1024, "peak RSS {} MiB", peak / 1024);
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn the_bundled_g2p_model_scores_on_cmudict_test_as_recorded() {
    use arbor::seq2seq::{evaluate, read_pairs, references, Decoding, Level, Seq2seq};
    let path = data().join("g2p/cmudict-test.tsv");
    assert!(path.is_file(), "missing {}: CMUdict is part of the shared data", path.display());
    let refs = references(&read_pairs(&path, Level::Char, usize::MAX).unwrap());
    assert_eq!(refs.len(), 6357);
    let inputs: Vec<(&str, &str)> = refs.iter().map(|r| (r.source.as_str(), r.features.as_str())).collect();
    let targets: Vec<Vec<String>> = refs.iter().map(|r| r.targets.clone()).collect();
    let model = Seq2seq::load(models().join("en-g2p"), tch::Device::Cpu).unwrap();
    for (beam, suffix) in [(1, ""), (5, "_beam5")] {
        let decoding = Decoding { beam, ..Decoding::default() };
        let outputs = model.apply_features(&inputs, &decoding, false).unwrap();
        let texts: Vec<String> = outputs.into_iter().map(|mut o| o.predictions.swap_remove(0).text).collect();
        let s = evaluate::score(Level::Token, &targets, &texts);
        for (key, value) in [("test_wer", s.wer), ("test_per", s.ser)] {
            let key = format!("{key}{suffix}");
            let expected = recorded("en-g2p", &key);
            assert!(
                (value * 100.0 - expected).abs() < 0.01,
                "{key}: {:.2} measured, {expected:.2} recorded",
                value * 100.0
            );
        }
    }
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data) and udeval"]
fn the_bundled_lemmatizer_scores_as_recorded_with_predicted_tags_and_from_raw_text() {
    let dir = tempfile::tempdir().unwrap();
    let gold_path = ewt("test");
    let gold = arbor::conllu::read_file(&gold_path).unwrap();
    let tokenized = dir.path().join("tokenized.conllu");
    std::fs::write(
        &tokenized,
        run(Command::new(env!("CARGO_BIN_EXE_arbor")).args(["parse", "--quiet", "--input", "conllu"]).arg(&gold_path)),
    )
    .unwrap();
    let raw = dir.path().join("raw.txt");
    std::fs::write(&raw, raw_text(&gold)).unwrap();
    let from_raw = dir.path().join("raw.conllu");
    std::fs::write(
        &from_raw,
        run(Command::new(env!("CARGO_BIN_EXE_arbor")).args(["parse", "--quiet", "--file"]).arg(&raw)),
    )
    .unwrap();
    let udeval = std::env::var("ARBOR_UDEVAL").unwrap_or_else(|_| "udeval".into());
    for (system, key) in [(&tokenized, "test_lemmas"), (&from_raw, "test_lemmas_raw")] {
        let e = evaluate(&gold, &arbor::conllu::read_file(system).unwrap(), &Options::default()).unwrap();
        let lemmas = e[Metric::Lemmas].f1 * 100.0;
        let expected = recorded("en_ewt/lemmatizer", key);
        assert!((lemmas - expected).abs() < 0.005, "{key}: {lemmas:.2} measured, {expected:.2} recorded");
        let table = run(Command::new(&udeval).arg("-v").arg(&gold_path).arg(system));
        let line = table.lines().find(|l| l.starts_with("Lemmas ")).unwrap();
        let official: f64 = line.split('|').nth(3).unwrap().trim().parse().unwrap();
        assert!((official - lemmas).abs() < 0.006, "udeval {official}, arbor eval {lemmas:.2}");
    }
}
