//! `arbor classify train|predict|eval` end to end on a toy set, and the bad inputs a user could
//! give it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        arbor().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The child may stop reading early (an error): a closed pipe is then expected.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// Reviews whose one cue word gives the label.
fn toy() -> String {
    let mut out = String::new();
    for (i, filler) in ["the film was", "a story and a plot", "it had actors", "quite the ending"].iter().enumerate() {
        for (label, cue) in [("pos", "good"), ("neg", "bad"), ("pos", "great"), ("neg", "dull")] {
            out.push_str(&format!("{label}\t{filler} {cue}.\n"));
            out.push_str(&format!("{label}\t{cue}, {filler} {}.\n", ["so", "then", "and", "too"][i]));
        }
    }
    out.repeat(4)
}

fn train(dir: &Path, data: &Path, extra: &[&str]) -> Output {
    arbor()
        .args(["classify", "train", "--train"])
        .arg(data)
        .arg("--dev")
        .arg(data)
        .arg("--out")
        .arg(dir.join("model"))
        .args(["--embedding", "16", "--hidden", "16", "--lr", "0.01", "--threads", "1", "--device", "cpu"])
        .args(extra)
        .output()
        .unwrap()
}

fn tiny_model(dir: &Path) -> PathBuf {
    let data = dir.join("data.tsv");
    std::fs::write(&data, toy()).unwrap();
    let o = train(dir, &data, &["--epochs", "6", "--patience", "0"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let log = text(&o.stderr);
    assert!(log.contains("epoch   6") && log.contains("dev acc") && log.contains("best dev accuracy 100.00%"), "{log}");
    dir.join("model")
}

#[test]
fn train_predict_and_eval_a_toy_set() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let model = model.to_str().unwrap();
    let o = with_stdin(&["classify", "predict", "--model", model], b"what a good film\nso dull\n\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("pos\tneg:") && lines[0].contains("\tpos:"), "{out}");
    assert!(lines[1].starts_with("neg\t"), "{out}");
    let o = with_stdin(&["classify", "predict", "--model", model, "--format", "json"], b"good\n");
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(v["label"], "pos");
    let p = v["probabilities"]["pos"].as_f64().unwrap() + v["probabilities"]["neg"].as_f64().unwrap();
    assert!((p - 1.0).abs() < 1e-4, "{v}");
    let data = dir.path().join("data.tsv");
    let o = arbor().args(["classify", "eval", "--model", model]).arg(&data).output().unwrap();
    let out = text(&o.stdout);
    assert!(o.status.success() && out.contains("accuracy 100.00%") && out.contains("macro-F1 100.00"), "{out}");
    assert!(
        out.contains("confusion (rows gold, columns predicted: neg, pos)")
            && out.contains("neg                  64      0"),
        "{out}"
    );
    let o = arbor().args(["classify", "eval", "--json", "--model", model]).arg(&data).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v["accuracy"].as_f64(), v["classes"][1]["support"].as_u64()), (Some(1.0), Some(64)));
}

#[test]
fn long_texts_are_cut_with_a_warning_and_output_streams() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let model = model.to_str().unwrap();
    let megabyte = format!("short\n{}\n", "good film ".repeat(110_000));
    let o = with_stdin(&["classify", "predict", "--model", model], megabyte.as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().count(), 2);
    let err = text(&o.stderr);
    assert!(err.contains("<stdin>:2: the text has 220000 tokens; only its first 1000 were read"), "{err}");
    // The first answer comes before the input ends (one line at a time with --batch-size 1).
    let mut child = arbor()
        .args(["classify", "predict", "--batch-size", "1", "--model", model])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"good\n").unwrap();
    stdin.flush().unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first).unwrap();
    assert!(first.starts_with("pos\t"), "{first}");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn bad_files_options_and_models_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let m = model.to_str().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "pos\tgood\nneutral\tit was\n").unwrap();
    let o = arbor().args(["classify", "eval", "--model", m]).arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("bad.tsv:2: label 'neutral' is not one of the model's (neg, pos)"),
        "{}",
        text(&o.stderr)
    );
    std::fs::write(&bad, "pos\tgood\nno tab here\n").unwrap();
    let o = train(dir.path(), &bad, &["--force"]);
    assert!(text(&o.stderr).contains("bad.tsv:2: no tab: each line is label<TAB>text"), "{}", text(&o.stderr));
    let data = dir.path().join("data.tsv");
    // The model there is not replaced without --force, nor resumed with other settings.
    let o = train(dir.path(), &data, &[]);
    assert!(!o.status.success() && text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    let o = train(dir.path(), &data, &["--resume", "--layers", "2"]);
    assert!(text(&o.stderr).contains("layers: 1 in the checkpoint, 2 asked"), "{}", text(&o.stderr));
    for (args, expected) in [
        (vec!["--pooling", "sum"], "unknown pooling 'sum': expected last, max, mean, attention"),
        (vec!["--dropout", "1", "--force"], "dropout must be at least 0 and below 1"),
        (
            vec!["--tokenizer", "nowhere", "--force"],
            "--tokenizer nowhere: expected rules, whitespace or a tokenizer model directory",
        ),
        (vec!["--embeddings", "/nonexistent.bin", "--force"], "/nonexistent.bin"),
    ] {
        let o = train(dir.path(), &data, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o.stderr).contains(expected), "{args:?}: {}", text(&o.stderr));
    }
    let o = with_stdin(&["classify", "predict", "--model", "/nonexistent"], b"x\n");
    assert!(!o.status.success() && text(&o.stderr).contains("/nonexistent"), "{}", text(&o.stderr));
    let o = with_stdin(&["classify", "predict", "--model", m], b"\xff\xfe\n");
    assert!(text(&o.stderr).contains("<stdin>:1"), "{}", text(&o.stderr));
}
