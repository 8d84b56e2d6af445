//! The metrics over an alignment.

use super::align::Alignment;
use super::load::{EvalWord, Span, Treebank};
use super::metric::{Evaluation, Metric, Score};

fn spans_score(gold: &[Span], system: &[Span]) -> Score {
    let (mut correct, mut gi, mut si) = (0, 0, 0);
    while gi < gold.len() && si < system.len() {
        if system[si].start < gold[gi].start {
            si += 1;
        } else if gold[gi].start < system[si].start {
            gi += 1;
        } else {
            correct += usize::from(gold[gi].end == system[si].end);
            gi += 1;
            si += 1;
        }
    }
    Score::new(gold.len(), system.len(), correct, None)
}

struct Ctx<'a> {
    g: &'a [EvalWord],
    s: &'a [EvalWord],
    a: &'a Alignment,
}

impl Ctx<'_> {
    /// Whether the system word's head is the (aligned) gold word's head.
    fn same_parent(&self, gw: &EvalWord, sw: &EvalWord) -> bool {
        if !sw.attached || !gw.attached {
            return false;
        }
        match (gw.parent, sw.parent) {
            (None, None) => true,
            (Some(gp), Some(sp)) => self.a.system_to_gold[sp] == Some(gp),
            _ => false,
        }
    }

    fn same_lemma(gw: &EvalWord, sw: &EvalWord) -> bool {
        gw.lemma == "_" || gw.lemma == sw.lemma
    }

    fn same_functional_children(&self, gw: &EvalWord, sw: &EvalWord) -> bool {
        gw.functional_children.len() == sw.functional_children.len()
            && gw.functional_children.iter().zip(&sw.functional_children).all(|(&gc, &sc)| {
                let (g, s) = (&self.g[gc], &self.s[sc]);
                self.a.system_to_gold[sc] == Some(gc) && g.deprel == s.deprel && g.upos == s.upos && g.feats == s.feats
            })
    }

    /// A metric on aligned words: `same` decides a pair, `filter` (on gold words for the
    /// aligned count) restricts the words counted.
    fn aligned(&self, content_only: bool, same: impl Fn(&EvalWord, &EvalWord) -> bool) -> Score {
        let keep = |w: &EvalWord| !content_only || w.content;
        let gold = self.g.iter().filter(|w| keep(w)).count();
        let system = self.s.iter().filter(|w| keep(w)).count();
        let mut aligned = 0;
        let mut correct = 0;
        for &(gi, si) in &self.a.pairs {
            let (gw, sw) = (&self.g[gi], &self.s[si]);
            if keep(gw) {
                aligned += 1;
                correct += usize::from(same(gw, sw));
            }
        }
        Score::new(gold, system, correct, Some(aligned))
    }

    fn enhanced(&self, universal_only: bool) -> Score {
        let gold = self.g.iter().map(|w| w.enhanced.len()).sum();
        let system = self.s.iter().map(|w| w.enhanced.len()).sum();
        let base =
            |path: &[String]| path.iter().map(|d| d.split(':').next().unwrap_or("").to_string()).collect::<Vec<_>>();
        let mut correct = 0;
        for &(gi, si) in &self.a.pairs {
            for (gh, gpath) in &self.g[gi].enhanced {
                for (sh, spath) in &self.s[si].enhanced {
                    let same_rel = gpath == spath || (universal_only && base(gpath) == base(spath));
                    let same_head = match (gh, sh) {
                        (None, None) => true,
                        (Some(g), Some(s)) => self.a.system_to_gold[*s] == Some(*g),
                        _ => false,
                    };
                    correct += usize::from(same_rel && same_head);
                }
            }
        }
        Score::new(gold, system, correct, None)
    }
}

pub(crate) fn all_scores(g: &Treebank, s: &Treebank, a: &Alignment) -> Evaluation {
    let c = Ctx { g: &g.words, s: &s.words, a };
    let las = |gw: &EvalWord, sw: &EvalWord| c.same_parent(gw, sw) && gw.deprel == sw.deprel;
    let scores = Metric::ALL
        .iter()
        .map(|&m| {
            let score = match m {
                Metric::Tokens => spans_score(&g.tokens, &s.tokens),
                Metric::Sentences => spans_score(&g.sentences, &s.sentences),
                Metric::Words => Score::new(g.words.len(), s.words.len(), a.pairs.len(), None),
                Metric::Upos => c.aligned(false, |x, y| x.upos == y.upos),
                Metric::Xpos => c.aligned(false, |x, y| x.xpos == y.xpos),
                Metric::UFeats => c.aligned(false, |x, y| x.feats == y.feats),
                Metric::AllTags => c.aligned(false, |x, y| x.upos == y.upos && x.xpos == y.xpos && x.feats == y.feats),
                Metric::Lemmas => c.aligned(false, Ctx::same_lemma),
                Metric::Uas => c.aligned(false, |x, y| c.same_parent(x, y)),
                Metric::Las => c.aligned(false, las),
                Metric::Clas => c.aligned(true, las),
                Metric::Mlas => c.aligned(true, |x, y| {
                    las(x, y) && x.upos == y.upos && x.feats == y.feats && c.same_functional_children(x, y)
                }),
                Metric::Blex => c.aligned(true, |x, y| las(x, y) && Ctx::same_lemma(x, y)),
                Metric::Elas => c.enhanced(false),
                Metric::Eulas => c.enhanced(true),
            };
            (m, score)
        })
        .collect();
    Evaluation { scores }
}
