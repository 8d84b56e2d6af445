//! Gold trees: heads and labels of words `1..=n` (index 0 is the root), projectivity, and the
//! projective order (the in-order traversal that makes any tree projective).

use arbor_conllu::Sentence;

use crate::error::{Error, Result};
use crate::labels::{LabelId, Labels};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTree {
    /// `heads[i - 1]` is the head of word `i` (0: the root).
    heads: Vec<usize>,
    labels: Vec<LabelId>,
    /// `children[h]`: dependents of node `h` (0 = root), ascending.
    children: Vec<Vec<usize>>,
}

impl GoldTree {
    /// A tree from heads (1-based word ids, 0 for the root) and labels. It must have exactly
    /// one root dependent and no cycles.
    pub fn new(heads: Vec<usize>, labels: Vec<LabelId>) -> Result<GoldTree> {
        let n = heads.len();
        if labels.len() != n {
            return Err(Error::NotATree(format!("{n} heads but {} labels", labels.len())));
        }
        let mut children = vec![Vec::new(); n + 1];
        for (i, &h) in heads.iter().enumerate() {
            if h > n || h == i + 1 {
                return Err(Error::NotATree(format!("word {} has head {h}", i + 1)));
            }
            children[h].push(i + 1);
        }
        if children[0].len() != 1 {
            return Err(Error::NotATree(format!("{} words attach to the root", children[0].len())));
        }
        let tree = GoldTree { heads, labels, children };
        for i in 1..=n {
            let (mut v, mut steps) = (i, 0);
            while v != 0 {
                v = tree.heads[v - 1];
                steps += 1;
                if steps > n {
                    return Err(Error::NotATree(format!("word {i} lies on a cycle")));
                }
            }
        }
        Ok(tree)
    }

    /// The tree of a CoNLL-U sentence, adding its deprels to `labels`.
    pub fn from_sentence(s: &Sentence, labels: &mut Labels) -> Result<GoldTree> {
        let heads = s
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| w.head.ok_or_else(|| Error::NotATree(format!("word {} has no HEAD", i + 1))))
            .collect::<Result<Vec<_>>>()?;
        let ids = s.words.iter().map(|w| labels.add(&w.deprel)).collect();
        GoldTree::new(heads, ids)
    }

    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    pub fn heads(&self) -> &[usize] {
        &self.heads
    }

    pub fn labels(&self) -> &[LabelId] {
        &self.labels
    }

    /// Head of word `i` (1-based).
    pub fn head(&self, i: usize) -> usize {
        self.heads[i - 1]
    }

    pub fn label(&self, i: usize) -> LabelId {
        self.labels[i - 1]
    }

    pub fn children(&self, node: usize) -> &[usize] {
        &self.children[node]
    }

    /// Whether no arc crosses another or the root's arc.
    pub fn is_projective(&self) -> bool {
        let order = self.projective_order();
        (1..=self.len()).all(|i| order[i] == i)
    }

    /// `order[i]`: position of node `i` in the in-order traversal (left dependents, node, right
    /// dependents); `order[0] = 0`. Words sorted by it form a projective tree.
    pub fn projective_order(&self) -> Vec<usize> {
        let mut order = vec![0; self.len() + 1];
        let mut next = 0;
        // Iterative in-order traversal (long sentences must not overflow the call stack):
        // phase 0 queues the left dependents before the node, phase 1 numbers the node and
        // queues its right dependents.
        let mut work = vec![(0usize, 0u8)];
        while let Some((node, phase)) = work.pop() {
            let kids = &self.children[node];
            let split = kids.partition_point(|&c| c < node);
            if phase == 0 {
                work.push((node, 1));
                work.extend(kids[..split].iter().rev().map(|&c| (c, 0)));
            } else {
                order[node] = next;
                next += 1;
                work.extend(kids[split..].iter().rev().map(|&c| (c, 0)));
            }
        }
        order
    }
}
