//! `arbor seq2seq train|apply|eval` end to end on a toy task (reversing strings), and the bad
//! inputs a user could give it.

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
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Every string over `abcd` of length 2 to 4 with its reverse.
fn reversals() -> String {
    let mut out = String::new();
    let mut words = vec![String::new()];
    for _ in 0..4 {
        words = words.iter().flat_map(|w| "abcd".chars().map(move |c| format!("{w}{c}"))).collect();
        for w in words.iter().filter(|w| w.len() >= 2) {
            out.push_str(&format!("{w}\t{}\n", w.chars().rev().collect::<String>()));
        }
    }
    out
}

fn train(dir: &Path, pairs: &Path, extra: &[&str]) -> Output {
    let settings = ["--embedding", "16", "--hidden", "32", "--encoder-layers", "1", "--dropout", "0", "--lr", "0.01"];
    arbor()
        .args(["seq2seq", "train", "--train"])
        .arg(pairs)
        .arg("--dev")
        .arg(pairs)
        .arg("--out")
        .arg(dir.join("model"))
        .args(settings)
        .args(["--batch-size", "16", "--threads", "1", "--device", "cpu"])
        .args(extra)
        .output()
        .unwrap()
}

fn tiny_model(dir: &Path) -> PathBuf {
    let pairs = dir.join("pairs.tsv");
    std::fs::write(&pairs, reversals()).unwrap();
    let o = train(dir, &pairs, &["--epochs", "12", "--patience", "0"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let log = text(&o.stderr);
    assert!(log.contains("epoch  12") && log.contains("dev WER"), "{log}");
    dir.join("model")
}

#[test]
fn train_apply_and_eval_a_toy_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let m = model.to_str().unwrap();
    let o = arbor()
        .args(["seq2seq", "eval", "--device", "cpu", "--model", m])
        .arg(dir.path().join("pairs.tsv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    let wer: f64 =
        report.lines().find_map(|l| l.strip_prefix("word error rate ")).unwrap().trim_end_matches('%').parse().unwrap();
    assert!(wer < 5.0, "{report}");
    assert!(report.contains("sources 336") && !report.contains("BLEU"), "{report}");

    // One output a line, empty lines kept; n-best lines with scores; attention rows.
    let o = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m], b"abcd\n\nbad\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "dcba\n\ndab\n");
    let o = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m, "--nbest", "3"], b"abcd\n");
    let lines: Vec<Vec<String>> =
        text(&o.stdout).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().all(|l| l.len() == 3 && l[0] == "abcd" && l[2].parse::<f64>().unwrap() <= 0.0));
    assert_eq!(lines[0][1], "dcba");
    let o = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m, "--attention"], b"abc\n");
    let out = text(&o.stdout);
    assert!(out.starts_with("cba\n# attention\ta\tb\tc\n# c\t"), "{out}");
    assert_eq!(out.lines().count(), 5, "{out}");
    // The same decoding with beam 1 as without it.
    let o1 = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m, "--beam", "1"], b"abcd\ndcab\n");
    let o5 = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m], b"abcd\ndcab\n");
    assert_eq!(o1.stdout, o5.stdout);

    // Unknown symbols and an over-long source are decoded, and said so.
    let long = format!("{}\n", "ab".repeat(5_000));
    let o = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m], format!("axyz\n{long}").as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("<stdin>:2: the source has 10000 symbols; only its first 256 were read"), "{err}");
    assert!(err.contains("1 sources had symbols the model has not seen"), "{err}");
    assert_eq!(text(&o.stdout).lines().count(), 2);
    let o = with_stdin(&["seq2seq", "apply", "--device", "cpu", "--model", m, "--length-alpha=-1"], b"ab\n");
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("length_alpha must be between 0 and 10"), "{}", text(&o.stderr));
}

#[test]
fn bad_pairs_options_and_models_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 4] = [
        ("ab\tba\n\ncd\tdc\n", "bad.tsv:2: an empty line: each line is source<TAB>target"),
        ("ab\tba\ncd dc\n", "bad.tsv:2: no tab"),
        ("ab\t\n", "bad.tsv:1: an empty source or target"),
        ("", "bad.tsv: no pairs"),
    ];
    for (content, expected) in cases {
        let bad = dir.path().join("bad.tsv");
        std::fs::write(&bad, content).unwrap();
        let o = train(dir.path(), &bad, &["--epochs", "1", "--force"]);
        assert!(!o.status.success());
        assert!(text(&o.stderr).contains(expected), "{content:?}: {}", text(&o.stderr));
    }
    let long = dir.path().join("long.tsv");
    std::fs::write(&long, format!("ab\tba\n{}\tx\n", "a".repeat(10_000))).unwrap();
    let o = train(dir.path(), &long, &["--epochs", "1", "--force"]);
    let err = text(&o.stderr);
    assert!(err.contains("long.tsv:2: the source has 10000 symbols, more than max_source 256"), "{err}");
    let o = train(dir.path(), &long, &["--epochs", "0", "--force", "--lr-decay", "2"]);
    let err = text(&o.stderr);
    assert!(err.contains("epochs must be at least 1") && err.contains("lr_decay must be between 0 and 1"), "{err}");
    // Another kind of model.
    let o = arbor()
        .args(["seq2seq", "apply", "--model"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/lm-ptb"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("lm") && err.contains("seq2seq"), "{err}");
}

#[test]
fn score_rates_any_systems_outputs_against_alternatives() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs.tsv");
    let outs = dir.path().join("outs.tsv");
    std::fs::write(&refs, "tomato\tT AH0 M EY1 T OW2\ntomato\tT AH0 M AA1 T OW2\ncat\tK AE1 T\ndog\tD AO1 G\n")
        .unwrap();
    std::fs::write(&outs, "tomato\tT AH0 M AA1 T OW2\ncat\tK AE1 D\ncat\tK AE1 T\n").unwrap();
    let o = arbor().args(["seq2seq", "score", "--level", "token"]).arg(&refs).arg(&outs).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    // tomato right (second variant), cat wrong (its first line counts), dog missing.
    let report = text(&o.stdout);
    assert!(report.contains("sources 3\nword error rate 66.67%\nsymbol error rate 33.33%\n"), "{report}");
    assert!(text(&o.stderr).contains("1 sources have no output"), "{}", text(&o.stderr));
    // Without stress digits the wrong stress on "cat" is no longer an error.
    std::fs::write(&outs, "tomato\tT AH0 M AA1 T OW2\ncat\tK AE2 T\ndog\tD AO0 G\n").unwrap();
    let o = arbor().args(["seq2seq", "score", "--level", "token"]).arg(&refs).arg(&outs).output().unwrap();
    assert!(text(&o.stdout).contains("word error rate 66.67%"), "{}", text(&o.stdout));
    let o = arbor()
        .args(["seq2seq", "score", "--level", "token", "--ignore", "012"])
        .arg(&refs)
        .arg(&outs)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("sources 3\nword error rate 0.00%\nsymbol error rate 0.00%\n"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn the_bundled_g2p_model_works_out_of_the_box() {
    let o = with_stdin(&["seq2seq", "apply"], b"cat\n\ntable\nzyxomatic\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    // Two plain words of CMUdict's training part, an empty line kept, and an invented word
    // still gets ARPAbet phones.
    assert_eq!(lines[..3], ["K AE1 T", "", "T EY1 B AH0 L"], "{out}");
    let arpabet =
        "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH";
    let phones: Vec<&str> = lines[3].split(' ').collect();
    assert!(phones.len() >= 6, "{out}");
    assert!(phones.iter().all(|p| arpabet.split(' ').any(|a| p.trim_end_matches(['0', '1', '2']) == a)), "{out}");
}

#[test]
fn apply_streams_a_batch_of_outputs_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = arbor()
        .args(["seq2seq", "apply", "--batch-size", "8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            lines.push(line.unwrap());
            let _ = tx.send(());
        }
        lines
    });
    stdin.write_all("cat\n".repeat(10).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // The first batch of 8 comes out while the pipe is still open.
    let first = rx.recv_timeout(std::time::Duration::from_secs(120));
    assert!(first.is_ok(), "no output came while the input was still open");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert_eq!(reader.join().unwrap(), vec!["K AE1 T".to_string(); 10]);
}
