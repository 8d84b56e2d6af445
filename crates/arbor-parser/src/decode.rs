//! Greedy batched decoding: every unfinished sentence of a batch takes one transition per step,
//! all scored in one call of the transition MLP. Also what training shares: the feature
//! extraction, the choice of the best allowed transition and [`Scorer`], the MLP in plain Rust
//! for walking one configuration at a time.

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
    // A NaN score (broken weights) ranks below every number: the choice is still an allowed
    // transition, so decoding ends in a tree whatever the scores are.
    let score = |i: usize| scores.get(i).copied().filter(|x| !x.is_nan()).unwrap_or(f32::NEG_INFINITY);
    let labels = scores.len().saturating_sub(2) / 2;
    let best_label = |offset: usize| -> (LabelId, f32) {
        let mut best: Option<(LabelId, f32)> = None;
        for l in (0..labels).filter(|&l| Some(l as LabelId) != root) {
            let s = score(offset + 2 * l);
            if best.is_none_or(|b| s > b.1) {
                best = Some((l as LabelId, s));
            }
        }
        best.unwrap_or((0, f32::NEG_INFINITY))
    };
    let (left, left_score) = best_label(2);
    let (right, right_score) = match (root, state.s(1)) {
        (Some(r), Some(0)) => (r, score(3 + 2 * r as usize)),
        _ => best_label(3),
    };
    let candidates = [
        (Transition::Shift, score(0), true),
        (Transition::Swap, score(1), swaps_left),
        (Transition::LeftArc(left), left_score, true),
        (Transition::RightArc(right), right_score, true),
    ];
    candidates
        .into_iter()
        .filter(|&(t, _, enabled)| enabled && ArcHybridSwap::is_allowed(state, t))
        .fold(None, |best: Option<(Transition, f32)>, (t, s, _)| match best {
            Some(b) if b.1 >= s => Some(b),
            _ => Some((t, s)),
        })
        .map(|(t, _)| t)
        .unwrap_or(Transition::Shift)
}

/// The transition MLP in plain Rust over the projected rows (no dropout): scoring one
/// configuration is 5 row sums and a `[transitions, mlp_hidden]` product, far cheaper than a
/// libtorch call per step. Gives the same scores as [`ParserModel::score`] in eval mode.
pub struct Scorer {
    projected: Vec<f32>,
    hidden: usize,
    bias: Vec<f32>,
    weight: Vec<f32>,
    out_bias: Vec<f32>,
    /// The hidden layer of the configuration being scored (reused, no allocation per step).
    h: Vec<f32>,
}

fn floats(t: &Tensor) -> Vec<f32> {
    Vec::try_from(t.detach().to_device(tch::Device::Cpu).to_kind(tch::Kind::Float).contiguous().view([-1]))
        .expect("floats")
}

impl Scorer {
    pub fn new(model: &ParserModel, projected: &Tensor) -> Scorer {
        let (bias, weight, out_bias) = model.mlp_tail();
        Scorer {
            projected: floats(projected),
            hidden: projected.size()[1] as usize,
            h: vec![0.0; projected.size()[1] as usize],
            bias: floats(bias),
            weight: floats(weight),
            out_bias: floats(out_bias),
        }
    }

    /// Number of transitions.
    pub fn width(&self) -> usize {
        self.out_bias.len()
    }

    /// Scores of the configuration with feature rows `features` into `out` (`width()` long).
    pub fn score(&mut self, features: &[i64; FEATURES], out: &mut [f32]) {
        let m = self.hidden;
        let h = &mut self.h;
        h.copy_from_slice(&self.bias);
        for (k, &row) in features.iter().enumerate() {
            let at = (row as usize * FEATURES + k) * m;
            h.iter_mut().zip(&self.projected[at..at + m]).for_each(|(a, b)| *a += b);
        }
        h.iter_mut().for_each(|x| *x = x.tanh());
        for (t, o) in out.iter_mut().enumerate() {
            let w = &self.weight[t * m..(t + 1) * m];
            *o = self.out_bias[t] + w.iter().zip(h.iter()).map(|(a, b)| a * b).sum::<f32>();
        }
    }
}

/// Parse every sentence of an encoded batch; returns the final configurations. The sentences
/// move in lockstep: each step scores the configurations of all unfinished sentences in one
/// call of the transition MLP (`[active, FEATURES]` rows → `[active, transitions]`), so a batch
/// costs about twice its longest sentence in calls, on any device.
pub fn parse(model: &ParserModel, batch: &Batch, encoded: &Tensor, root: Option<LabelId>) -> Vec<State> {
    let projected = model.project(encoded); // [rows * FEATURES, mlp_hidden]
    let mut states: Vec<State> = batch.lengths.iter().map(|&len| ArcHybridSwap::initial(len as usize - 1)).collect();
    let mut swaps = vec![0usize; states.len()];
    let mut active: Vec<usize> = (0..states.len()).filter(|&b| !ArcHybridSwap::is_terminal(&states[b])).collect();
    let mut rows: Vec<i64> = Vec::with_capacity(active.len() * FEATURES);
    while !active.is_empty() {
        rows.clear();
        active.iter().for_each(|&b| rows.extend_from_slice(&features(&states[b], b, batch)));
        let features =
            Tensor::from_slice(&rows).view([active.len() as i64, FEATURES as i64]).to_device(encoded.device());
        let scores = floats(&model.score(&projected, &features, false)); // [active * transitions]
        let width = scores.len() / active.len();
        for (k, &b) in active.iter().enumerate() {
            let state = &mut states[b];
            let t = best_allowed(state, &scores[k * width..(k + 1) * width], swaps[b] < swap_limit(state.len()), root);
            swaps[b] += usize::from(t == Transition::Swap);
            ArcHybridSwap::apply(state, t);
        }
        active.retain(|&b| !ArcHybridSwap::is_terminal(&states[b]));
    }
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rust_scorer_matches_the_libtorch_mlp() {
        use crate::vocab::Vocab;
        use arbor_conllu::{Sentence, Word};
        let vs = tch::nn::VarStore::new(tch::Device::Cpu);
        let mut w = Word::new("cats");
        w.deprel = "root".into();
        let s = Sentence::from_words(vec![w, Word::new("sleep")]);
        let vocab = Vocab::from_sentences([&s]);
        let cfg = crate::ParserConfig {
            lstm_hidden: 8,
            mlp_hidden: 6,
            word_dim: 4,
            char_dim: 4,
            char_hidden: 4,
            tag_hidden: 4,
            ..Default::default()
        };
        let model = ParserModel::new(vs.root(), &cfg, &vocab);
        let batch = Batch::new::<rand_chacha::ChaCha8Rng>(&[&s], &vocab, &cfg, None, tch::Device::Cpu);
        let encoded = model.encode(&batch, false);
        let projected = model.project(&encoded);
        let feats = [batch.row(0, 0), batch.row(0, 2), batch.null_row(), batch.row(0, 1), batch.null_row()];
        let expected = floats(&model.score(&projected, &Tensor::from_slice(&feats).view([1, 5]), false));
        let mut scorer = Scorer::new(&model, &projected);
        let mut got = vec![0f32; scorer.width()];
        scorer.score(&feats, &mut got);
        assert!(got.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-5), "{got:?} {expected:?}");
    }

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
    fn any_scores_nan_or_infinite_end_in_a_complete_tree() {
        let labels = 3;
        let fills = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 0.0];
        for n in 1..25 {
            for (k, &fill) in fills.iter().enumerate() {
                for root in [None, Some(0)] {
                    let mut state = State::new(n);
                    let mut steps = 0;
                    while !ArcHybridSwap::is_terminal(&state) {
                        // Mixed scores: some NaN/infinite, some numbers, changing every step.
                        let scores: Vec<f32> = (0..2 + 2 * labels)
                            .map(|i| if (i + steps + k) % 3 == 0 { fill } else { ((i * 7 + steps) % 5) as f32 })
                            .collect();
                        let t = best_allowed(&state, &scores, steps < 4 * n, root);
                        assert!(ArcHybridSwap::is_allowed(&state, t), "n {n}: {t:?} is not allowed");
                        ArcHybridSwap::apply(&mut state, t);
                        steps += 1;
                        assert!(steps < 10 * n * n + 10, "n {n}: no end");
                    }
                    assert!((1..=n).all(|i| state.arc(i).is_some()), "n {n}: every word has a head");
                }
            }
        }
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
