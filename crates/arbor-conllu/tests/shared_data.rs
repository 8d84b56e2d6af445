//! Checks against `../shared/data` (UD EWT and the UD validator's cases). They need the data, so
//! they are `#[ignore]`d in the plain test run; `.ci/run` runs them with `--ignored` and
//! `ARBOR_DATA` set. Run by hand: `ARBOR_DATA=../shared/data cargo test -p arbor-conllu -- --ignored`.

mod common;

use std::path::{Path, PathBuf};

use arbor_conllu::eval::{evaluate_named, Metric, Options};
use arbor_conllu::{read_file, Reader, Writer};

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("ARBOR_DATA").map(PathBuf::from).unwrap_or_else(|| {
        panic!("ARBOR_DATA is not set: point it at the shared data folder (e.g. ../shared/data) holding ud/UD_English-EWT and ud-tools-cases")
    });
    assert!(dir.is_dir(), "ARBOR_DATA={} is not a directory", dir.display());
    dir
}

fn conllu_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "conllu") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn every_well_formed_treebank_round_trips_byte_for_byte() {
    let data = data_dir();
    let files: Vec<_> =
        conllu_files(&data).into_iter().filter(|p| !p.to_string_lossy().contains("invalid-level1")).collect();
    assert!(files.len() >= 13, "expected EWT, valid/ and eval/ files under {}, found {files:?}", data.display());
    for path in files {
        let original = std::fs::read(&path).unwrap();
        let sentences = read_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::with_capacity(original.len());
        Writer::new(&mut out).write_all(&sentences).unwrap();
        assert!(out == original, "{} does not round-trip", path.display());
        eprintln!("round trip ok: {} ({} sentences)", path.display(), sentences.len());
    }
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn every_valid_case_is_accepted() {
    let dir = data_dir().join("ud-tools-cases/valid");
    let files = conllu_files(&dir);
    assert!(!files.is_empty());
    for path in files {
        read_file(&path).unwrap_or_else(|e| panic!("valid file rejected: {e}"));
    }
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn every_invalid_level1_case_is_rejected_with_file_and_line() {
    let dir = data_dir().join("ud-tools-cases/invalid-level1");
    let files = conllu_files(&dir);
    assert!(files.len() >= 30, "found {} files", files.len());
    for path in files {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let errors: Vec<_> = Reader::new(&bytes[..], name.clone()).filter_map(Result::err).collect();
        assert!(!errors.is_empty(), "{name} was accepted");
        for e in &errors {
            let msg = e.to_string();
            let loc = e.location().unwrap_or_else(|| panic!("{name}: error without location: {msg}"));
            assert!(msg.starts_with(&format!("{name}:{}: ", loc.line)), "{msg}");
            assert!(loc.line >= 1 && loc.line <= bytes.split(|&b| b == b'\n').count(), "{msg}");
        }
        eprintln!("{}", errors[0]);
    }
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data)"]
fn eval_reproduces_the_official_answer_on_czech_pud() {
    let dir = data_dir().join("ud-tools-cases/eval");
    let gold = read_file(dir.join("cs_pud-gold.conllu")).unwrap();
    let system = read_file(dir.join("cs_pud-udpipe-pdtc-ud-2.17-251125.conllu")).unwrap();
    let e = evaluate_named(&gold, "gold", &system, "system", &Options::default()).unwrap();
    let ours = common::parse_table(&arbor_conllu::eval::format_table(&e, true));
    let expected = common::parse_table(&std::fs::read_to_string(dir.join("eval.txt")).unwrap());
    assert_eq!(ours.len(), expected.len());
    for ((name, ours), (ename, theirs)) in ours.iter().zip(&expected) {
        assert_eq!(name, ename);
        assert_eq!(ours.len(), theirs.len(), "{name}");
        for (a, b) in ours.iter().zip(theirs) {
            assert!((a - b).abs() <= 0.01 + 1e-9, "{name}: ours {a}, official {b}");
        }
    }
    assert!(e[Metric::Las].f1 > 0.8);
}
