//! Visiting configurations for training: each sentence of a batch is walked transition by
//! transition (scored in plain Rust by [`Scorer`], no gradients), taking the best-scoring
//! zero-cost transition, or with probability `explore` the model's own wrong prediction,
//! whose consequences the dynamic oracle then scores.

use arbor_transition::{ArcHybridSwap, GoldTree, Transition, TransitionSystem};
use rand::Rng;
use tch::Tensor;

use crate::batch::Batch;
use crate::decode::{best_allowed, features, swap_limit, Scorer};
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
    let mut out = Visited { features: Vec::new(), masks: Vec::new(), configs: 0 };
    let mut scorer = tch::no_grad(|| Scorer::new(model, projected));
    let mut row = vec![0f32; scorer.width()];
    let mut masked = row.clone();
    for (b, guide) in guides.iter().enumerate() {
        let mut state = ArcHybridSwap::initial(trees[b].len());
        let mut swaps = 0;
        while !ArcHybridSwap::is_terminal(&state) {
            let zero = guide.zero_cost(&state);
            if zero.is_empty() {
                // Cannot happen for arc-decomposable costs; drop the rest rather than learn noise.
                debug_assert!(false, "no zero-cost transition");
                break;
            }
            let feats = features(&state, b, batch);
            scorer.score(&feats, &mut row);
            out.features.extend_from_slice(&feats);
            zero.mask(labels, &mut out.masks);
            out.configs += 1;
            let predicted = best_allowed(&state, &row, swaps < swap_limit(state.len()), None);
            let t = if zero.contains(predicted) || (guide.can_explore() && rng.gen::<f64>() < explore) {
                predicted
            } else {
                // The best-scoring zero-cost transition.
                for (i, (m, &s)) in masked.iter_mut().zip(&row).enumerate() {
                    *m = if zero.contains(Transition::from_index(i)) { s } else { f32::NEG_INFINITY };
                }
                best_allowed(&state, &masked, true, None)
            };
            swaps += usize::from(t == Transition::Swap);
            ArcHybridSwap::apply(&mut state, t);
        }
    }
    out
}
