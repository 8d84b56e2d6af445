//! The level-2 rules end to end: a valid sentence, then one change per rule.

use super::{Level, Validator};
use crate::Reader;

const VALID: &str = "# sent_id = s1\n# text = Don't go home.\n\
1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tDo\tdo\tAUX\tVBP\tMood=Imp|VerbForm=Fin\t3\taux\t3:aux\t_\n\
2\tn't\tnot\tPART\tRB\tPolarity=Neg\t3\tadvmod\t3:advmod\t_\n\
3\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\t_\n\
4\thome\thome\tADV\tRB\t_\t3\tadvmod\t3:advmod\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_\n\n";

/// The rule names of every problem in `text`, reader errors as `format`.
fn rules(text: &str) -> Vec<String> {
    let mut reader = Reader::new(text.as_bytes(), "t");
    let mut v = Validator::new(Level::Ud, "en");
    let mut out = Vec::new();
    while let Some(item) = reader.next() {
        match item {
            Err(_) => out.push("format".to_string()),
            Ok(s) => out.extend(v.check(&s, reader.sentence_line()).into_iter().map(|p| p.rule.to_string())),
        }
    }
    out
}

fn changed(from: &str, to: &str) -> Vec<String> {
    assert!(VALID.contains(from), "{from}");
    rules(&VALID.replacen(from, to, 1))
}

#[test]
fn a_valid_sentence_passes_and_lines_are_right() {
    assert_eq!(rules(VALID), Vec::<String>::new());
    let mut reader = Reader::new(VALID.as_bytes(), "t");
    let s = reader.next().unwrap().unwrap();
    let p = Validator::new(Level::Ud, "ud").check(
        &{
            let mut s = s;
            s.words[3].upos = "adv".into();
            s
        },
        3,
    );
    assert_eq!((p[0].line, p[0].rule), (7, "unknown-upos"));
}

#[test]
fn each_column_rule_is_found() {
    assert_eq!(changed("\tADV\t", "\tAdv\t"), ["unknown-upos"]);
    assert_eq!(changed("Mood=Imp|VerbForm=Fin", "VerbForm=Fin|Mood=Imp"), ["unsorted-features"]);
    assert_eq!(changed("Polarity=Neg", "Polarity=neg"), ["invalid-feature"]);
    assert_eq!(changed("\tadvmod\t3:advmod\tSpace", "\tAdvmod\t3:advmod\tSpace"), ["invalid-deprel"]);
    assert_eq!(changed("\tadvmod\t3:advmod\tSpace", "\tadverb\t3:advmod\tSpace"), ["unknown-udeprel"]);
    assert_eq!(changed("3:punct", "3:punct|1:dep"), ["unsorted-deps"]);
    assert_eq!(changed("3:punct", "3:punct|3:dep"), ["unsorted-deps-2"]);
    assert_eq!(changed("3:punct", "3:punct|3:punct"), ["repeated-deps"]);
    assert_eq!(changed("3:punct", "3:punct|5:dep"), ["deps-self-loop"]);
    assert_eq!(changed("3:punct", "3:Punct"), ["invalid-edeprel"]);
    assert_eq!(changed("SpaceAfter=No", "SpaceAfter=No|SpaceAfter=No"), ["repeated-misc"]);
}

#[test]
fn each_reference_and_tree_rule_is_found() {
    assert_eq!(changed("\t3\tpunct", "\t9\tpunct"), ["unknown-head"]);
    assert_eq!(changed("\t3\tpunct", "\t_\tpunct"), ["invalid-head"]);
    assert_eq!(changed("3:punct", "3punct"), ["invalid-deps"]);
    assert_eq!(changed("3:punct", "7:punct"), ["unknown-ehead"]);
    assert_eq!(changed("\t3\tpunct", "\t5\tpunct"), ["head-self-loop"]);
    assert_eq!(changed("\t3\tpunct", "\t0\tpunct"), ["multiple-roots"]);
    assert_eq!(changed("\t3\tpunct", "\t4\tpunct").len(), 0);
    let cyclic = VALID.replacen("\t3\tadvmod\t3:advmod\tSpace", "\t5\tadvmod\t3:advmod\tSpace", 1);
    assert_eq!(rules(&cyclic.replacen("\t3\tpunct", "\t4\tpunct", 1)), ["non-tree"]);
    assert_eq!(changed("\t0\troot\t0:root", "\t0\troot\t1:dep"), ["unconnected-egraph"]);
}

#[test]
fn each_metadata_rule_is_found() {
    assert_eq!(changed("# sent_id = s1\n", ""), ["missing-sent-id"]);
    assert_eq!(changed("# sent_id = s1\n", "# sent_id = s1\n# sent_id = s2\n"), ["multiple-sent-id"]);
    assert_eq!(changed("# sent_id = s1\n", "# sent_id = a b\n"), ["invalid-sent-id", "missing-sent-id"]);
    assert_eq!(changed("# sent_id = s1\n", "# sent_id = a/b\n"), ["slash-in-sent-id"]);
    assert_eq!(rules(&VALID.repeat(2)), ["non-unique-sent-id"]);
    assert_eq!(changed("# text = Don't go home.\n", ""), ["missing-text"]);
    assert_eq!(changed("home.\n", "home. \n"), ["text-trailing-whitespace"]);
    assert_eq!(changed("home.\n", "home .\n"), ["text-form-mismatch", "text-extra-chars"]);
    assert_eq!(changed("home.\n", "home.!\n"), ["missing-spaceafter", "text-extra-chars"]);
    assert_eq!(changed("go home", "gohome"), ["missing-spaceafter"]);
    assert_eq!(changed("SpaceAfter=No", "SpaceAfter=Yes"), ["spaceafter-value", "missing-spaceafter"]);
    assert_eq!(changed("\t3:aux\t_", "\t3:aux\tSpaceAfter=No"), ["spaceafter-mwt-node"]);
    assert_eq!(changed("# text", "# newpar\n# newpar\n# text"), ["multiple-newpar"]);
    assert_eq!(changed("# text", "# newdoc id = d1\n# newdoc\n# text"), Vec::<String>::new());
    assert_eq!(changed("# text", "# newdoc x\n# newdoc\n# text"), ["multiple-newdoc"]);
    let second = VALID.replace("s1", "s2").replacen("# text", "# newpar\n# text", 1);
    let glued = VALID.replacen(
        "\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_",
        "\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\tSpaceAfter=No",
        1,
    );
    assert_eq!(rules(&(glued + &second)), ["spaceafter-newdocpar"]);
}

#[test]
fn deprel_ref_passes_only_after_a_deps_value_as_in_udvalidate() {
    let first = VALID.replacen("\tadvmod\t3:advmod\tSpace", "\tref\t3:advmod\tSpace", 1);
    assert!(rules(&first).is_empty(), "DEPS of words 1-3 were checked before word 4");
    let plain = first.replace("\t3:aux\t", "\t_\t").replace("\t3:advmod\t", "\t_\t");
    let plain = plain.replace("\t0:root\t", "\t_\t").replace("\t3:punct\t", "\t_\t");
    assert_eq!(rules(&plain), ["unknown-udeprel"]);
}

#[test]
fn parallel_ids_are_unique_and_counted() {
    let with = |pid: &str, sid: &str| {
        VALID.replace("# sent_id = s1\n", &format!("# sent_id = {sid}\n# parallel_id = {pid}\n"))
    };
    assert!(rules(&with("pud/n01", "a")).is_empty());
    assert_eq!(rules(&with("PUD/n01", "a")), ["invalid-parallel-id"]);
    assert_eq!(rules(&(with("pud/n01", "a") + &with("pud/n01", "b"))), ["non-unique-parallel-id"]);
    assert!(rules(&(with("pud/n01/alt1", "a") + &with("pud/n01/alt2", "b"))).is_empty());
    assert_eq!(rules(&(with("pud/n01/alt1", "a") + &with("pud/n01/alt3", "b"))), ["parallel-id-alt"]);
    assert_eq!(rules(&with("pud/n01/part2", "a")), ["parallel-id-part"]);
}

#[test]
fn enhanced_graphs_come_in_all_sentences_or_none() {
    let plain = VALID.replace("s1", "s2").replace("\t3:aux\t", "\t_\t").replace("\t3:advmod\t", "\t_\t");
    let plain = plain.replace("\t0:root\t", "\t_\t").replace("\t3:punct\t", "\t_\t");
    assert!(rules(&plain).is_empty(), "{:?}", rules(&plain));
    assert_eq!(rules(&(VALID.to_string() + &plain)), ["edeps-only-sometimes"]);
}

#[test]
fn level_one_checks_nothing_beyond_the_reader() {
    let mut v = Validator::new(Level::Format, "ud");
    let bad = VALID.replace("\tADV\t", "\tAdv\t");
    let s = Reader::new(bad.as_bytes(), "t").next().unwrap().unwrap();
    assert!(v.check(&s, 3).is_empty());
    assert_eq!(Level::try_from(2), Ok(Level::Ud));
    assert!(Level::try_from(3).is_err());
    let mwt = VALID.replacen("Don't\t_\t_", "Don't\tdo\t_", 1);
    assert!(Reader::new(mwt.as_bytes(), "t").next().unwrap().is_err());
    assert!(Reader::new(mwt.as_bytes(), "t").format_only().next().unwrap().is_ok());
}
