//! A parser configuration: stack (the root 0 at the bottom), buffer, and the arcs built so far.

use crate::labels::LabelId;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub(crate) stack: Vec<usize>,
    /// The buffer reversed: its last element is b0.
    pub(crate) buffer: Vec<usize>,
    /// `arcs[i - 1]`: head and label given to word `i`.
    pub(crate) arcs: Vec<Option<(usize, LabelId)>>,
    /// `attached[h]`: how many dependents node `h` has received (0 = root).
    pub(crate) attached: Vec<u32>,
}

impl State {
    /// The initial configuration of a sentence of `n` words: stack `[0]`, buffer `1..=n`.
    pub fn new(n: usize) -> State {
        State { stack: vec![0], buffer: (1..=n).rev().collect(), arcs: vec![None; n], attached: vec![0; n + 1] }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.arcs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arcs.is_empty()
    }

    /// The `i`-th node from the top of the stack (`s(0)` is s0); the root is 0.
    pub fn s(&self, i: usize) -> Option<usize> {
        self.stack.len().checked_sub(i + 1).map(|k| self.stack[k])
    }

    /// The `i`-th word of the buffer (`b(0)` is b0).
    pub fn b(&self, i: usize) -> Option<usize> {
        self.buffer.len().checked_sub(i + 1).map(|k| self.buffer[k])
    }

    pub fn stack(&self) -> &[usize] {
        &self.stack
    }

    pub fn stack_len(&self) -> usize {
        self.stack.len()
    }

    pub fn buffer_len(&self) -> usize {
        self.buffer.len()
    }

    /// The buffer from b0 on.
    pub fn buffer(&self) -> impl Iterator<Item = usize> + '_ {
        self.buffer.iter().rev().copied()
    }

    /// Head and label of word `i` (1-based), if attached.
    pub fn arc(&self, i: usize) -> Option<(usize, LabelId)> {
        self.arcs[i - 1]
    }

    /// Heads of all words (0 for a word without one yet).
    pub fn heads(&self) -> Vec<usize> {
        self.arcs.iter().map(|a| a.map_or(0, |(h, _)| h)).collect()
    }

    /// Labels of all words (`None` for a word without a head yet).
    pub fn labels(&self) -> Vec<Option<LabelId>> {
        self.arcs.iter().map(|a| a.map(|(_, l)| l)).collect()
    }

    /// Dependents attached to node `h` so far.
    pub fn attached(&self, h: usize) -> u32 {
        self.attached[h]
    }
}
