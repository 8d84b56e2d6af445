//! End-to-end tests of the `arbor` command on the project's own fixtures (`corpora/`) and on
//! inputs written here. No shared data is needed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn arbor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arbor"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        arbor().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample() -> PathBuf {
    root().join("corpora/sample.conllu")
}

#[test]
fn validate_accepts_the_sample_corpus() {
    let out = arbor().arg("validate").arg(sample()).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid: 4 well-formed sentences, 0 errors"), "{}", text(&out.stdout));
}

#[test]
fn validate_reports_every_problem_as_file_line_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.conllu");
    let content = "# sent_id = cycle\n1\ta\t_\t_\t_\t_\t2\tdep\t_\t_\n2\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n\n\
# sent_id = two-roots\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\t_\t_\t0\troot\t_\t_\n\n\
# sent_id = bad-id\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n\n\
# sent_id = head-out-of-range\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\t_\t_\t7\tdep\t_\t_\n\n";
    std::fs::write(&bad, content).unwrap();
    let out = arbor().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let name = bad.display().to_string();
    assert!(err.contains(&format!("{name}:2: cycle through words [1, 2] [non-tree]")), "{err}");
    assert!(err.contains(&format!("{name}:6:")) && err.contains("2 words attach to the root"), "{err}");
    assert!(err.contains(&format!("{name}:11: word ID 3 out of sequence: expected 2")), "{err}");
    assert!(err.contains(&format!("{name}:15: HEAD 7: the sentence has 2 words [unknown-head]")), "{err}");
    assert!(text(&out.stdout).contains("INVALID"));
}

#[test]
fn validate_level_1_checks_the_format_and_level_2_the_ud_rules() {
    // Well-formed CoNLL-U, but no # text, a lowercase UPOS and unsorted features: UD level 2 fails.
    let conllu = "# sent_id = 1\n1\tHi\thi\tintj\t_\tPolite=Infm|Abbr=No\t0\troot\t_\t_\n\n";
    let out = run_with_stdin(&["validate", "--level", "1"], conllu.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run_with_stdin(&["validate"], conllu.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for rule in [
        "<stdin>:2: unknown UPOS tag 'intj' [unknown-upos]",
        "[unsorted-features]",
        "<stdin>:2: no '# text",
        "[missing-text]",
    ] {
        assert!(err.contains(rule), "{rule}: {err}");
    }
    // A '/' in sent_id is for parallel treebanks: one is allowed with the default --lang ud.
    let fixed = "# sent_id = a/1\n# text = Hi\n1\tHi\thi\tINTJ\t_\tAbbr=No|Polite=Infm\t0\troot\t_\t_\n\n";
    assert!(run_with_stdin(&["validate"], fixed.as_bytes()).status.success());
    let out = run_with_stdin(&["validate", "--lang", "en"], fixed.as_bytes());
    assert!(text(&out.stderr).contains("[slash-in-sent-id]"), "{}", text(&out.stderr));
    let out = run_with_stdin(&["validate", "--level", "3"], fixed.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("use 1 (CoNLL-U format) or 2 (UD format)"), "{}", text(&out.stderr));
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset() {
    let mut bytes = b"1\tok\t_\t_\t_\t_\t0\troot\t_\t_\n\n1\tb".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"d\t_\t_\t_\t_\t0\troot\t_\t_\n\n");
    let out = run_with_stdin(&["validate"], &bytes);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("<stdin>:3: invalid UTF-8 at byte offset 28"), "{}", text(&out.stderr));
}

#[test]
fn crlf_and_a_missing_final_newline_are_clear_errors() {
    let out = run_with_stdin(&["validate"], b"1\ta\t_\t_\t_\t_\t0\troot\t_\t_\r\n\r\n");
    assert!(text(&out.stderr).contains("<stdin>:1: carriage return"), "{}", text(&out.stderr));
    let out = run_with_stdin(&["validate"], b"1\ta\t_\t_\t_\t_\t0\troot\t_\t_");
    assert!(text(&out.stderr).contains("<stdin>:1: the file does not end with a newline"), "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn empty_input_is_valid_and_says_so() {
    let out = run_with_stdin(&["validate"], b"");
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("no sentences"), "{}", text(&out.stderr));
}

#[test]
fn a_ten_megabyte_line_is_an_error_not_a_crash() {
    let mut line = vec![b'x'; 10 << 20];
    line.push(b'\n');
    let out = run_with_stdin(&["validate", "--quiet"], &line);
    assert_eq!(out.status.code(), Some(1));
    let out = run_with_stdin(&["validate"], &line);
    assert!(text(&out.stderr).contains("<stdin>:1: expected 10 tab-separated columns, found 1"));
}

fn long_sentence(n: usize) -> String {
    let words: Vec<String> = (1..=n).map(|i| format!("w{i}")).collect();
    let mut s = format!("# sent_id = long\n# text = {}\n", words.join(" "));
    for i in 1..=n {
        let head = if i == 1 { 0 } else { i - 1 };
        let rel = if i == 1 { "root" } else { "dep" };
        s.push_str(&format!("{i}\tw{i}\tw\tX\t_\t_\t{head}\t{rel}\t_\t_\n"));
    }
    s.push('\n');
    s
}

#[test]
fn a_thousand_word_sentence_validates_and_evaluates() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("long.conllu");
    std::fs::write(&gold, long_sentence(1000)).unwrap();
    let out = arbor().arg("validate").arg(&gold).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = arbor().args(["eval", "--json"]).arg(&gold).arg(&gold).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["LAS"]["f1"], 1.0);
    assert_eq!(json["Words"]["gold_total"], 1000);
}

#[test]
fn eval_prints_the_official_table_and_reads_the_system_from_stdin() {
    let gold = std::fs::read_to_string(sample()).unwrap();
    // The system attaches "today" to "issue" instead of "scheduled" and calls it nmod.
    let system = gold.replace(
        "8\ttoday\ttoday\tNOUN\tNN\tNumber=Sing\t4\tobl:tmod",
        "8\ttoday\ttoday\tNOUN\tNN\tNumber=Sing\t7\tnmod",
    );
    assert_ne!(system, gold);
    let out = run_with_stdin(&["eval", sample().to_str().unwrap()], system.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.starts_with("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n"), "{table}");
    // 30 words, one wrong head: UAS = LAS = 29/30.
    assert!(table.contains("UAS        |     96.67 |     96.67 |     96.67 |     96.67\n"), "{table}");
    assert!(table.contains("UPOS       |    100.00 |    100.00 |    100.00 |    100.00\n"), "{table}");
    assert!(table.contains("ELAS       |"), "{table}");
    let out = run_with_stdin(&["eval", "--no-enhanced", sample().to_str().unwrap(), "-"], system.as_bytes());
    assert!(!text(&out.stdout).contains("ELAS"));
}

#[test]
fn eval_reads_spaces_at_the_ends_of_misc_as_udeval_does_and_validate_reports_them() {
    // UDPipe 1 writes `SpacesAfter= ` (a trailing space in MISC): the UD validator's level 1
    // forbids it, the official evaluator scores the file.
    let gold = std::fs::read_to_string(sample()).unwrap();
    let system = gold.replacen("\tSpaceAfter=No\n", "\tSpacesAfter= \n", 1);
    assert_ne!(system, gold);
    let out = run_with_stdin(&["eval", sample().to_str().unwrap()], system.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("LAS        |    100.00 |"), "{}", text(&out.stdout));
    let out = run_with_stdin(&["validate", "-"], system.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("trailing whitespace in the MISC column"), "{}", text(&out.stderr));
}

#[test]
fn eval_refuses_files_whose_texts_differ_and_says_where() {
    let gold = std::fs::read_to_string(sample()).unwrap();
    let system = gold.replace("\tcoffee\t", "\ttea\t");
    let out = run_with_stdin(&["eval", sample().to_str().unwrap()], system.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("differ") && err.contains("'coffeeandBilltea.'") && err.contains("'teaandBilltea.'"), "{err}");
}

#[test]
fn eval_of_a_missing_file_names_it() {
    let out = arbor().args(["eval", "/nonexistent/gold.conllu", "/nonexistent/sys.conllu"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot open /nonexistent/gold.conllu"), "{}", text(&out.stderr));
}

#[test]
fn asking_for_cuda_without_cuda_is_a_clear_error() {
    let out = arbor().args(["info", "--device", "cuda"]).output().unwrap();
    if tch::Cuda::is_available() {
        assert!(out.status.success());
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("'cuda:0' was requested but libtorch sees no CUDA device"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = arbor().args(["info", "--device", "tpu"]).output().unwrap();
    assert!(text(&out.stderr).contains("expected auto, cpu, cuda or cuda:N"), "{}", text(&out.stderr));
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        "validate",
        "eval",
        "info",
        "lm",
        "lm train",
        "lm eval",
        "lm score",
        "lm generate",
        "w2v",
        "w2v train",
        "w2v similar",
        "w2v analogy",
        "w2v eval",
        "seq2seq",
        "seq2seq train",
        "seq2seq apply",
        "seq2seq eval",
    ] {
        let out = arbor().args(sub.split(' ')).arg("--help").output().unwrap();
        assert!(out.status.success() && text(&out.stdout).contains("Usage: arbor"), "{sub}");
    }
}

#[test]
fn eval_prints_exactly_what_the_official_udeval_printed_for_the_sample_pair() {
    // corpora/sample-system.udeval.txt is the output of `udeval -v corpora/sample.conllu
    // corpora/sample-system.conllu` (udtools 0.2.9): different tokenization, sentence split,
    // heads, labels and tags.
    let expected = std::fs::read_to_string(root().join("corpora/sample-system.udeval.txt")).unwrap();
    let out = arbor().arg("eval").arg(sample()).arg(root().join("corpora/sample-system.conllu")).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim_end(), expected.trim_end());
}

/// `arbor lm train` on `corpus` (as training and validation text) into `out`, with `extra`.
fn lm_train(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    arbor()
        .args(["lm", "train", "--train"])
        .arg(corpus)
        .arg("--valid")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn tiny_lm(dir: &Path) -> PathBuf {
    let train = dir.join("train.txt");
    std::fs::write(&train, "the cat sat on the mat\nthe dog sat on the log\n".repeat(40)).unwrap();
    let out = dir.join("lm");
    let settings = ["--emsize", "16", "--nhid", "16", "--epochs", "4", "--lr", "2", "--bptt", "8", "--batch-size", "4"];
    let o = lm_train(&train, &out, &[&settings[..], &["--device", "cpu", "--threads", "1", "--quiet"]].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    out
}

#[test]
fn lm_commands_train_evaluate_score_and_generate() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_lm(dir.path());
    let train = dir.path().join("train.txt");
    let o = arbor().args(["lm", "eval", "--device", "cpu", "--model"]).arg(&model).arg(&train).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ppl: f64 = text(&o.stdout).lines().next().unwrap().strip_prefix("perplexity ").unwrap().parse().unwrap();
    // 9 token types (7 words, <eos>, <unk>): a model that learned anything beats uniform.
    assert!(ppl > 1.0 && ppl < 9.0, "{ppl}");

    let o = run_with_stdin(
        &["lm", "score", "--device", "cpu", "--model", model.to_str().unwrap()],
        b"the cat sat\nmat the on\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines: Vec<String> = text(&o.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2);
    let score = |l: &str| l.split('\t').next().unwrap().parse::<f64>().unwrap();
    assert!(score(&lines[0]) < 0.0 && lines[0].ends_with("\tthe cat sat"));

    let generate = |seed: &str| {
        let o = arbor()
            .args(["lm", "generate", "--device", "cpu", "-n", "12", "--prompt", "the", "--seed", seed, "--model"])
            .arg(&model)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    assert_eq!(generate("7"), generate("7"));
    assert!(generate("7").starts_with("the"));
}

#[test]
fn lm_bad_inputs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = arbor()
        .args(["lm", "train", "--device", "cpu", "--train"])
        .arg(&empty)
        .arg("--valid")
        .arg(&empty)
        .arg("--out")
        .arg(dir.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("empty.txt: empty training file"), "{}", text(&o.stderr));

    let model = tiny_lm(dir.path());
    let o = arbor()
        .args(["lm", "generate", "--device", "cpu", "--prompt", "zebra", "--model"])
        .arg(&model)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no token of the prompt"), "{}", text(&o.stderr));

    // A model directory written by another format version is refused with both versions named.
    let meta = std::fs::read_to_string(model.join("metadata.json")).unwrap();
    std::fs::write(model.join("metadata.json"), meta.replace("\"format_version\": 1", "\"format_version\": 99"))
        .unwrap();
    let o = arbor().args(["lm", "generate", "--device", "cpu", "--model"]).arg(&model).output().unwrap();
    assert!(
        text(&o.stderr).contains("model format version 99") && text(&o.stderr).contains("reads version 1"),
        "{}",
        text(&o.stderr)
    );

    let o = arbor().args(["lm", "eval", "--model", "/nonexistent/model", "x.txt"]).output().unwrap();
    assert!(text(&o.stderr).contains("/nonexistent/model: no such model directory"), "{}", text(&o.stderr));
}

#[test]
fn w2v_commands_train_query_and_evaluate() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.txt");
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(if i % 2 == 0 {
            "king queen prince royal crown throne\n"
        } else {
            "apple pear plum fruit juice tree\n"
        });
    }
    std::fs::write(&corpus, lines).unwrap();
    let vectors = dir.path().join("v.txt");
    let o = arbor()
        .args(["w2v", "train", "--dim", "10", "--min-count", "1", "--sample", "0", "--epochs", "5"])
        .args(["--threads", "1", "--format", "text", "--quiet"])
        .arg("--corpus")
        .arg(&corpus)
        .arg("--out")
        .arg(&vectors)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(std::fs::read_to_string(&vectors).unwrap().starts_with("12 10\n"));
    let o = arbor().args(["w2v", "similar", "-k", "3", "--vectors"]).arg(&vectors).arg("king").output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let near = text(&o.stdout);
    assert_eq!(near.lines().count(), 3);
    assert!(
        near.lines().all(|l| ["queen", "prince", "royal", "crown", "throne"].iter().any(|w| l.ends_with(w))),
        "{near}"
    );
    let o =
        arbor().args(["w2v", "analogy", "--vectors"]).arg(&vectors).args(["king", "queen", "apple"]).output().unwrap();
    assert!(text(&o.stdout).contains("3CosAdd:") && text(&o.stdout).contains("3CosMul:"), "{}", text(&o.stdout));
    let sim = dir.path().join("sim.tsv");
    std::fs::write(&sim, "# w1\tw2\tscore\nking\tqueen\t9\nking\tapple\t1\npear\tplum\t8\nunknownword\tking\t3\n")
        .unwrap();
    let o = arbor().args(["w2v", "eval", "--vectors"]).arg(&vectors).arg("--similarity").arg(&sim).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("(3 pairs, 1 skipped)"), "{}", text(&o.stdout));

    let o = arbor().args(["w2v", "similar", "--vectors"]).arg(&vectors).arg("zebra").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("'zebra' is not in the vocabulary"));
    let o = arbor()
        .args(["w2v", "train", "--device", "cuda", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&vectors)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn tokenize_writes_conllu_text_and_stems_and_handles_bad_input() {
    let o = run_with_stdin(
        &["tokenize", "--rules", "--stem", "english"],
        "Cats don't run.\n\nIt's U.S. policy!".as_bytes(),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let conllu = text(&o.stdout);
    assert!(conllu.contains("2-3\tdon't\t"), "{conllu}");
    assert!(conllu.contains("1\tCats\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:4|Stem=cat"), "{conllu}");
    assert_eq!(conllu.matches("# sent_id").count(), 2);
    // The output reads back as valid CoNLL-U.
    let v = run_with_stdin(&["validate", "--quiet"], conllu.as_bytes());
    assert!(text(&v.stdout).contains("2 well-formed sentences"), "{}", text(&v.stdout));

    let o = run_with_stdin(&["tokenize", "--rules", "--format", "text"], b"Hello, world. Bye.");
    assert_eq!(text(&o.stdout), "Hello , world .\nBye .\n");

    let o = run_with_stdin(&["tokenize"], b"ok \xff bad");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("<stdin>:1: invalid UTF-8 at byte offset 3"), "{}", text(&o.stderr));
    let o = run_with_stdin(&["tokenize"], b"");
    assert!(o.status.success() && o.stdout.is_empty());
    let o = run_with_stdin(&["tokenize", "--stem", "klingon"], b"x");
    assert!(text(&o.stderr).contains("choose one of arabic, danish"), "{}", text(&o.stderr));

    // Control characters, right-to-left, CJK, emoji, and a 10 MB line without a newline.
    let o = run_with_stdin(&["tokenize", "--rules", "--format", "text"], "a\u{7}b مرحبا 東京 👩‍👩‍👧".as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("مرحبا") && text(&o.stdout).contains("👩‍👩‍👧"), "{}", text(&o.stdout));
    let long = "word ".repeat(2 << 20);
    let o = run_with_stdin(&["tokenize", "--rules", "--format", "text"], long.trim_end().as_bytes());
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).split_whitespace().count(), 2 << 20);
}

/// Token forms read back at their `TokenRange` offsets in `input`.
fn check_offsets(conllu: &str, input: &str) {
    let chars: Vec<char> = input.chars().collect();
    for line in conllu.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let Some(r) = cols[9].split('|').find_map(|m| m.strip_prefix("TokenRange=")) {
            let (a, b) = r.split_once(':').unwrap();
            let slice: String = chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
            assert_eq!(slice, cols[1], "{line}");
        }
    }
}

#[test]
fn the_bundled_trained_tokenizer_splits_tokens_sentences_and_contractions() {
    let input = "I can't believe it's already 5 p.m. Let's go home!\n\nNew paragraph, new ideas.";
    let o = run_with_stdin(&["tokenize"], input.as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let conllu = text(&o.stdout);
    assert!(conllu.contains("\tca\t") && conllu.contains("\tn't\t"), "{conllu}");
    assert!(conllu.matches("# sent_id").count() >= 3, "{conllu}");
    assert_eq!(conllu.matches("# newpar").count(), 2, "{conllu}");
    check_offsets(&conllu, input);
    // Well-formed CoNLL-U (HEAD is `_`: a tokenizer builds no tree).
    let v = run_with_stdin(&["validate", "--quiet"], conllu.as_bytes());
    assert!(
        text(&v.stdout).contains(&format!("{} well-formed sentences", conllu.matches("# sent_id").count())),
        "{}",
        text(&v.stdout)
    );

    // Bad and odd input: invalid UTF-8, nothing, control characters, RTL, CJK, emoji, a long line.
    let o = run_with_stdin(&["tokenize"], b"ok \xff bad");
    assert!(text(&o.stderr).contains("invalid UTF-8 at byte offset 3"), "{}", text(&o.stderr));
    let o = run_with_stdin(&["tokenize"], b"");
    assert!(o.status.success() && o.stdout.is_empty());
    let odd = "a\u{7}b مرحبا بالعالم. 東京は大きい。 👩‍👩‍👧 ok";
    let o = run_with_stdin(&["tokenize"], odd.as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    check_offsets(&text(&o.stdout), odd);
    let long = "word ".repeat(50_000);
    let o = run_with_stdin(&["tokenize", "--format", "text"], long.trim_end().as_bytes());
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).split_whitespace().count(), 50_000);
}

#[test]
fn parse_tags_and_parses_text_arguments_with_the_bundled_models() {
    let o =
        arbor().args(["parse", "--quiet", "I saw a girl with a telescope.", "She didn't see me."]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let conllu = text(&o.stdout);
    assert_eq!(conllu.matches("# sent_id").count(), 2, "{conllu}");
    assert!(conllu.contains("\tsaw\tsee\tVERB\t"), "{conllu}");
    let v = run_with_stdin(&["validate", "--quiet"], conllu.as_bytes());
    assert!(v.status.success(), "{}", text(&v.stdout));

    let o = arbor().args(["parse", "--format", "tree", "I saw a girl."]).output().unwrap();
    assert!(text(&o.stdout).starts_with("# I saw a girl.\nsaw  see  VERB  root\n"), "{}", text(&o.stdout));
    let o = arbor().args(["parse", "--format", "json", "I saw a girl."]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(v["words"][1]["form"], "saw");
    assert_eq!(v["words"][1]["head"], 0);

    // Gold-tokenized CoNLL-U: same words, tags and trees replaced; pre-tokenized lines.
    let o = arbor().args(["parse", "--input", "conllu", "--quiet"]).arg(sample()).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let parsed = text(&o.stdout);
    let forms = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.split('\t').next().is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())))
            .map(|l| l.split('\t').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(forms(&parsed), forms(&std::fs::read_to_string(sample()).unwrap()));
    // Raw text on stdin is read paragraph by paragraph; offsets still point into the whole input.
    let input = "First we can't stop.\n\nThen a second paragraph came. It's here.\n";
    let o = run_with_stdin(&["parse", "--quiet"], input.as_bytes());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).matches("# newpar").count(), 2);
    check_offsets(&text(&o.stdout), input);
    let o =
        run_with_stdin(&["parse", "--input", "tokenized", "--format", "json"], b"The cat sat .\nIt did n't move .\n");
    assert_eq!(text(&o.stdout).lines().count(), 2, "{}", text(&o.stderr));
}

#[test]
fn train_parser_reports_epochs_and_decays_and_its_model_parses() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model");
    let sample = sample();
    let sample = sample.to_str().unwrap();
    let o = arbor()
        .args(["train", "parser", "--train", sample, "--dev", sample, "--out", model.to_str().unwrap()])
        .args(["--epochs", "8", "--word-dim", "8", "--lstm-hidden", "8", "--mlp-hidden", "8", "--threads", "1"])
        .args(["--decay-patience", "1", "--patience", "0", "--seed", "3"])
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    // Stderr is not a terminal here: no bars, but every epoch line and every message.
    assert_eq!(err.matches(" | dev LAS ").count(), 8, "{err}");
    let stalled = err.lines().filter(|l| l.starts_with("epoch") && !l.ends_with("saved")).count();
    assert!(stalled > 0, "{err}");
    assert_eq!(err.matches("learning rate ").count(), stalled, "{err}");
    assert!(err.contains("learning rate 2.00e-3 -> 1.00e-3"), "{err}");
    let o = arbor().args(["parse", "--quiet", "--model", model.to_str().unwrap(), "Bill saw it."]).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v = run_with_stdin(&["validate", "--quiet"], &o.stdout);
    assert!(v.status.success(), "{}", text(&v.stdout));
}

#[test]
fn parse_bad_input_is_a_clear_error() {
    let o = run_with_stdin(&["parse"], b"\x00\x9f\x92\x96 binary \xff\xfe");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("<stdin>:1: invalid UTF-8"), "{}", text(&o.stderr));
    let o = run_with_stdin(&["parse"], b"");
    assert!(o.status.success() && o.stdout.is_empty(), "{}", text(&o.stderr));
    let o = arbor().args(["parse", "--model", "/nonexistent/model", "x"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("/nonexistent/model: no such model directory"), "{}", text(&o.stderr));
    let o = arbor().args(["parse", "--input", "conllu", "no-such-file"]).output().unwrap();
    assert!(text(&o.stderr).contains("cannot open no-such-file"), "{}", text(&o.stderr));
    let o = arbor().args(["parse", "--input", "conllu", "a", "b"]).output().unwrap();
    assert!(text(&o.stderr).contains("text arguments go with --input text"), "{}", text(&o.stderr));
}

#[test]
fn parse_streams_output_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = arbor()
        .args(["parse", "--batch-size", "50", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut lines = 0;
        for line in BufReader::new(stdout).lines() {
            if line.unwrap().starts_with("# sent_id") {
                let _ = tx.send(());
            }
            lines += 1;
        }
        lines
    });
    // Enough paragraphs for several batches, then wait for output with the pipe still open.
    for _ in 0..40 {
        stdin.write_all(b"The cat sat on the mat. It was happy.\n\n").unwrap();
    }
    stdin.flush().unwrap();
    let first = rx.recv_timeout(std::time::Duration::from_secs(120));
    assert!(first.is_ok(), "no sentence came out while the input was still open");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(reader.join().unwrap() > 40 * 2 * 8);
}

#[test]
fn out_of_range_hyperparameters_are_clear_errors_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("text.txt");
    std::fs::write(&corpus, "the cat sat on the mat\nthe dog sat on the log\n".repeat(50)).unwrap();
    let (t, s, out) = (corpus.to_str().unwrap(), sample(), dir.path().join("out"));
    let (s, o) = (s.to_str().unwrap(), out.to_str().unwrap());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["lm", "train", "--train", t, "--valid", t, "--out", o, "--bptt", "0"], "bptt must be at least 1"),
        (
            vec!["lm", "train", "--train", t, "--valid", t, "--out", o, "--batch-size", "0"],
            "batch_size must be at least 1",
        ),
        (
            vec!["lm", "train", "--train", t, "--valid", t, "--out", o, "--layers", "0"],
            "layers must be between 1 and 64",
        ),
        (vec!["lm", "train", "--train", t, "--valid", t, "--out", o, "--lr=-1"], "lr must be a positive number"),
        (vec!["parser", "train", "--train", s, "--dev", s, "--out", o, "--lstm-layers", "0"], "lstm_layers must be"),
        (vec!["train", "parser", "--train", s, "--dev", s, "--out", o, "--dropout", "2"], "dropout must be at least 0"),
        (vec!["parser", "train", "--train", s, "--dev", s, "--out", o, "--lr", "nan"], "lr must be a positive number"),
        (vec!["parser", "train", "--train", s, "--dev", s, "--out", o, "--lr=-1"], "lr must be a positive number"),
        (vec!["parser", "train", "--train", s, "--dev", s, "--out", o, "--epochs", "0"], "epochs must be at least 1"),
        (
            vec!["tokenizer", "train", "--train", s, "--dev", s, "--out", o, "--hidden", "0"],
            "hidden must be between 1 and 8192",
        ),
        (
            vec!["lm", "train", "--train", t, "--valid", t, "--out", o, "--nhid", "100000"],
            "nhid must be between 1 and 8192 (got 100000)",
        ),
        (vec!["w2v", "train", "--corpus", t, "--out", o, "--negative", "0"], "negative must be at least 1"),
    ];
    for (args, problem) in cases {
        let r = arbor().args(&args).output().unwrap();
        let err = text(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("invalid configuration") && err.contains(problem), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!out.exists(), "{args:?}: nothing is written");
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error_and_a_closed_pipe_ends_quietly() {
    let full = std::path::Path::new("/dev/full");
    let s = sample();
    let sys = root().join("corpora/sample-system.conllu");
    let commands: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["validate".into(), s.clone().into()],
        vec!["validate".into(), "-q".into(), s.clone().into()],
        vec!["eval".into(), s.clone().into(), sys.clone().into()],
        vec!["eval".into(), "--json".into(), s.clone().into(), sys.into()],
        vec!["tokenize".into(), "--rules".into(), root().join("corpora/sample.txt").into()],
        vec!["info".into()],
    ];
    for args in &commands {
        if full.exists() {
            let r = arbor().args(args).stdout(std::fs::File::create(full).unwrap()).output().unwrap();
            let err = text(&r.stderr);
            assert_eq!(r.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains("cannot write to standard output") && err.contains("No space left"),
                "{args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        // A reader that goes away at once: no message, no failure.
        let mut child = arbor().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let r = child.wait_with_output().unwrap();
        assert!(r.status.success() && r.stderr.is_empty(), "{args:?}: {:?} {}", r.status, text(&r.stderr));
    }
}

#[test]
fn a_vector_file_header_is_not_trusted_and_errors_say_things_once() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v.txt");
    std::fs::write(&v, "1000000000 100\nfoo 1 2\n").unwrap();
    let r = arbor().args(["w2v", "similar", "--vectors"]).arg(&v).arg("foo").output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("line 2: 2 values, expected 100"), "{}", text(&r.stderr));
    // A directory where a file is expected: the reason once, not twice.
    let r = arbor().arg("validate").arg(dir.path()).output().unwrap();
    let err = text(&r.stderr);
    assert!(!r.status.success(), "{err}");
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
    let d = dir.path().to_str().unwrap();
    let s = sample();
    for args in [vec!["eval", d, s.to_str().unwrap()], vec!["tokenize", "--rules", d]] {
        let r = arbor().args(&args).output().unwrap();
        let err = text(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.matches("Is a directory").count(), 1, "{args:?}: {err}");
    }
    // A file where a model directory is expected.
    let r = arbor().args(["tokenize", "--model"]).arg(&v).output().unwrap();
    assert!(text(&r.stderr).contains("a file, not a model directory"), "{}", text(&r.stderr));
}

#[test]
fn training_never_replaces_an_existing_model_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rules");
    let train = |extra: &[&str]| {
        arbor()
            .args(["tokenizer", "train", "--rules", "--train"])
            .arg(sample())
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    assert!(train(&[]).status.success());
    let before = std::fs::read(out.join("metadata.json")).unwrap();
    let r = train(&[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("already holds a model; pass --force"), "{}", text(&r.stderr));
    assert_eq!(std::fs::read(out.join("metadata.json")).unwrap(), before, "the model is untouched");
    assert!(train(&["--force"]).status.success());

    let lm = tiny_lm(dir.path());
    let weights = std::fs::read(lm.join("weights.safetensors")).unwrap();
    let r = lm_train(&dir.path().join("train.txt"), &lm, &["--quiet"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("already holds a model"), "{}", text(&r.stderr));
    assert_eq!(std::fs::read(lm.join("weights.safetensors")).unwrap(), weights);
    let p = dir.path().join("parser");
    std::fs::create_dir_all(p.join("checkpoint")).unwrap();
    let r = arbor()
        .args(["parser", "train", "--quiet", "--train"])
        .arg(sample())
        .arg("--dev")
        .arg(sample())
        .arg("--out")
        .arg(&p)
        .output()
        .unwrap();
    assert!(text(&r.stderr).contains("already holds a training checkpoint"), "{}", text(&r.stderr));
}

#[test]
fn an_output_that_cannot_be_written_fails_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.txt");
    std::fs::write(&corpus, "a b c a b c\n".repeat(100)).unwrap();
    let r = arbor()
        .args(["w2v", "train", "--corpus"])
        .arg(&corpus)
        .args(["--out", "/nonexistent-dir/v.bin"])
        .output()
        .unwrap();
    let err = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("/nonexistent-dir/v.bin") && !err.contains("counting words"), "{err}");
}

#[test]
fn a_byte_order_mark_and_nul_bytes_never_become_words() {
    for extra in [&["--rules"][..], &[][..]] {
        let o = run_with_stdin(&[&["tokenize"][..], extra].concat(), "\u{feff}Hello\u{0} world.\n".as_bytes());
        assert!(o.status.success(), "{}", text(&o.stderr));
        let conllu = text(&o.stdout);
        let first = conllu.lines().find(|l| l.starts_with("1\t")).unwrap();
        assert!(first.starts_with("1\tHello\t"), "{extra:?}: {first:?}");
        assert!(!conllu.contains('\u{0}') && !conllu.contains('\u{feff}'), "{extra:?}: {conllu:?}");
        // Tagged and parsed, Arbor's own output passes Arbor's validator.
        let o = run_with_stdin(&[&["parse", "--quiet"][..], extra].concat(), "\u{feff}Hello\u{0} world.\n".as_bytes());
        assert!(o.status.success(), "{}", text(&o.stderr));
        let v = run_with_stdin(&["validate"], &o.stdout);
        assert!(v.status.success(), "{extra:?}: {}", text(&v.stderr));
    }
}

#[test]
fn resuming_with_other_settings_says_what_differs_and_resuming_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (model, s) = (dir.path().join("parser"), sample());
    let (m, s) = (model.to_str().unwrap(), s.to_str().unwrap());
    let parser = |extra: &[&str]| {
        arbor()
            .args(["parser", "train", "--train", s, "--dev", s, "--out", m])
            .args(["--word-dim", "8", "--mlp-hidden", "8", "--threads", "1"])
            .args(extra)
            .output()
            .unwrap()
    };
    let r = parser(&["--lstm-hidden", "8", "--resume", "--epochs", "1"]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(text(&r.stderr).contains("no checkpoint in") && text(&r.stderr).contains("starting from scratch"));
    let r = parser(&["--lstm-hidden", "9", "--resume", "--epochs", "2"]);
    let err = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("lstm_hidden: 8 in the checkpoint, 9 asked"), "{err}");

    let lm = tiny_lm(dir.path());
    let t = dir.path().join("train.txt");
    let r = lm_train(&t, &lm, &["--quiet", "--resume", "--emsize", "16", "--nhid", "20", "--device", "cpu"]);
    let err = text(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("nhid: 16 in the checkpoint, 20 asked") && !err.contains("torch"), "{err}");
}

#[test]
fn a_model_whose_config_does_not_fit_its_weights_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_lm(dir.path());
    let config = std::fs::read_to_string(model.join("config.json")).unwrap();
    let train = dir.path().join("train.txt");
    for (from, to, says) in [
        ("\"nhid\": 16", "\"nhid\": 0", "config.json: nhid must be between 1 and 8192 (got 0)"),
        ("\"nhid\": 16", "\"nhid\": 4000000000", "nhid must be between 1 and 8192 (got 4000000000)"),
        ("\"layers\": 2", "\"layers\": 3", "has no tensor"),
        ("\"nhid\": 16", "\"nhid\": 8000", "config.json asks for at least 512000144 weights"),
        ("\"vocab_size\": 9", "\"vocab_size\": 5", "vocab"),
        ("\"nhid\": 16", "\"nhid\": 8", "weights.safetensors: tensor 'decoder_weight' has shape [9, 16], the model's config and vocabulary need [9, 8]"),
    ] {
        assert!(config.contains(from), "{config}");
        std::fs::write(model.join("config.json"), config.replace(from, to)).unwrap();
        let o = arbor().args(["lm", "eval", "--device", "cpu", "--model"]).arg(&model).arg(&train).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{to}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains(says), "{to}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains(&model.display().to_string()), "{}", text(&o.stderr));
    }
}
