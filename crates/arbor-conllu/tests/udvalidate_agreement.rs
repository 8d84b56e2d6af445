//! `arbor validate --level 2` against the official UD validator (`udvalidate --level 2`, from
//! `pip install udtools`): the same verdict (accept or reject) on every file of the validator's own
//! test cases and on thousands of seeded mutations of UD English EWT dev, each mutation aimed at
//! one rule of levels 1 and 2. Needs ARBOR_DATA and a Python with udtools (ARBOR_PYTHON);
//! `.ci/run` provides both. By hand:
//! `ARBOR_DATA=../shared/data ARBOR_PYTHON=$(command -v python) cargo test -p arbor-conllu --test udvalidate_agreement -- --ignored --nocapture`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use arbor_conllu::{Level, Reader, Validator};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const MUTATIONS: usize = 5000;

fn data_dir() -> PathBuf {
    let dir = std::env::var_os("ARBOR_DATA").map(PathBuf::from).unwrap_or_else(|| {
        panic!("ARBOR_DATA is not set: point it at the shared data folder holding ud-tools-cases and ud/UD_English-EWT")
    });
    assert!(dir.is_dir(), "ARBOR_DATA={} is not a directory", dir.display());
    dir
}

/// Our verdict: true when the reader and the level-2 rules find nothing.
fn arbor_accepts(path: &Path) -> (bool, Vec<String>) {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = Reader::new(&bytes[..], path.display().to_string());
    let mut validator = Validator::new(Level::Ud, "ud");
    let mut problems = Vec::new();
    while let Some(item) = reader.next() {
        match item {
            Err(e) => problems.push(format!("format: {e}")),
            Ok(s) => problems.extend(validator.check(&s, reader.sentence_line()).iter().map(|p| p.to_string())),
        }
    }
    (problems.is_empty(), problems)
}

/// The official verdicts, one Python process for all files (scripts/udvalidate_each.py).
fn udvalidate_verdicts(files: &[PathBuf]) -> BTreeMap<PathBuf, (bool, String)> {
    let python = std::env::var("ARBOR_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/udvalidate_each.py");
    let mut verdicts = BTreeMap::new();
    for chunk in files.chunks(500) {
        let out = Command::new(&python)
            .arg(&script)
            .args(["--lang", "ud", "--level", "2"])
            .args(chunk)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python} ({e}): set ARBOR_PYTHON to a Python with udtools"));
        assert!(out.status.success(), "udvalidate_each.py failed: {}", String::from_utf8_lossy(&out.stderr));
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let mut cols = line.split('\t');
            let (path, code, rules) = (cols.next().unwrap(), cols.next().unwrap(), cols.next().unwrap_or(""));
            verdicts.insert(PathBuf::from(path), (code == "0", rules.to_string()));
        }
    }
    assert_eq!(verdicts.len(), files.len(), "udvalidate answered for {} of {} files", verdicts.len(), files.len());
    verdicts
}

/// Compare both verdicts on every file; returns (accepted by both, rejected by both).
fn compare(files: &[PathBuf], what: &str) -> (usize, usize) {
    let official = udvalidate_verdicts(files);
    let (mut both_ok, mut both_bad, mut differ) = (0, 0, Vec::new());
    let mut rules_seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, rules) in official.values() {
        for r in rules.split(',').filter(|r| !r.is_empty()) {
            *rules_seen.entry(r).or_default() += 1;
        }
    }
    for path in files {
        let (ours, problems) = arbor_accepts(path);
        let (theirs, rules) = &official[path];
        match (ours, *theirs) {
            (true, true) => both_ok += 1,
            (false, false) => both_bad += 1,
            _ => differ.push(format!(
                "{}: arbor {} {problems:?}; udvalidate {} [{rules}]",
                path.display(),
                if ours { "accepts" } else { "rejects" },
                if *theirs { "accepts" } else { "rejects" }
            )),
        }
    }
    eprintln!(
        "{what}: {} files, both accept {both_ok}, both reject {both_bad}, disagree {}",
        files.len(),
        differ.len()
    );
    eprintln!("{what}: files per rule udvalidate reported: {rules_seen:?}");
    assert!(differ.is_empty(), "{} disagreements:\n{}", differ.len(), differ.join("\n"));
    (both_ok, both_bad)
}

#[test]
#[ignore = "needs ARBOR_DATA and a Python with udtools (ARBOR_PYTHON)"]
fn the_validators_own_cases_get_the_official_verdict() {
    let mut files = Vec::new();
    for sub in ["valid", "invalid-level1", "eval"] {
        let dir = data_dir().join("ud-tools-cases").join(sub);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "conllu") {
                files.push(p);
            }
        }
    }
    files.sort();
    let (ok, bad) = compare(&files, "ud-tools-cases");
    assert!(ok >= 10 && bad >= 35, "{ok} accepted, {bad} rejected");
}

#[test]
#[ignore = "needs ARBOR_DATA and a Python with udtools (ARBOR_PYTHON)"]
fn mutations_of_ewt_dev_get_the_official_verdict() {
    let dev = std::fs::read_to_string(data_dir().join("ud/UD_English-EWT/en_ewt-ud-dev.conllu")).unwrap();
    let sentences: Vec<&str> = dev.split_terminator("\n\n").collect();
    assert!(sentences.len() > 1000);
    let dir = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut files = Vec::new();
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for i in 0..MUTATIONS {
        let start = rng.gen_range(0..sentences.len() - 3);
        let mut block: Vec<Vec<String>> = sentences[start..start + rng.gen_range(1..=3)]
            .iter()
            .map(|s| s.lines().map(str::to_string).collect())
            .collect();
        let name = mutate(&mut block, &mut rng);
        *used.entry(name).or_default() += 1;
        let mut text: String = block.iter().map(|s| s.join("\n") + "\n\n").collect();
        if name == "crlf" {
            text = text.replace('\n', "\r\n");
        } else if name == "no-final-blank" {
            text.pop();
        }
        let path = dir.path().join(format!("m{i:04}-{name}.conllu"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    eprintln!("mutations: {used:?}");
    let (ok, bad) = compare(&files, "EWT dev mutations");
    assert!(ok >= 100 && bad >= 1000, "{ok} accepted, {bad} rejected: the mutations should mostly break a rule");
}

/// Token lines of a sentence (indices into its lines), and their columns.
fn token_lines(s: &[String]) -> Vec<usize> {
    (0..s.len()).filter(|&i| !s[i].starts_with('#')).collect()
}

fn word_lines(s: &[String]) -> Vec<usize> {
    token_lines(s).into_iter().filter(|&i| s[i].split('\t').next().is_some_and(|id| !id.contains(['-', '.']))).collect()
}

fn set_col(line: &mut String, col: usize, value: &str) {
    let mut cols: Vec<String> = line.split('\t').map(str::to_string).collect();
    if col < cols.len() {
        cols[col] = value.to_string();
    }
    *line = cols.join("\t");
}

fn col(line: &str, col: usize) -> String {
    line.split('\t').nth(col).unwrap_or("").to_string()
}

/// Apply one mutation, chosen at random, to the block; returns its name.
fn mutate(block: &mut [Vec<String>], rng: &mut ChaCha8Rng) -> &'static str {
    const OPS: [&str; 47] = [
        "none",
        "upos-lower",
        "upos-unknown",
        "upos-empty-node",
        "feats-swap",
        "feats-repeat",
        "feats-lower-name",
        "feats-values-unsorted",
        "feats-value-repeat",
        "feats-bad-value",
        "feats-no-value",
        "feats-layered",
        "deprel-upper",
        "deprel-unknown",
        "deprel-subtype",
        "deprel-bad-subtype",
        "deprel-underscore",
        "head-random",
        "head-underscore",
        "head-self",
        "deps-swap",
        "deps-repeat",
        "deps-self",
        "deps-unknown-head",
        "deps-no-colon",
        "deps-upper",
        "deps-remove",
        "deps-all-remove",
        "deps-ref",
        "misc-repeat-spaceafter",
        "misc-spaceafter-yes",
        "misc-nospaceafter",
        "misc-drop-spaceafter",
        "misc-add-spaceafter",
        "sent-id-drop",
        "sent-id-dup",
        "sent-id-space",
        "sent-id-slash",
        "text-drop",
        "text-trailing",
        "text-change",
        "newpar-twice",
        "parallel-id",
        "structure",
        "newpar-after-glue",
        "spaceafter-mwt-word",
        "empty-node-head",
    ];
    let op = *OPS.choose(rng).unwrap();
    let si = rng.gen_range(0..block.len());
    let comment = |s: &[String], key: &str| s.iter().position(|l| l.starts_with(&format!("# {key} =")));
    let other_id = block.iter().filter_map(|t| comment(t, "sent_id").map(|i| t[i].clone())).next();
    let has_next = si + 1 < block.len();
    let s = &mut block[si];
    let words = word_lines(s);
    let w = *words.choose(rng).unwrap();
    let feats = col(&s[w], 5);
    let deps = col(&s[w], 8);
    let misc = col(&s[w], 9);
    let line = s[w].clone();
    let c = |n| col(&line, n);
    match op {
        "none" => {}
        "upos-lower" => set_col(&mut s[w], 3, &c(3).to_lowercase()),
        "upos-unknown" => set_col(&mut s[w], 3, ["NOUNS", "N", "_", "XX"].choose(rng).unwrap()),
        "upos-empty-node" => {
            let id = c(0);
            let line =
                format!("{id}.1\tgap\tgap\t{}\t_\t_\t_\t_\t{id}:conj\t_", ["_", "VERB", "verb"].choose(rng).unwrap());
            s.insert(w + 1, line);
        }
        "feats-swap" if feats.contains('|') => {
            let mut f: Vec<&str> = feats.split('|').collect();
            f.swap(0, 1);
            set_col(&mut s[w], 5, &f.join("|"));
        }
        "feats-repeat" if feats != "_" => {
            set_col(&mut s[w], 5, &format!("{feats}|{}", feats.rsplit('|').next().unwrap()))
        }
        "feats-lower-name" if feats != "_" => set_col(&mut s[w], 5, &feats.to_lowercase()),
        "feats-values-unsorted" => set_col(&mut s[w], 5, "Number=Sing,Plur"),
        "feats-value-repeat" => set_col(&mut s[w], 5, "Number=Plur,Plur"),
        "feats-bad-value" => {
            set_col(&mut s[w], 5, ["Number=sing", "Number=", "Number=Si-ng", "Number=Plur,"].choose(rng).unwrap())
        }
        "feats-no-value" => set_col(&mut s[w], 5, ["Number", "=Sing", "Number=Sing|"].choose(rng).unwrap()),
        "feats-layered" => set_col(
            &mut s[w],
            5,
            ["Number[psor]=Sing", "Number[Psor]=Sing", "Gender=Masc|Number[psor]=Plur"].choose(rng).unwrap(),
        ),
        "deprel-upper" => set_col(&mut s[w], 7, &c(7).to_uppercase()),
        "deprel-unknown" => set_col(&mut s[w], 7, ["subj", "nsubjpass", "objj", "ref"].choose(rng).unwrap()),
        "deprel-subtype" => set_col(&mut s[w], 7, &format!("{}:xyz", c(7).split(':').next().unwrap())),
        "deprel-bad-subtype" => {
            set_col(&mut s[w], 7, &format!("{}:{}", c(7), ["x:y", "Poss", "a_b", "ø"].choose(rng).unwrap()))
        }
        "deprel-underscore" => set_col(&mut s[w], 7, "_"),
        "head-random" => set_col(&mut s[w], 6, &rng.gen_range(0..words.len() + 3).to_string()),
        "head-underscore" => set_col(&mut s[w], 6, "_"),
        "head-self" => set_col(&mut s[w], 6, &c(0)),
        "deps-swap" if deps.contains('|') => {
            let mut d: Vec<&str> = deps.split('|').collect();
            d.swap(0, 1);
            set_col(&mut s[w], 8, &d.join("|"));
        }
        "deps-repeat" if deps != "_" => set_col(&mut s[w], 8, &format!("{deps}|{}", deps.rsplit('|').next().unwrap())),
        "deps-self" => set_col(&mut s[w], 8, &format!("{}:dep", c(0))),
        "deps-unknown-head" => set_col(&mut s[w], 8, ["99:dep", "1.5:dep", "01:dep", "x:dep"].choose(rng).unwrap()),
        "deps-no-colon" => set_col(&mut s[w], 8, &deps.replacen(':', "", 1)),
        "deps-upper" => set_col(&mut s[w], 8, &deps.to_uppercase()),
        "deps-remove" => set_col(&mut s[w], 8, "_"),
        "deps-all-remove" => {
            for i in token_lines(s) {
                set_col(&mut s[i], 8, "_");
            }
            s.retain(|l| l.starts_with('#') || !col(l, 0).contains('.'));
        }
        "deps-ref" => set_col(&mut s[w], 8, &format!("{deps}|{}:ref", c(6))),
        "misc-repeat-spaceafter" => set_col(&mut s[w], 9, "SpaceAfter=No|SpaceAfter=No"),
        "misc-spaceafter-yes" => {
            set_col(&mut s[w], 9, ["SpaceAfter=Yes", "NoSpaceAfter=Yes", "SpaceAfter=no"].choose(rng).unwrap())
        }
        "misc-nospaceafter" => set_col(&mut s[w], 9, "NoSpaceAfter=Yes"),
        "misc-drop-spaceafter" => {
            let with: Vec<usize> = token_lines(s).into_iter().filter(|&i| s[i].contains("SpaceAfter=No")).collect();
            if let Some(&i) = with.choose(rng) {
                let m = col(&s[i], 9).replace("SpaceAfter=No", "").replace("||", "|");
                let m = m.trim_matches('|');
                set_col(&mut s[i], 9, if m.is_empty() { "_" } else { m });
            }
        }
        "misc-add-spaceafter" => set_col(
            &mut s[w],
            9,
            if misc == "_" { "SpaceAfter=No".into() } else { format!("{misc}|SpaceAfter=No") }.as_str(),
        ),
        "sent-id-drop" => {
            if let Some(i) = comment(s, "sent_id") {
                s.remove(i);
            }
        }
        "sent-id-dup" => {
            if let (Some(i), Some(line)) = (comment(s, "sent_id"), other_id) {
                if rng.gen_bool(0.5) {
                    s[i] = line;
                } else {
                    s.insert(i, line);
                }
            }
            return op;
        }
        "sent-id-space" | "sent-id-slash" => {
            if let Some(i) = comment(s, "sent_id") {
                s[i] = s[i].clone()
                    + if op == "sent-id-space" {
                        [" x", " ", "\u{a0}"].choose(rng).unwrap()
                    } else {
                        ["/a", "/a/b"].choose(rng).unwrap()
                    };
            }
        }
        "text-drop" => {
            if let Some(i) = comment(s, "text") {
                s.remove(i);
            }
        }
        "text-trailing" => {
            if let Some(i) = comment(s, "text") {
                s[i].push(' ');
            }
        }
        "text-change" => {
            if let Some(i) = comment(s, "text") {
                let chars: Vec<char> = s[i].chars().collect();
                let p = rng.gen_range("# text = ".len()..chars.len());
                let mut c = chars.clone();
                match rng.gen_range(0..3) {
                    0 => c[p] = 'Q',
                    1 => c.insert(p, ' '),
                    _ => {
                        c.remove(p);
                    }
                }
                s[i] = c.into_iter().collect();
            }
        }
        "newpar-twice" => {
            s.insert(0, ["# newpar", "# newdoc", "# newdoc x"].choose(rng).unwrap().to_string() + "\n# newpar")
        }
        "parallel-id" => {
            let v = [
                "# parallel_id = pud/n01",
                "# parallel_id = PUD/x",
                "# parallel_id = pud/n01/alt2",
                "# parallel_id = pud/n01/part1",
            ];
            s.insert(0, v.choose(rng).unwrap().to_string());
        }
        "newpar-after-glue" if has_next => {
            let last = *token_lines(s).last().unwrap();
            let line = s[last].clone();
            let misc = col(&line, 9);
            set_col(
                &mut s[last],
                9,
                if misc == "_" { "SpaceAfter=No".into() } else { format!("{misc}|SpaceAfter=No") }.as_str(),
            );
            block[si + 1].insert(0, "# newpar".into());
        }
        "spaceafter-mwt-word" => {
            let t = token_lines(s);
            if let Some(&r) = t.iter().find(|&&i| col(&s[i], 0).contains('-')) {
                set_col(&mut s[r + 1], 9, "SpaceAfter=No");
            }
        }
        "empty-node-head" => {
            let id = c(0);
            s.insert(w + 1, format!("{id}.1\tgap\tgap\tVERB\t_\t_\t{}\t_\t{id}:conj\t_", c(6)));
        }
        "structure" => match rng.gen_range(0..6) {
            0 => set_col(&mut s[w], 0, &format!("{}0", c(0))),
            1 => s[w].push('\t'),
            2 => s[w] = s[w].replacen('\t', " ", 1),
            3 => {
                let t = token_lines(s);
                s.swap(t[0], *t.last().unwrap());
            }
            4 => return "crlf",
            _ => return "no-final-blank",
        },
        _ => return "none",
    }
    op
}
