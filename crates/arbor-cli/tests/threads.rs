//! `arbor parse` with several workers: the same output as one worker, in input order, whatever
//! the batch size (batches are tokenized, packed and decoded differently, the results are not);
//! an error in the input comes after everything read before it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora").join(name)
}

fn parse(args: &[&str], input: &Path) -> Output {
    let o = arbor().args(["parse", "--quiet"]).args(args).arg("--file").arg(input).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn workers_and_batch_sizes_do_not_change_the_output() {
    // Six copies of the sample texts: with small batches, many jobs for the workers.
    let dir = tempfile::tempdir().unwrap();
    let many = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, std::fs::read_to_string(sample(name)).unwrap().repeat(6)).unwrap();
        path
    };
    for (input, extra) in [(many("sample.txt"), &[][..]), (many("sample.conllu"), &["--input", "conllu"][..])] {
        let one = parse(&[extra, &["--threads", "1"]].concat(), &input).stdout;
        let text = String::from_utf8_lossy(&one).into_owned();
        assert!(text.matches("# sent_id = ").count() >= 24, "{text}");
        for (threads, batch) in [("1", "7"), ("2", "7"), ("3", "30"), ("2", "4096")] {
            let o = parse(&[extra, &["--threads", threads, "--batch-size", batch]].concat(), &input);
            assert_eq!(String::from_utf8_lossy(&o.stdout), text, "{input:?} --threads {threads} --batch-size {batch}");
        }
    }
}

#[test]
fn an_input_error_comes_after_every_sentence_read_before_it() {
    let good = std::fs::read_to_string(sample("sample.conllu")).unwrap();
    let sentences = good.matches("\n\n").count();
    let mut input = good.clone();
    input.push_str("1\tbroken\n\n");
    let mut child = arbor()
        .args(["parse", "--quiet", "--input", "conllu", "--threads", "2", "--batch-size", "5", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("<stdin>") || err.contains("line"), "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.matches("\n\n").count(), sentences, "every good sentence is written: {out}");
}

#[test]
fn tokenize_profile_counts_every_character_and_leaves_the_output_alone() {
    let input = sample("sample.txt");
    let chars = std::fs::read_to_string(&input).unwrap().chars().count();
    for extra in [&[][..], &["--rules"][..]] {
        let run = |profile: bool| {
            let mut c = arbor();
            c.arg("tokenize").args(extra).args(["--threads", "2"]).arg(&input);
            if profile {
                c.arg("--profile");
            }
            let o = c.output().unwrap();
            assert!(o.status.success(), "{extra:?}: {}", String::from_utf8_lossy(&o.stderr));
            o
        };
        let (plain, profiled) = (run(false), run(true));
        assert_eq!(plain.stdout, profiled.stdout, "{extra:?}");
        assert!(plain.stderr.is_empty(), "{}", String::from_utf8_lossy(&plain.stderr));
        let err = String::from_utf8_lossy(&profiled.stderr);
        let last = err.lines().last().unwrap_or_default();
        assert!(last.starts_with("wall time after loading"), "{err}");
        // Line breaks are counted as the units read them (one each, CRLF included), so the
        // count may differ from the file's by the blank lines between paragraphs, never more.
        let counted: usize = last.split('(').nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
        let lines = std::fs::read_to_string(&input).unwrap().lines().count();
        assert!(counted <= chars && counted + lines >= chars, "{counted} of {chars} characters: {err}");
        // The trained tokenizer's BiLSTM is a stage of its own; the rule tokenizer has none.
        assert_eq!(err.contains("tokenizer BiLSTM"), extra.is_empty(), "{extra:?}: {err}");
    }
}
