//! Conversion to `udgraph`'s dependency graph, the representation the `conllu`/`udgraph`
//! ecosystem (e.g. `udgraph-projectivize`) works on.
//!
//! `udgraph` has no place for multiword ranges or empty nodes; the conversion keeps the words,
//! their columns and the basic tree, and drops those two.

use std::collections::BTreeMap;

use udgraph::graph::{Comment as UdComment, DepTriple, Sentence as UdSentence};
use udgraph::token::{Features, Misc, TokenBuilder};

use crate::error::{Error, Result};
use crate::sentence::Sentence;

fn field(s: &str) -> Option<&str> {
    (s != "_").then_some(s)
}

/// The sentence as a `udgraph` graph: comments, words with all columns, and the basic tree.
pub fn to_udgraph(sentence: &Sentence) -> Result<UdSentence> {
    let mut g = UdSentence::new();
    let comments = sentence
        .comments
        .iter()
        .map(|c| match c.key_value() {
            Some((attr, val)) => UdComment::AttrVal { attr: attr.into(), val: val.into() },
            None => UdComment::String(c.0.trim_start().into()),
        })
        .collect::<Vec<_>>();
    g.set_comments(comments);
    for w in &sentence.words {
        let feats: Features = w.features().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let misc: BTreeMap<String, Option<String>> = w
            .misc
            .split('|')
            .filter(|p| *p != "_")
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (p.to_string(), None),
            })
            .collect();
        let mut b = TokenBuilder::new(w.form.clone()).features(feats).misc(Misc::from(misc));
        if let Some(l) = field(&w.lemma) {
            b = b.lemma(l);
        }
        if let Some(u) = field(&w.upos) {
            b = b.upos(u);
        }
        if let Some(x) = field(&w.xpos) {
            b = b.xpos(x);
        }
        if let Some(d) = field(&w.deps) {
            b = b.deps(d);
        }
        g.push(b.into());
    }
    for (i, w) in sentence.words.iter().enumerate() {
        if let Some(h) = w.head {
            let triple = DepTriple::new(h, field(&w.deprel).map(str::to_string), i + 1);
            g.dep_graph_mut()
                .add_deprel(triple)
                .map_err(|e| Error::Eval(format!("word {}: cannot add its dependency to the graph: {e}", i + 1)))?;
        }
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::Reader;
    use crate::writer::Writer;
    use conllu::io::{WriteSentence, Writer as UdWriter};

    const PLAIN: &str = "# sent_id = 1\n# text = Dogs bark.\n\
1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t2:nsubj\t_\n\
2\tbark\tbark\tVERB\tVBP\tMood=Ind|Tense=Pres\t0\troot\t0:root\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_\n\n";

    #[test]
    fn the_conllu_crate_writes_the_converted_graph_as_arbor_writes_the_sentence() {
        let s = Reader::new(PLAIN.as_bytes(), "t").next().unwrap().unwrap();
        let g = to_udgraph(&s).unwrap();
        assert_eq!(g.dep_graph().head(2).map(|t| t.head()), Some(0));
        let mut theirs = UdWriter::new(Vec::new());
        theirs.write_sentence(&g).unwrap();
        let mut ours = Writer::new(Vec::new());
        ours.write(&s).unwrap();
        let theirs = String::from_utf8(theirs.get_ref().clone()).unwrap();
        let ours = String::from_utf8(ours.into_inner()).unwrap();
        // conllu writes no blank line after the last sentence it was given.
        assert_eq!(theirs.trim_end(), ours.trim_end());
    }
}
