//! `arbor lemmatizer train|eval|apply` and lemmas in `arbor parse`, end to end on the project's
//! own sample treebank, and the bad inputs a user could give them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/sample.conllu")
}

fn train(out: &Path, treebank: &Path) -> Output {
    arbor()
        .args(["lemmatizer", "train", "--train"])
        .arg(treebank)
        .arg("--dev")
        .arg(treebank)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        arbor().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// The LEMMA column of every word line.
fn lemmas(conllu: &str) -> Vec<String> {
    conllu
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() == 10 && c[0].chars().all(|x| x.is_ascii_digit()))
        .map(|c| c[2].to_string())
        .collect()
}

#[test]
fn a_lemmatizer_learned_from_a_treebank_gives_its_lemmas_back_and_guesses_unseen_words() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("lem");
    let o = train(&model, &sample());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("dev (gold tags): lemmas\t100.00%"), "{}", text(&o.stderr));
    // apply: LEMMA of the words blanked, then filled again from form and tags; everything else
    // (empty nodes too) as read.
    let gold = std::fs::read_to_string(sample()).unwrap();
    let blank: String = gold
        .lines()
        .map(|l| {
            let mut c: Vec<&str> = l.split('\t').collect();
            if c.len() == 10 && c[0].chars().all(|x| x.is_ascii_digit()) {
                c[2] = "_";
            }
            c.join("\t") + "\n"
        })
        .collect();
    let o = with_stdin(&["lemmatizer", "apply", "--model", model.to_str().unwrap()], blank.as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), gold);
    // eval: accuracy by step.
    let o = arbor().args(["lemmatizer", "eval", "--model"]).arg(&model).arg(sample()).output().unwrap();
    assert!(o.status.success() && text(&o.stdout).starts_with("lemmas\t100.00%"), "{}", text(&o.stdout));
    // Unseen forms, other casings, other scripts: a lemma for each, never a panic.
    let words = ["Schedules", "SCHEDULED", "東京", "ΚΑΛΗΜΕΡΑ", "Straße", "🙂", "İstanbul", "x"];
    let lines: String =
        words.iter().enumerate().map(|(i, w)| format!("{}\t{w}\t_\tVERB\tVBZ\t_\t0\troot\t_\t_\n", i + 1)).collect();
    let o = with_stdin(&["lemmatizer", "apply", "--model", model.to_str().unwrap()], format!("{lines}\n").as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got = lemmas(&text(&o.stdout));
    assert_eq!(got.len(), words.len());
    assert!(got.iter().all(|l| !l.is_empty() && l != "_"), "{got:?}");
    assert_eq!(got[1], "schedule", "{got:?}");
}

#[test]
fn bad_treebanks_and_inputs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    // A treebank without lemmas.
    let bare = dir.path().join("bare.conllu");
    std::fs::write(&bare, "1\tHello\t_\tINTJ\t_\t_\t0\troot\t_\t_\n\n").unwrap();
    let o = train(&dir.path().join("m"), &bare);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("bare.conllu: no word has a lemma"), "{}", text(&o.stderr));
    assert!(!dir.path().join("m").join("lexicon.json").exists());
    // A model directory of another kind.
    let o = arbor()
        .args(["lemmatizer", "apply", "--model"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/en_ewt-rules"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("lemmatizer"), "{}", text(&o.stderr));
    // Malformed CoNLL-U: the input and its line.
    let model = dir.path().join("lem");
    assert!(train(&model, &sample()).status.success());
    let o = with_stdin(&["lemmatizer", "apply", "--model", model.to_str().unwrap()], b"1\tonly\tthree\n\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("<stdin>:1"), "{}", text(&o.stderr));
    // An existing model is not replaced without --force.
    let o = train(&model, &sample());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
}

#[test]
fn parse_fills_lemmas_with_the_bundled_lemmatizer_unless_told_not_to() {
    let o = arbor().args(["parse", "--quiet", "She didn't see the mice."]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(lemmas(&text(&o.stdout)), ["she", "do", "not", "see", "the", "mouse", "."]);
    let o = arbor().args(["parse", "--quiet", "--no-lemmas", "She didn't see the mice."]).output().unwrap();
    assert!(lemmas(&text(&o.stdout)).iter().all(|l| l == "_"));
    let o = arbor().args(["parse", "--quiet", "--format", "json", "Mice ran."]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(v["words"][0]["lemma"], "mouse");
    assert_eq!(v["words"][1]["lemma"], "run");
    // Other scripts and casings at parse time.
    let o = arbor().args(["parse", "--quiet", "--format", "tree", "東京 ΚΑΛΗΜΕΡΑ THE DOGS barked"]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("DOGS  dog  "), "{}", text(&o.stdout));
}
