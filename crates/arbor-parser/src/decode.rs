//! Greedy batched decoding: every unfinished sentence of a batch takes one transition per step,
//! all scored in one call. Also the feature extraction shared with training.

use arbor_transition::{ArcHybridSwap, LabelId, State, Transition, TransitionSystem};
use tch::Tensor;

use crate::batch::Batch;
use crate::config::FEATURES;
use crate::model::ParserModel;

/// Rows of s0, s1, s2, b0, b1 of sentence `b` in the encoded batch (the null row where empty).
pub fn features(state: &State, b: usize, batch: &Batch) -> [i64; FEATURES] {
    let row = |node: Option<usize>| node.map_or(batch.null_row(), |n| batch.row(b, n));
    [row(state.s(0)), row(state.s(1)), row(state.s(2)), row(state.b(0)), row(state.b(1))]
}

/// A sentence may swap at most this many times (termination is guaranteed anyway; this keeps
/// a confused model from spending n² steps).
pub fn swap_limit(words: usize) -> usize {
    2 * words + 10
}

/// The best allowed transition for one configuration given its scores `[transitions]`. With
/// a `root` label, the arc from the root takes exactly that label and no other arc takes it,
/// as UD requires.
pub fn best_allowed(state: &State, scores: &[f32], swaps_left: bool, root: Option<LabelId>) -> Transition {
    let labels = (scores.len() - 2) / 2;
    let best_label = |offset: usize| -> (LabelId, f32) {
        (0..labels)
            .filter(|&l| Some(l as LabelId) != root)
            .map(|l| (l as LabelId, scores[offset + 2 * l]))
            .fold((0, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a })
    };
    let (left, left_score) = best_label(2);
    let (right, right_score) = match (root, state.s(1)) {
        (Some(r), Some(0)) => (r, scores[3 + 2 * r as usize]),
        _ => best_label(3),
    };
    let candidates = [
        (Transition::Shift, scores[0]),
        (Transition::Swap, if swaps_left { scores[1] } else { f32::NEG_INFINITY }),
        (Transition::LeftArc(left), left_score),
        (Transition::RightArc(right), right_score),
    ];
    candidates
        .into_iter()
        .filter(|&(t, s)| s > f32::NEG_INFINITY && ArcHybridSwap::is_allowed(state, t))
        .fold(None, |best: Option<(Transition, f32)>, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|(t, _)| t)
        .unwrap_or(Transition::Shift)
}

/// Parse every sentence of an encoded batch; returns the final configurations.
pub fn parse(model: &ParserModel, batch: &Batch, encoded: &Tensor, root: Option<LabelId>) -> Vec<State> {
    tch::no_grad(|| {
        let projected = model.project(encoded);
        let mut states: Vec<State> = batch.lengths.iter().map(|&l| ArcHybridSwap::initial(l as usize - 1)).collect();
        let mut swaps = vec![0usize; states.len()];
        loop {
            let active: Vec<usize> = (0..states.len()).filter(|&b| !ArcHybridSwap::is_terminal(&states[b])).collect();
            if active.is_empty() {
                break;
            }
            let feats: Vec<i64> = active.iter().flat_map(|&b| features(&states[b], b, batch)).collect();
            let feats =
                Tensor::from_slice(&feats).view([active.len() as i64, FEATURES as i64]).to_device(encoded.device());
            let scores = model.score(&projected, &feats, false).to_device(tch::Device::Cpu); // [active, transitions]
            let width = scores.size()[1] as usize;
            let scores: Vec<f32> = Vec::try_from(scores.view([-1])).expect("float scores");
            for (k, &b) in active.iter().enumerate() {
                let st = &mut states[b];
                let t = best_allowed(st, &scores[k * width..(k + 1) * width], swaps[b] < swap_limit(st.len()), root);
                swaps[b] += usize::from(t == Transition::Swap);
                ArcHybridSwap::apply(st, t);
            }
        }
        states
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_allowed_skips_what_the_state_forbids() {
        // Initial state of 2 words: only SHIFT is allowed, whatever scores best.
        let s = State::new(2);
        let scores = [0.0, 5.0, 9.0, 9.0, 8.0, 8.0];
        assert_eq!(best_allowed(&s, &scores, true, None), Transition::Shift);
        let mut s = State::new(2);
        ArcHybridSwap::apply(&mut s, Transition::Shift); // [0 1] [2]
        assert_eq!(best_allowed(&s, &scores, true, None), Transition::LeftArc(0));
        assert_eq!(best_allowed(&s, &[0.0, 9.0, 1.0, 1.0], true, None), Transition::Swap);
        assert_eq!(best_allowed(&s, &[0.0, 9.0, 1.0, 1.0], false, None), Transition::LeftArc(0));
    }

    #[test]
    fn the_root_label_goes_to_the_root_arc_only() {
        // Labels: 0 = root, 1 = obj. Scores prefer "root" everywhere.
        let scores = [0.0, 0.0, 9.0, 9.0, 1.0, 1.0];
        let mut s = State::new(2);
        ArcHybridSwap::apply(&mut s, Transition::Shift); // [0 1] [2]
        assert_eq!(best_allowed(&s, &scores, true, Some(0)), Transition::LeftArc(1));
        ArcHybridSwap::apply(&mut s, Transition::Shift); // [0 1 2] []
        assert_eq!(best_allowed(&s, &scores, true, Some(0)), Transition::RightArc(1));
        ArcHybridSwap::apply(&mut s, Transition::RightArc(1)); // [0 1]
        assert_eq!(best_allowed(&s, &[0.0, 0.0, 1.0, 1.0, 9.0, 9.0], true, Some(0)), Transition::RightArc(0));
    }
}
