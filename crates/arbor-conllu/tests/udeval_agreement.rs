//! Agreement with the official CoNLL 2018 scorer (`udeval` from `pip install udtools`) on UD
//! EWT dev against system files this test generates by perturbing the gold file: changed heads,
//! labels, tags, lemmas and features; split and merged tokens; multiword tokens added and
//! removed; sentences split and joined. Needs `ARBOR_DATA` and `udeval` (on PATH, or
//! `ARBOR_UDEVAL`); `.ci/run` provides both.

mod common;

use std::path::PathBuf;
use std::process::Command;

use arbor_conllu::eval::{evaluate_named, format_counts, format_table, Options};
use arbor_conllu::{read_file, Multiword, Sentence, Word, Writer};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A word with its head given by key, so that edits need no index bookkeeping.
#[derive(Clone)]
struct W {
    key: usize,
    head: Option<usize>,
    word: Word,
}

#[derive(Clone)]
struct T {
    mwt: Option<(String, String)>,
    words: Vec<W>,
}

type Tokens = Vec<T>;

struct Perturber {
    rng: ChaCha8Rng,
    next_key: usize,
    /// Words merged away: `(from, into)`; heads on `from` move to `into`.
    renames: Vec<(usize, usize)>,
}

const UPOS: [&str; 6] = ["NOUN", "VERB", "ADJ", "ADP", "PROPN", "X"];
const DEPRELS: [&str; 8] = ["nsubj", "obj", "obl", "nmod:poss", "advmod", "case", "det", "compound"];

impl Perturber {
    fn tokens_of(&mut self, s: &Sentence) -> Tokens {
        let base = self.next_key;
        self.next_key += s.words.len() + 1;
        let key_of = |id: usize| base + id;
        s.tokens()
            .map(|t| {
                let (mwt, ids) = match t {
                    arbor_conllu::Token::Word { id, .. } => (None, id..=id),
                    arbor_conllu::Token::Multiword { token, .. } => {
                        (Some((token.form.clone(), token.misc.clone())), token.first..=token.last)
                    }
                };
                let words = ids
                    .map(|id| {
                        let w = &s.words[id - 1];
                        let head = w.head.filter(|&h| h > 0).map(key_of);
                        W { key: key_of(id), head, word: w.clone() }
                    })
                    .collect();
                T { mwt, words }
            })
            .collect()
    }

    fn fresh(&mut self) -> usize {
        self.next_key += 1;
        self.next_key
    }

    fn is_under(ws: &[&W], mut v: Option<usize>, ancestor: usize) -> bool {
        for _ in 0..=ws.len() {
            match v {
                Some(k) if k == ancestor => return true,
                Some(k) => v = ws.iter().find(|w| w.key == k).and_then(|w| w.head),
                None => return false,
            }
        }
        false
    }

    fn edit_fields(&mut self, ts: &mut Tokens, heads: bool) {
        let snapshot: Vec<W> = ts.iter().flat_map(|t| t.words.clone()).collect();
        for t in ts.iter_mut() {
            for w in t.words.iter_mut() {
                let r: f64 = self.rng.gen();
                if heads {
                    if r < 0.10 && w.head.is_some() {
                        let all: Vec<&W> = snapshot.iter().collect();
                        let choices: Vec<usize> = snapshot
                            .iter()
                            .filter(|c| c.key != w.key && !Self::is_under(&all, Some(c.key), w.key))
                            .map(|c| c.key)
                            .collect();
                        if let Some(&k) = choices.choose(&mut self.rng) {
                            w.head = Some(k);
                        }
                    } else if r < 0.18 && w.head.is_some() {
                        w.word.deprel = DEPRELS.choose(&mut self.rng).unwrap().to_string();
                    }
                } else if r < 0.08 {
                    w.word.upos = UPOS.choose(&mut self.rng).unwrap().to_string();
                } else if r < 0.14 {
                    w.word.xpos = "XX".into();
                } else if r < 0.20 {
                    w.word.lemma = w.word.lemma.to_uppercase();
                } else if r < 0.26 {
                    w.word.feats = match w.word.feats.split_once('|') {
                        Some((_, rest)) => rest.to_string(),
                        None => "_".into(),
                    };
                }
            }
        }
        // Keep the heads' new values consistent within the sentence (edits used a snapshot).
        let _ = snapshot;
    }

    /// Split single-word tokens in two, merge neighbours, add and remove multiword tokens.
    fn edit_tokens(&mut self, ts: Tokens) -> Tokens {
        let mut out: Tokens = Vec::new();
        let mut it = ts.into_iter().peekable();
        while let Some(t) = it.next() {
            let r: f64 = self.rng.gen();
            let single = t.mwt.is_none() && t.words.len() == 1;
            let chars: Vec<char> = t.words[0].word.form.chars().collect();
            if single && r < 0.05 && chars.len() >= 2 {
                let cut = self.rng.gen_range(1..chars.len());
                let mut a = t.words[0].clone();
                a.word.form = chars[..cut].iter().collect();
                let key = self.fresh();
                let b = W {
                    key,
                    head: Some(a.key),
                    word: Word { form: chars[cut..].iter().collect(), deprel: "dep".into(), ..Word::new("") },
                };
                let as_mwt = self.rng.gen_bool(0.5);
                if as_mwt {
                    let form = t.words[0].word.form.clone();
                    out.push(T { mwt: Some((form, "_".into())), words: vec![a, b] });
                } else {
                    out.push(T { mwt: None, words: vec![a] });
                    out.push(T { mwt: None, words: vec![b] });
                }
            } else if single && r < 0.10 && it.peek().is_some_and(|n| n.mwt.is_none()) {
                let n = it.next().unwrap();
                let (a, b) = (t.words[0].clone(), n.words[0].clone());
                if self.rng.gen_bool(0.5) {
                    // Make the two words one multiword token.
                    let form = format!("{}{}", a.word.form, b.word.form);
                    out.push(T { mwt: Some((form, "_".into())), words: vec![a, b] });
                } else {
                    out.push(self.merge(a, b));
                }
            } else if let (Some((token_form, _)), true) = (&t.mwt, r < 0.30) {
                // Drop the multiword token: its words become ordinary tokens when they spell it,
                // else the token becomes one word.
                let spelled: String = t.words.iter().map(|w| w.word.form.as_str()).collect();
                if &spelled == token_form {
                    out.extend(t.words.into_iter().map(|w| T { mwt: None, words: vec![w] }));
                } else {
                    let token_form = token_form.clone();
                    let mut words = t.words.into_iter();
                    let mut acc = words.next().unwrap();
                    for w in words {
                        acc = self.merge(acc, w).words.remove(0);
                    }
                    acc.word.form = token_form;
                    out.push(T { mwt: None, words: vec![acc] });
                }
            } else {
                out.push(t);
            }
        }
        out
    }

    /// Merge word `b` into word `a`: the merged word keeps the attachment of whichever is higher.
    fn merge(&mut self, mut a: W, b: W) -> T {
        let a_under_b = a.head == Some(b.key);
        if a_under_b {
            a.head = b.head;
            a.word.deprel = b.word.deprel.clone();
        }
        a.word.form = format!("{}{}", a.word.form, b.word.form);
        self.renames.push((b.key, a.key));
        T { mwt: None, words: vec![a] }
    }
}

/// Rebuild sentences from tokens; heads pointing outside a sentence are re-attached.
fn rebuild(parts: Vec<Tokens>, renames: &[(usize, usize)]) -> Vec<Sentence> {
    let rename = |mut k: usize| {
        while let Some(&(_, to)) = renames.iter().rev().find(|(from, _)| *from == k) {
            k = to;
        }
        k
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|tokens| {
            let keys: Vec<usize> = tokens.iter().flat_map(|t| t.words.iter().map(|w| w.key)).collect();
            let index = |k: usize| keys.iter().position(|&x| x == k).map(|i| i + 1);
            let mut words: Vec<(Word, Option<usize>)> = Vec::new();
            let mut multiwords = Vec::new();
            for t in &tokens {
                let first = words.len() + 1;
                for w in &t.words {
                    let head = w.head.map(rename).and_then(|k| index(k).filter(|&h| h != words.len() + 1));
                    words.push((w.word.clone(), head));
                }
                if let Some((form, misc)) = &t.mwt {
                    if t.words.len() > 1 {
                        multiwords.push(Multiword {
                            first,
                            last: words.len(),
                            form: form.clone(),
                            feats: "_".into(),
                            misc: misc.clone(),
                        });
                    }
                }
            }
            // One root: prefer a word that had none, re-attach the other orphans to it.
            let root = words
                .iter()
                .position(|(w, h)| h.is_none() && w.deprel == "root")
                .or_else(|| words.iter().position(|(_, h)| h.is_none()))
                .unwrap_or(0)
                + 1;
            let mut out: Vec<Word> = Vec::new();
            for (i, (mut w, h)) in words.into_iter().enumerate() {
                let id = i + 1;
                w.head = Some(match h {
                    _ if id == root => 0,
                    None => root,
                    Some(h) => h,
                });
                if id == root {
                    w.deprel = "root".into();
                } else if w.deprel == "root" {
                    w.deprel = "parataxis".into();
                }
                out.push(w);
            }
            let mut s = Sentence { multiwords, ..Sentence::from_words(out) };
            break_cycles(&mut s, root);
            s
        })
        .collect()
}

/// Renames and re-attachments can close cycles; attach a word of each cycle to the root.
fn break_cycles(s: &mut Sentence, root: usize) {
    loop {
        let errors = arbor_conllu::validate_tree(s);
        let Some(e) = errors.iter().find(|e| e.problem.contains("cycle")) else { return };
        s.words[e.word - 1].head = Some(root);
    }
}

impl Perturber {
    fn perturb(
        &mut self,
        gold: &[Sentence],
        fields: bool,
        heads: bool,
        tokens: bool,
        boundaries: bool,
    ) -> Vec<Sentence> {
        let mut parts: Vec<Tokens> = Vec::new();
        for s in gold {
            let mut ts = self.tokens_of(s);
            if heads || tokens || boundaries {
                // Enhanced heads would need the same edits; compare ELAS only on the other cases.
                ts.iter_mut().flat_map(|t| t.words.iter_mut()).for_each(|w| w.word.deps = "_".into());
            }
            if fields || heads {
                self.edit_fields(&mut ts, heads);
            }
            if tokens {
                ts = self.edit_tokens(ts);
            }
            if boundaries && ts.len() > 3 && self.rng.gen_bool(0.15) {
                let cut = self.rng.gen_range(1..ts.len());
                let tail = ts.split_off(cut);
                parts.push(ts);
                parts.push(tail);
            } else if boundaries && !parts.is_empty() && self.rng.gen_bool(0.15) {
                parts.last_mut().unwrap().extend(ts);
            } else {
                parts.push(ts);
            }
        }
        rebuild(parts, &self.renames)
    }
}

fn udeval() -> String {
    std::env::var("ARBOR_UDEVAL").unwrap_or_else(|_| "udeval".into())
}

fn run_udeval(flag: &str, gold: &PathBuf, system: &PathBuf) -> String {
    let out = Command::new(udeval()).arg(flag).arg(gold).arg(system).output().unwrap_or_else(|e| {
        panic!("cannot run '{}' ({e}): install it with `pip install udtools` or set ARBOR_UDEVAL", udeval())
    });
    assert!(out.status.success(), "udeval failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs ARBOR_DATA (shared data) and udeval (pip install udtools)"]
fn arbor_eval_agrees_with_udeval_on_perturbed_ewt_dev() {
    let data =
        PathBuf::from(std::env::var_os("ARBOR_DATA").expect("ARBOR_DATA is not set: point it at ../shared/data"));
    let gold_path = data.join("ud/UD_English-EWT/en_ewt-ud-dev.conllu");
    let gold = read_file(&gold_path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("identical", false, false, false, false),
        ("tags-lemmas-feats", true, false, false, false),
        ("heads-labels", false, true, false, false),
        ("tokens-split-merged-mwt", false, false, true, false),
        ("sentence-boundaries", false, false, false, true),
        ("everything", true, true, true, true),
    ];
    for (seed, (name, fields, heads, tokens, boundaries)) in cases.into_iter().enumerate() {
        let mut p = Perturber { rng: ChaCha8Rng::seed_from_u64(seed as u64), next_key: 0, renames: Vec::new() };
        let system = p.perturb(&gold, fields, heads, tokens, boundaries);
        let sys_path = dir.path().join(format!("{name}.conllu"));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&sys_path).unwrap());
        Writer::new(&mut f).write_all(&system).unwrap();
        drop(f);
        let system = read_file(&sys_path).unwrap();
        let e = evaluate_named(&gold, "gold", &system, "system", &Options::default()).unwrap();
        let ours = format_table(&e, true);
        let theirs = run_udeval("-v", &gold_path, &sys_path);
        for ((m, a), (m2, b)) in common::parse_table(&ours).iter().zip(common::parse_table(&theirs).iter()) {
            assert_eq!(m, m2);
            assert_eq!(a.len(), b.len(), "{name} {m}\nours:\n{ours}\nudeval:\n{theirs}");
            for (x, y) in a.iter().zip(b) {
                assert!(
                    (x - y).abs() <= 0.01 + 1e-9,
                    "{name} {m}: arbor {x} vs udeval {y}\nours:\n{ours}\nudeval:\n{theirs}"
                );
            }
        }
        assert_eq!(
            format_counts(&e, true),
            run_udeval("-c", &gold_path, &sys_path).trim_end_matches('\n').to_string() + "\n",
            "{name}: counts differ"
        );
        eprintln!(
            "{name}: LAS {:.2} Words {:.2} Sentences {:.2} ELAS {:.2} — identical to udeval",
            100.0 * e[arbor_conllu::eval::Metric::Las].f1,
            100.0 * e[arbor_conllu::eval::Metric::Words].f1,
            100.0 * e[arbor_conllu::eval::Metric::Sentences].f1,
            100.0 * e[arbor_conllu::eval::Metric::Elas].f1
        );
    }
}
