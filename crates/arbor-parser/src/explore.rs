//! Visiting configurations for training: every sentence of a batch takes one transition per
//! step, chosen among the zero-cost ones (the best-scoring), or with probability `explore` the
//! model's own wrong prediction, whose consequences the dynamic oracle then scores.

use arbor_transition::{ArcHybridSwap, GoldTree, State, Transition, TransitionSystem};
use rand::Rng;
use tch::Tensor;

use crate::batch::Batch;
use crate::config::FEATURES;
use crate::decode::{best_allowed, features, swap_limit};
use crate::model::ParserModel;
use crate::oracle::Guide;

/// What the loss needs: feature rows `[configs * FEATURES]` and zero-cost masks `[configs * transitions]`.
pub struct Visited {
    pub features: Vec<i64>,
    pub masks: Vec<bool>,
    pub configs: usize,
}

pub fn visit<R: Rng>(
    model: &ParserModel,
    batch: &Batch,
    projected: &Tensor,
    trees: &[&GoldTree],
    labels: usize,
    explore: f64,
    rng: &mut R,
) -> Visited {
    let guides: Vec<Guide> = trees.iter().map(|t| Guide::new(t)).collect();
    let mut states: Vec<State> = trees.iter().map(|t| ArcHybridSwap::initial(t.len())).collect();
    let mut swaps = vec![0usize; states.len()];
    let mut out = Visited { features: Vec::new(), masks: Vec::new(), configs: 0 };
    let projected = projected.detach();
    let root = None; // training follows the model's raw preferences
    tch::no_grad(|| loop {
        let active: Vec<usize> = (0..states.len()).filter(|&b| !ArcHybridSwap::is_terminal(&states[b])).collect();
        if active.is_empty() {
            break;
        }
        let feats: Vec<i64> = active.iter().flat_map(|&b| features(&states[b], b, batch)).collect();
        let t = Tensor::from_slice(&feats).view([active.len() as i64, FEATURES as i64]).to_device(projected.device());
        let scores = model.score(&projected, &t, false).to_device(tch::Device::Cpu); // [active, transitions]
        let width = scores.size()[1] as usize;
        let scores: Vec<f32> = Vec::try_from(scores.view([-1])).expect("float scores");
        for (k, &b) in active.iter().enumerate() {
            let state = &mut states[b];
            let zero = guides[b].zero_cost(state);
            if zero.is_empty() {
                // Cannot happen for arc-decomposable costs; drop the sentence rather than learn noise.
                debug_assert!(false, "no zero-cost transition");
                states[b] = ArcHybridSwap::initial(0);
                continue;
            }
            let row = &scores[k * width..(k + 1) * width];
            out.features.extend_from_slice(&feats[k * FEATURES..(k + 1) * FEATURES]);
            zero.mask(labels, &mut out.masks);
            out.configs += 1;
            let predicted = best_allowed(state, row, swaps[b] < swap_limit(state.len()), root);
            let t = if zero.contains(predicted) || (guides[b].can_explore() && rng.gen::<f64>() < explore) {
                predicted
            } else {
                // The best-scoring zero-cost transition.
                let masked: Vec<f32> = row
                    .iter()
                    .enumerate()
                    .map(|(i, &s)| if zero.contains(Transition::from_index(i)) { s } else { f32::NEG_INFINITY })
                    .collect();
                best_allowed(state, &masked, true, None)
            };
            swaps[b] += usize::from(t == Transition::Swap);
            ArcHybridSwap::apply(state, t);
        }
    });
    out
}
