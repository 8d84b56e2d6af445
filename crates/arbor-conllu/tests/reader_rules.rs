//! Every format rule of the reader, one small input each: the error names the line and says
//! what is wrong, reading goes on after the bad sentence, and well-formed input is accepted.

use arbor_conllu::{Error, Reader};

/// A well-formed word line with this ID, FORM and HEAD.
fn word(id: &str, form: &str, head: &str) -> String {
    let rel = if head == "0" { "root" } else { "dep" };
    format!("{id}\t{form}\t_\tX\t_\t_\t{head}\t{rel}\t_\t_\n")
}

/// Every result the reader gives for `input`.
fn read(input: &[u8]) -> Vec<Result<usize, Error>> {
    Reader::new(input, "t.conllu").map(|r| r.map(|s| s.words.len())).collect()
}

/// The first error for `input`: (line, message).
fn first_error(input: &[u8]) -> (usize, String) {
    let e = read(input).into_iter().find_map(Result::err).expect("an error");
    let line = e.location().map_or(0, |l| l.line);
    (line, e.to_string())
}

#[track_caller]
fn rejects(input: &str, line: usize, problem: &str) {
    let (at, message) = first_error(input.as_bytes());
    assert_eq!(at, line, "{message}");
    assert!(message.starts_with(&format!("t.conllu:{line}: ")), "{message}");
    assert!(message.contains(problem), "expected '{problem}' in: {message}");
}

#[test]
fn well_formed_sentences_with_ranges_empty_nodes_and_comments_are_read() {
    let s = format!(
        "# sent_id = 1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n{}{}2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n{}\n{}\n",
        word("1", "do", "3"),
        word("2", "n't", "3"),
        word("3", "go", "0"),
        word("1", "Hi", "0"),
    );
    let got: Vec<usize> = read(s.as_bytes()).into_iter().map(Result::unwrap).collect();
    assert_eq!(got, [3, 1]);
    assert!(read(b"").is_empty());
}

#[test]
fn line_level_rules() {
    let ok = word("1", "a", "0");
    rejects(&format!("{ok}\n{}", word("1", "b", "0").trim_end()), 3, "does not end with a newline");
    rejects(&format!("{}\r\n\n", ok.trim_end()), 1, "carriage return");
    rejects(&format!("\u{feff}{ok}\n"), 1, "byte-order mark");
    rejects(&format!("{ok} \t \n"), 2, "only whitespace");
    rejects(&format!("# a\u{7}b\n{ok}\n"), 1, "control character U+0007");
    rejects("1\tCafe\u{301}\t_\tX\t_\t_\t0\troot\t_\t_\n\n", 1, "NFC");
    let (_, message) = first_error(&[b"1\tb".as_slice(), &[0xff], b"\t_\tX\t_\t_\t0\troot\t_\t_\n\n"].concat());
    assert!(message.contains("t.conllu:1: invalid UTF-8 at byte offset 3"), "{message}");
}

#[test]
fn sentence_level_rules() {
    let ok = word("1", "a", "0");
    rejects(&format!("\n{ok}\n"), 1, "unexpected empty line");
    rejects(&format!("{ok}\n\n{ok}\n"), 3, "unexpected empty line");
    rejects(&format!("# only a comment\n\n{ok}\n"), 2, "a sentence without words");
    rejects("# trailing comment\n", 1, "comment lines not followed by a sentence");
    rejects(&format!("{ok}# late\n\n"), 2, "comment line inside a sentence");
    rejects(&ok, 1, "does not end with an empty line");
    rejects("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n\n", 1, "a sentence without words");
}

#[test]
fn token_line_rules() {
    rejects("1\ta\t_\tX\n\n", 1, "expected 10 tab-separated columns, found 4");
    rejects("x\ta\t_\tX\t_\t_\t0\troot\t_\t_\n\n", 1, "invalid ID 'x'");
    rejects(&format!("{}{}\n", word("1", "a", "0"), word("3", "b", "1")), 2, "word ID 3 out of sequence: expected 2");
    rejects(&format!("{}\n", word("1", "a", "x")), 1, "invalid HEAD 'x'");
    rejects("1\ta\t\tX\t_\t_\t0\troot\t_\t_\n\n", 1, "empty LEMMA column");
    rejects("1\ta b\t_\tX Y\t_\t_\t0\troot\t_\t_\n\n", 1, "whitespace in the UPOS column");
}

#[test]
fn multiword_and_empty_node_rules() {
    let (w1, w2, w3) = (word("1", "a", "0"), word("2", "b", "1"), word("3", "c", "1"));
    let range = |r: &str, lemma: &str, feats: &str| format!("{r}\tab\t{lemma}\t_\t_\t{feats}\t_\t_\t_\t_\n");
    rejects(&format!("{w1}{}{w2}\n", range("1-2", "_", "_")), 2, "is not right before word 1");
    rejects(&format!("{}{}{w1}{w2}\n", range("1-2", "_", "_"), range("1-2", "_", "_")), 2, "overlaps");
    rejects(&format!("{}{w1}{w2}\n", range("1-2", "ab", "_")), 1, "must have '_' in LEMMA");
    rejects(&format!("{}{w1}{w2}\n", range("1-2", "_", "A=B")), 1, "only '_' or 'Typo=Yes' in FEATS");
    rejects(&format!("{}{w1}{w2}\n", range("1-3", "_", "_")), 1, "ends at word 3, beyond the last word 2");
    let empty = |id: &str, head: &str| format!("{id}\tx\t_\t_\t_\t_\t{head}\t_\t_\t_\n");
    rejects(&format!("{w1}{}{w2}\n", empty("2.1", "_")), 2, "empty node 2.1 must come right after word 2");
    rejects(&format!("{w1}{}{w2}\n", empty("1.2", "_")), 2, "out of sequence: expected 1.1");
    rejects(&format!("{w1}{}{w2}\n", empty("1.1", "1")), 2, "must have '_' in HEAD and DEPREL");
    let ok = format!("{}{w1}{w2}{}{w3}\n", range("1-2", "_", "Typo=Yes"), empty("2.1", "_"));
    assert_eq!(read(ok.as_bytes()).into_iter().map(Result::unwrap).collect::<Vec<_>>(), [3]);
}

#[test]
fn reading_goes_on_after_a_bad_sentence_and_reports_each_one() {
    let ok = word("1", "a", "0");
    let input = format!("{ok}\n1\tb\n\n{ok}\nx\t_\n\n{ok}\n");
    let got = read(input.as_bytes());
    let lines: Vec<String> = got
        .iter()
        .map(|r| match r {
            Ok(n) => format!("ok {n}"),
            Err(e) => format!("error at {}", e.location().map_or(0, |l| l.line)),
        })
        .collect();
    assert_eq!(lines, ["ok 1", "error at 3", "ok 1", "error at 7", "ok 1"]);
}

#[test]
fn lenient_reading_accepts_what_the_official_scorer_reads() {
    let line = "1\ta\t_\tX\t_\t_\t0\troot\t_\tSpacesAfter= \n\n";
    assert!(first_error(line.as_bytes()).1.contains("trailing whitespace in the MISC column"));
    let got: Vec<_> = Reader::new(line.as_bytes(), "t").lenient().collect();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].as_ref().unwrap().words[0].misc, "SpacesAfter= ");
}
