//! `arbor train pipeline` end to end on the project's own tiny treebank: one directory with
//! tokenizer, lemmatizer and parser that `arbor parse --model DIR` uses whole; resuming after an
//! interruption; a treebank without lemmas.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/sample.conllu")
}

fn train(treebank: &Path, out: &Path, extra: &[&str]) -> Output {
    arbor()
        .args(["train", "pipeline", "--train"])
        .arg(treebank)
        .arg("--dev")
        .arg(treebank)
        .arg("--out")
        .arg(out)
        .args(["--tokenizer-epochs", "2", "--parser-epochs", "2", "--threads", "1", "--device", "cpu", "--quiet"])
        .args(extra)
        .output()
        .unwrap()
}

/// Word lines of a CoNLL-U text, split into columns.
fn rows(conllu: &str) -> Vec<Vec<String>> {
    conllu
        .lines()
        .map(|l| l.split('\t').map(String::from).collect::<Vec<_>>())
        .filter(|c| c.len() == 10 && c[0].chars().all(|x| x.is_ascii_digit()))
        .collect()
}

#[test]
fn one_command_trains_a_directory_that_parse_uses_whole_and_resume_keeps_finished_stages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pipe");
    let o = train(&sample(), &out, &[]);
    let log = text(&o.stderr);
    assert!(o.status.success(), "{log}");
    for stage in ["stage 1/3, tokenizer", "stage 2/3, lemmatizer", "stage 3/3, parser", "pipeline ->"] {
        assert!(log.contains(stage), "{stage}: {log}");
    }
    let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(meta["kind"], "pipeline");
    assert!(meta["scores"]["parser_dev_las"].is_number() && meta["scores"]["tokenizer_dev_words"].is_number());
    // Gold tokens in: the pipeline's parser and its lemmatizer fill every word.
    let o =
        arbor().args(["parse", "--quiet", "--input", "conllu", "--model"]).arg(&out).arg(sample()).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let gold = rows(&std::fs::read_to_string(sample()).unwrap());
    let got = rows(&text(&o.stdout));
    assert_eq!(got.len(), gold.len());
    assert!(got.iter().all(|w| w[2] != "_" && w[6] != "_"), "{got:?}");
    // Raw text in: its own tokenizer.
    let o = arbor().args(["parse", "--quiet", "--model"]).arg(&out).arg("Sue likes tea.").output().unwrap();
    assert!(o.status.success() && !rows(&text(&o.stdout)).is_empty(), "{}", text(&o.stderr));

    // The library loads the same directory whole.
    let pipeline = arbor::Pipeline::open(&out, arbor::text::InputMode::Raw, tch::Device::Cpu).unwrap();
    assert!(pipeline.lemmatizer().is_some() && pipeline.tokenizer().is_some());
    let parsed = pipeline.parse_text("Sue likes tea.").unwrap();
    assert!(parsed.iter().flat_map(|s| &s.words).all(|w| w.lemma != "_" && w.head.is_some()));
    let e = arbor::Pipeline::open(dir.path(), arbor::text::InputMode::Raw, tch::Device::Cpu).err().unwrap();
    assert!(e.to_string().contains("metadata.json"), "{e}");

    // The same stages assembled into another directory (`arbor pipeline assemble`) parse alike;
    // a stage of the wrong kind, or an --out that exists, is refused.
    let assembled = dir.path().join("assembled");
    let assemble = |parser: &str, extra: &[&str]| {
        arbor()
            .args(["pipeline", "assemble", "--tokenizer"])
            .arg(out.join("tokenizer"))
            .arg("--lemmatizer")
            .arg(out.join("lemmatizer"))
            .arg("--parser")
            .arg(out.join(parser))
            .arg("--out")
            .arg(&assembled)
            .args(extra)
            .output()
            .unwrap()
    };
    let o = assemble("tokenizer", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("a tokenizer model, not a parser"), "{}", text(&o.stderr));
    assert!(!assembled.exists());
    let o = assemble("parser", &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(!out.join("parser/checkpoint").exists() || !assembled.join("parser/checkpoint").exists());
    let parse = |model: &Path| {
        let o = arbor().args(["parse", "--quiet", "--model"]).arg(model).arg("Sue likes tea. Tom drinks it.").output();
        text(&o.unwrap().stdout)
    };
    assert_eq!(parse(&assembled), parse(&out));
    let o = assemble("parser", &[]);
    assert!(text(&o.stderr).contains("already exists"), "{}", text(&o.stderr));
    assert!(assemble("parser", &["--force"]).status.success());

    // A finished pipeline is neither replaced nor "resumed" by accident.
    let again = train(&sample(), &out, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"), "{}", text(&again.stderr));
    let again = train(&sample(), &out, &["--resume"]);
    assert!(text(&again.stderr).contains("finished"), "{}", text(&again.stderr));
    // Interrupted during the parser stage: --resume keeps the tokenizer and lemmatizer.
    std::fs::remove_file(out.join("metadata.json")).unwrap();
    std::fs::write(out.join("stages.json"), r#"{"done":["tokenizer","lemmatizer"],"skipped":{}}"#).unwrap();
    let tokenizer_weights = std::fs::read(out.join("tokenizer/weights.safetensors")).unwrap();
    let o = train(&sample(), &out, &["--resume"]);
    let log = text(&o.stderr);
    assert!(o.status.success(), "{log}");
    assert!(log.contains("stage 1/3, tokenizer: finished before, kept"), "{log}");
    assert!(log.contains("stage 3/3, parser ->"), "{log}");
    assert_eq!(std::fs::read(out.join("tokenizer/weights.safetensors")).unwrap(), tokenizer_weights);
    assert!(out.join("metadata.json").exists());
}

#[test]
fn a_treebank_without_lemmas_skips_the_lemmatizer_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let bare: String = std::fs::read_to_string(sample())
        .unwrap()
        .lines()
        .map(|l| {
            let mut c: Vec<&str> = l.split('\t').collect();
            if c.len() == 10 {
                c[2] = "_";
            }
            c.join("\t") + "\n"
        })
        .collect();
    let treebank = dir.path().join("bare.conllu");
    std::fs::write(&treebank, bare).unwrap();
    let out = dir.path().join("pipe");
    let o = train(&treebank, &out, &[]);
    let log = text(&o.stderr);
    assert!(o.status.success(), "{log}");
    assert_eq!(log.matches("has no lemmas").count(), 1, "{log}");
    assert!(!out.join("lemmatizer").exists());
    let o =
        arbor().args(["parse", "--quiet", "--input", "conllu", "--model"]).arg(&out).arg(&treebank).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(rows(&text(&o.stdout)).iter().all(|r| r[2] == "_"));
}

#[test]
fn a_treebank_without_multiword_tokens_trains_a_pipeline_that_splits_none() {
    let dir = tempfile::tempdir().unwrap();
    // The sample without its multiword lines and its one sentence whose text they spell.
    let plain: String = std::fs::read_to_string(sample())
        .unwrap()
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .filter(|s| !s.lines().any(|l| l.split('\t').next().is_some_and(|id| id.contains('-') && !id.starts_with('#'))))
        .map(|s| format!("{}\n\n", s.trim_end()))
        .collect();
    assert!(plain.contains("# text = A hearing is scheduled on the issue today."));
    let treebank = dir.path().join("plain.conllu");
    std::fs::write(&treebank, plain).unwrap();
    let out = dir.path().join("pipe");
    let o = train(&treebank, &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = arbor().args(["parse", "--quiet", "--model"]).arg(&out).arg("Sue likes tea and coffee.").output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let conllu = text(&o.stdout);
    assert!(!rows(&conllu).is_empty());
    assert!(
        !conllu.lines().any(|l| l.split('\t').next().is_some_and(|id| id.contains('-') && !id.starts_with('#'))),
        "{conllu}"
    );
}

#[test]
fn missing_treebanks_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let o = train(&dir.path().join("nope.conllu"), &dir.path().join("pipe"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("nope.conllu: no such file"), "{}", text(&o.stderr));
}
