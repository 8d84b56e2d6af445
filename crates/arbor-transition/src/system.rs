//! Arc-hybrid with swap: transitions, their preconditions and their effects.

use crate::labels::LabelId;
use crate::state::State;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transition {
    /// Move b0 onto the stack.
    Shift,
    /// Put s0 back into the buffer right behind b0 (only if s0 precedes b0 in the sentence).
    Swap,
    /// b0 becomes the head of s0; s0 is popped.
    LeftArc(LabelId),
    /// s1 becomes the head of s0; s0 is popped. Onto the root only as the very last transition.
    RightArc(LabelId),
}

impl Transition {
    /// A dense index for a classifier: Shift 0, Swap 1, LeftArc(l) 2 + 2l, RightArc(l) 3 + 2l.
    pub fn index(self) -> usize {
        match self {
            Transition::Shift => 0,
            Transition::Swap => 1,
            Transition::LeftArc(l) => 2 + 2 * l as usize,
            Transition::RightArc(l) => 3 + 2 * l as usize,
        }
    }

    pub fn from_index(i: usize) -> Transition {
        match i {
            0 => Transition::Shift,
            1 => Transition::Swap,
            _ if i % 2 == 0 => Transition::LeftArc(((i - 2) / 2) as LabelId),
            _ => Transition::RightArc(((i - 3) / 2) as LabelId),
        }
    }

    /// Number of transitions for `labels` labels.
    pub fn count(labels: usize) -> usize {
        2 + 2 * labels
    }
}

/// A transition system: the configurations it starts from and ends in, and what each
/// transition needs and does.
pub trait TransitionSystem {
    fn initial(n: usize) -> State {
        State::new(n)
    }
    fn is_terminal(state: &State) -> bool;
    fn is_allowed(state: &State, t: Transition) -> bool;
    /// Apply an allowed transition (panics in debug builds if it is not allowed).
    fn apply(state: &mut State, t: Transition);
}

/// Arc-hybrid with swap, the root at the bottom of the stack, exactly one root dependent.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArcHybridSwap;

impl TransitionSystem for ArcHybridSwap {
    fn is_terminal(state: &State) -> bool {
        state.buffer.is_empty() && state.stack.len() == 1
    }

    fn is_allowed(state: &State, t: Transition) -> bool {
        let (s0, s1, b0) = (state.s(0), state.s(1), state.b(0));
        match t {
            Transition::Shift => b0.is_some(),
            Transition::Swap => matches!((s0, b0), (Some(s), Some(b)) if s != 0 && s < b),
            Transition::LeftArc(_) => matches!((s0, b0), (Some(s), Some(_)) if s != 0),
            Transition::RightArc(_) => match (s0, s1) {
                (Some(_), Some(0)) => state.buffer.is_empty() && state.stack.len() == 2,
                (Some(_), Some(_)) => true,
                _ => false,
            },
        }
    }

    fn apply(state: &mut State, t: Transition) {
        debug_assert!(Self::is_allowed(state, t), "{t:?} is not allowed in {state:?}");
        match t {
            Transition::Shift => {
                let b = state.buffer.pop().expect("SHIFT needs a buffer");
                state.stack.push(b);
            }
            Transition::Swap => {
                let s = state.stack.pop().expect("SWAP needs s0");
                let b = state.buffer.pop().expect("SWAP needs b0");
                state.buffer.push(s);
                state.buffer.push(b);
            }
            Transition::LeftArc(l) => {
                let s = state.stack.pop().expect("LEFT-ARC needs s0");
                let b = state.b(0).expect("LEFT-ARC needs b0");
                state.arcs[s - 1] = Some((b, l));
                state.attached[b] += 1;
            }
            Transition::RightArc(l) => {
                let s = state.stack.pop().expect("RIGHT-ARC needs s0");
                let h = *state.stack.last().expect("RIGHT-ARC needs s1");
                state.arcs[s - 1] = Some((h, l));
                state.attached[h] += 1;
            }
        }
    }
}

impl ArcHybridSwap {
    /// Every allowed transition for `labels` labels.
    pub fn allowed(state: &State, labels: usize) -> Vec<Transition> {
        (0..Transition::count(labels)).map(Transition::from_index).filter(|&t| Self::is_allowed(state, t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Transition::*;

    fn state(stack: &[usize], buffer: &[usize], n: usize) -> State {
        let mut s = State::new(n);
        s.stack = stack.to_vec();
        s.buffer = buffer.iter().rev().copied().collect();
        s
    }

    #[test]
    fn shift_needs_a_buffer() {
        assert!(ArcHybridSwap::is_allowed(&state(&[0], &[1], 1), Shift));
        assert!(!ArcHybridSwap::is_allowed(&state(&[0, 1], &[], 1), Shift));
    }

    #[test]
    fn swap_needs_a_word_on_the_stack_that_precedes_b0() {
        assert!(ArcHybridSwap::is_allowed(&state(&[0, 1], &[2], 2), Swap));
        assert!(!ArcHybridSwap::is_allowed(&state(&[0, 2], &[1], 2), Swap), "only forward pairs swap");
        assert!(!ArcHybridSwap::is_allowed(&state(&[0], &[1], 1), Swap), "never the root");
        assert!(!ArcHybridSwap::is_allowed(&state(&[0, 1], &[], 1), Swap), "needs b0");
    }

    #[test]
    fn left_arc_needs_a_word_on_the_stack_and_b0() {
        assert!(ArcHybridSwap::is_allowed(&state(&[0, 1], &[2], 2), LeftArc(0)));
        assert!(!ArcHybridSwap::is_allowed(&state(&[0], &[1], 1), LeftArc(0)), "the root has no head");
        assert!(!ArcHybridSwap::is_allowed(&state(&[0, 1], &[], 1), LeftArc(0)), "needs b0");
    }

    #[test]
    fn right_arc_onto_the_root_only_ends_the_parse() {
        assert!(ArcHybridSwap::is_allowed(&state(&[0, 1, 2], &[3], 3), RightArc(0)));
        assert!(ArcHybridSwap::is_allowed(&state(&[0, 1], &[], 1), RightArc(0)));
        assert!(!ArcHybridSwap::is_allowed(&state(&[0, 1], &[2], 2), RightArc(0)), "buffer not empty");
        assert!(!ArcHybridSwap::is_allowed(&state(&[0], &[], 0), RightArc(0)), "needs s1");
    }

    #[test]
    fn transitions_do_what_they_say() {
        let mut s = State::new(3);
        ArcHybridSwap::apply(&mut s, Shift); // [0 1] [2 3]
        ArcHybridSwap::apply(&mut s, Swap); // [0] [2 1 3]
        assert_eq!((s.stack(), s.buffer().collect::<Vec<_>>()), (&[0][..], vec![2, 1, 3]));
        ArcHybridSwap::apply(&mut s, Shift); // [0 2] [1 3]
        ArcHybridSwap::apply(&mut s, LeftArc(4)); // 2 <- 1
        assert_eq!(s.arc(2), Some((1, 4)));
        ArcHybridSwap::apply(&mut s, Shift); // [0 1] [3]
        ArcHybridSwap::apply(&mut s, Shift); // [0 1 3] []
        ArcHybridSwap::apply(&mut s, RightArc(5)); // 1 -> 3
        ArcHybridSwap::apply(&mut s, RightArc(6)); // 0 -> 1
        assert!(ArcHybridSwap::is_terminal(&s));
        assert_eq!(s.heads(), [0, 1, 1]);
        assert_eq!(s.attached(1), 2);
    }

    #[test]
    fn transition_indices_round_trip() {
        for i in 0..Transition::count(40) {
            assert_eq!(Transition::from_index(i).index(), i);
        }
    }
}
