//! Class probabilities of encoded texts under `no_grad`, in batches of texts of similar
//! lengths (sorted, so that a batch has little padding; results in input order).

use tch::{Kind, Tensor};

use crate::model::ClassifierNet;
use crate::text::Tokens;
use crate::vocab::Words;

/// What the model says of one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The most probable class's label and id.
    pub label: String,
    pub class: usize,
    /// One per class, in the order of the model's labels.
    pub probabilities: Vec<f32>,
    /// Tokens read (after the cut).
    pub tokens: usize,
    /// The text was cut to the model's `max_tokens`: the tokens it had (see `Tokens::cut_from`).
    pub cut_from: Option<usize>,
}

/// Texts per batch at most, and padded positions per batch at most.
const BATCH_TEXTS: usize = 64;
const BATCH_POSITIONS: usize = 16_384;

/// The word ids of a text's tokens.
pub fn encode(words: &Words, tokens: &Tokens) -> Vec<i64> {
    tokens.tokens.iter().map(|t| words.id(t)).collect()
}

/// Class probabilities `[classes]` of each text, in input order.
pub fn probabilities(net: &ClassifierNet, texts: &[Vec<i64>]) -> Vec<Vec<f32>> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&i| texts[i].len());
    let mut out = vec![Vec::new(); texts.len()];
    let mut start = 0;
    tch::no_grad(|| {
        while start < order.len() {
            // Sorted ascending: the batch's last text is its longest.
            let mut end = start + 1;
            while end < order.len()
                && end - start < BATCH_TEXTS
                && (end + 1 - start) * texts[order[end]].len().max(1) <= BATCH_POSITIONS
            {
                end += 1;
            }
            let batch: Vec<&[i64]> = order[start..end].iter().map(|&i| texts[i].as_slice()).collect();
            let probs = net.forward(&batch, false).softmax(-1, Kind::Float).to_device(tch::Device::Cpu); // [batch, classes]
            let rows: Vec<Vec<f32>> = Vec::<Vec<f32>>::try_from(&probs).unwrap_or_default();
            for (&i, row) in order[start..end].iter().zip(rows) {
                out[i] = row;
            }
            start = end;
        }
    });
    out
}

/// The most probable class of a row of probabilities (the first of equals; NaN never wins).
pub fn argmax(probabilities: &[f32]) -> usize {
    probabilities.iter().enumerate().fold(0, |best, (i, &p)| {
        let b = probabilities[best];
        if p > b || (b.is_nan() && !p.is_nan()) {
            i
        } else {
            best
        }
    })
}

/// Mean cross-entropy of `probabilities` against gold classes (for reports).
pub fn mean_loss(probabilities: &[Vec<f32>], gold: &[usize]) -> f64 {
    let n = probabilities.len().max(1) as f64;
    probabilities
        .iter()
        .zip(gold)
        .map(|(p, &g)| -f64::from(p.get(g).copied().unwrap_or(0.0)).max(1e-12).ln())
        .sum::<f64>()
        / n
}

/// `Tensor` of class ids, for the loss.
pub(crate) fn classes(gold: &[usize], device: tch::Device) -> Tensor {
    let ids: Vec<i64> = gold.iter().map(|&g| g as i64).collect();
    Tensor::from_slice(&ids).to_device(device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argmax_and_loss() {
        assert_eq!(argmax(&[0.2, 0.5, 0.3]), 1);
        assert_eq!(argmax(&[0.5, 0.5]), 0);
        assert_eq!(argmax(&[f32::NAN, 0.5]), 1);
        let l = mean_loss(&[vec![0.5, 0.5], vec![1.0, 0.0]], &[0, 0]);
        assert!((l - 0.5f64.ln().abs() / 2.0).abs() < 1e-9);
        assert!(mean_loss(&[vec![0.0, 1.0]], &[0]).is_finite());
    }
}
