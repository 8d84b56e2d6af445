//! Oracles. The static oracle gives the one gold transition for any configuration on the gold
//! path; it handles non-projective trees by swapping words into projective order (eager swap).
//! The dynamic oracle (projective trees) gives each transition's cost: how many gold arcs it
//! makes unreachable, so that training can explore its own mistakes.

use crate::error::{Error, Result};
use crate::state::State;
use crate::system::{ArcHybridSwap, Transition, TransitionSystem};
use crate::tree::GoldTree;

pub struct StaticOracle<'a> {
    gold: &'a GoldTree,
    order: Vec<usize>,
}

impl<'a> StaticOracle<'a> {
    pub fn new(gold: &'a GoldTree) -> StaticOracle<'a> {
        StaticOracle { gold, order: gold.projective_order() }
    }

    fn complete(&self, state: &State, node: usize) -> bool {
        state.attached(node) as usize == self.gold.children(node).len()
    }

    /// The gold transition in `state`.
    pub fn next(&self, state: &State) -> Transition {
        let g = self.gold;
        let (s0, s1, b0) = (state.s(0), state.s(1), state.b(0));
        if let (Some(s), Some(b)) = (s0, b0) {
            if s != 0 && g.head(s) == b && self.complete(state, s) {
                return Transition::LeftArc(g.label(s));
            }
        }
        if let (Some(s), Some(h)) = (s0, s1) {
            if s != 0 && g.head(s) == h && self.complete(state, s) && (h != 0 || state.buffer_len() == 0) {
                return Transition::RightArc(g.label(s));
            }
        }
        if let (Some(s), Some(b)) = (s0, b0) {
            if s != 0 && self.order[s] > self.order[b] {
                return Transition::Swap;
            }
        }
        Transition::Shift
    }

    /// The whole gold sequence; an error if it does not rebuild the tree.
    pub fn sequence(&self) -> Result<Vec<Transition>> {
        let n = self.gold.len();
        let mut state = ArcHybridSwap::initial(n);
        let mut out = Vec::new();
        let limit = 2 * n + n * n + 2;
        while !ArcHybridSwap::is_terminal(&state) {
            let t = self.next(&state);
            if !ArcHybridSwap::is_allowed(&state, t) || out.len() > limit {
                return Err(Error::Oracle(format!("{t:?} not allowed after {} transitions", out.len())));
            }
            ArcHybridSwap::apply(&mut state, t);
            out.push(t);
        }
        if state.heads() != self.gold.heads()
            || state.labels().iter().zip(self.gold.labels()).any(|(a, b)| *a != Some(*b))
        {
            return Err(Error::Oracle("the final tree differs from the gold tree".into()));
        }
        Ok(out)
    }
}

/// Transition costs for a projective gold tree (arc-hybrid, Goldberg & Nivre 2013).
pub struct DynamicOracle<'a> {
    gold: &'a GoldTree,
}

impl<'a> DynamicOracle<'a> {
    /// `None` for a non-projective tree (train those with the static oracle).
    pub fn new(gold: &'a GoldTree) -> Option<DynamicOracle<'a>> {
        gold.is_projective().then_some(DynamicOracle { gold })
    }

    /// Gold arcs lost by applying allowed transition `t` in `state` (SWAP is never needed for
    /// a projective tree and costs 1 + n, so that exploration avoids it).
    pub fn cost(&self, state: &State, t: Transition) -> usize {
        let g = self.gold;
        let head = |w: usize| if w == 0 { usize::MAX } else { g.head(w) };
        let in_buffer = |x: usize| state.buffer.contains(&x);
        let children_in_buffer = |w: usize| g.children(w).iter().filter(|&&d| in_buffer(d)).count();
        match t {
            Transition::Swap => 1 + state.len(),
            Transition::LeftArc(l) => {
                let (s, b) = (state.s(0).unwrap_or(0), state.b(0).unwrap_or(0));
                let h = head(s);
                let head_lost = h != b && (Some(h) == state.s(1) || in_buffer(h));
                children_in_buffer(s) + usize::from(head_lost) + usize::from(h == b && l != g.label(s))
            }
            Transition::RightArc(l) => {
                let (s, s1) = (state.s(0).unwrap_or(0), state.s(1).unwrap_or(0));
                let h = head(s);
                children_in_buffer(s) + usize::from(in_buffer(h)) + usize::from(h == s1 && l != g.label(s))
            }
            Transition::Shift => {
                let b = state.b(0).unwrap_or(0);
                let s0 = state.s(0);
                let below = &state.stack[..state.stack.len().saturating_sub(1)];
                let kids = g.children(b).iter().filter(|d| state.stack.contains(d)).count();
                kids + usize::from(below.contains(&head(b)) && Some(head(b)) != s0)
            }
        }
    }

    /// The allowed transitions of zero cost (`labels`: size of the label set).
    pub fn zero_cost(&self, state: &State, labels: usize) -> Vec<Transition> {
        ArcHybridSwap::allowed(state, labels).into_iter().filter(|&t| self.cost(state, t) == 0).collect()
    }
}
