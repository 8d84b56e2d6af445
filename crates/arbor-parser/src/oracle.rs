//! Which transitions are correct in a configuration, for training: the dynamic oracle's
//! zero-cost set for projective trees, the static oracle's one transition for the others.

use arbor_transition::{ArcHybridSwap, DynamicOracle, GoldTree, State, StaticOracle, Transition, TransitionSystem};

/// Labels that keep an arc transition at zero cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    None,
    One(u32),
    /// Any label: the arc is already lost, so the label cannot cost anything more.
    All,
}

/// The zero-cost transitions of a configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZeroCost {
    pub shift: bool,
    pub swap: bool,
    pub left: Labels,
    pub right: Labels,
}

impl ZeroCost {
    pub fn contains(&self, t: Transition) -> bool {
        let has = |l: Labels, x: u32| matches!(l, Labels::All) || l == Labels::One(x);
        match t {
            Transition::Shift => self.shift,
            Transition::Swap => self.swap,
            Transition::LeftArc(x) => has(self.left, x),
            Transition::RightArc(x) => has(self.right, x),
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.shift && !self.swap && self.left == Labels::None && self.right == Labels::None
    }

    /// One entry per transition index (`labels` labels): whether it is zero-cost.
    pub fn mask(&self, labels: usize, out: &mut Vec<bool>) {
        out.extend((0..Transition::count(labels)).map(|i| self.contains(Transition::from_index(i))));
    }
}

/// The correct transitions for a sentence's gold tree.
pub enum Guide<'a> {
    Dynamic(DynamicOracle<'a>, &'a GoldTree),
    Static(StaticOracle<'a>),
}

impl<'a> Guide<'a> {
    pub fn new(gold: &'a GoldTree) -> Guide<'a> {
        match DynamicOracle::new(gold) {
            Some(d) => Guide::Dynamic(d, gold),
            None => Guide::Static(StaticOracle::new(gold)),
        }
    }

    /// Whether training may leave the gold path (only the dynamic oracle can follow).
    pub fn can_explore(&self) -> bool {
        matches!(self, Guide::Dynamic(..))
    }

    pub fn zero_cost(&self, state: &State) -> ZeroCost {
        match self {
            Guide::Static(o) => {
                let t = o.next(state);
                let one = |x| Labels::One(x);
                ZeroCost {
                    shift: t == Transition::Shift,
                    swap: t == Transition::Swap,
                    left: if let Transition::LeftArc(l) = t { one(l) } else { Labels::None },
                    right: if let Transition::RightArc(l) = t { one(l) } else { Labels::None },
                }
            }
            Guide::Dynamic(o, gold) => {
                let ok = |t| ArcHybridSwap::is_allowed(state, t) && o.cost(state, t) == 0;
                // An arc's label costs only when the arc itself is gold: probe with the gold label.
                let arc = |make: fn(u32) -> Transition, head: Option<usize>| {
                    let Some(s) = state.s(0).filter(|&s| s != 0) else { return Labels::None };
                    let gold_label = gold.label(s);
                    if !ok(make(gold_label)) {
                        Labels::None
                    } else if head == Some(gold.head(s)) {
                        Labels::One(gold_label)
                    } else {
                        Labels::All
                    }
                };
                ZeroCost {
                    shift: ok(Transition::Shift),
                    swap: false,
                    left: arc(Transition::LeftArc, state.b(0)),
                    right: arc(Transition::RightArc, state.s(1)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_transition::{Labels as LabelTable, StaticOracle};

    #[test]
    fn zero_cost_sets_agree_with_the_full_cost_function() {
        // nsubj <- saw -> obj, obj -> det: "She saw the dog" with a wrong turn explored.
        let mut t = LabelTable::default();
        let gold =
            GoldTree::new(vec![2, 0, 4, 2], vec![t.add("nsubj"), t.add("root"), t.add("det"), t.add("obj")]).unwrap();
        let guide = Guide::new(&gold);
        let dynamic = DynamicOracle::new(&gold).unwrap();
        let mut state = ArcHybridSwap::initial(4);
        let path = StaticOracle::new(&gold).sequence().unwrap();
        for (step, &gold_t) in path.iter().enumerate() {
            let zc = guide.zero_cost(&state);
            for t in ArcHybridSwap::allowed(&state, t.len()) {
                assert_eq!(zc.contains(t), dynamic.cost(&state, t) == 0, "step {step}: {t:?}");
            }
            assert!(zc.contains(gold_t));
            ArcHybridSwap::apply(&mut state, gold_t);
        }
        // Off the gold path: shift everything, then zero-cost sets must stay non-empty.
        let mut state = ArcHybridSwap::initial(4);
        while state.b(0).is_some() {
            ArcHybridSwap::apply(&mut state, Transition::Shift);
        }
        while !ArcHybridSwap::is_terminal(&state) {
            let zc = guide.zero_cost(&state);
            assert!(!zc.is_empty());
            let t = ArcHybridSwap::allowed(&state, t.len()).into_iter().find(|&t| zc.contains(t)).unwrap();
            ArcHybridSwap::apply(&mut state, t);
        }
    }
}
