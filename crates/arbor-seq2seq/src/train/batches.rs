//! The tensors of a training batch (the batches themselves come from
//! `arbor_nn::length_batches`: examples of similar source lengths, in an order fixed by the seed
//! and epoch).

use tch::Tensor;

use crate::decode::pad;
use crate::vocab::{BOS, EOS};

/// The tensors of a batch: source ids `[batch, seq]`, lengths and features, decoder input (start symbol
/// + target) and expected output (target + end symbol), both `[batch, steps]`, padded.
pub struct Batch {
    pub source: Tensor,
    pub lengths: Vec<i64>,
    /// Feature ids `[batch, n]`, for a model with features.
    pub features: Option<Tensor>,
    pub target_in: Tensor,
    pub target_out: Tensor,
    /// Target symbols predicted (ends included).
    pub symbols: usize,
}

impl Batch {
    pub fn new(sources: &[&[i64]], features: Option<&[&[i64]]>, targets: &[&[i64]], device: tch::Device) -> Batch {
        let lengths = sources.iter().map(|s| s.len() as i64).collect();
        let source: Vec<Vec<i64>> = sources.iter().map(|s| s.to_vec()).collect();
        let target_in: Vec<Vec<i64>> = targets.iter().map(|t| [&[BOS][..], t].concat()).collect();
        let target_out: Vec<Vec<i64>> = targets.iter().map(|t| [t, &[EOS][..]].concat()).collect();
        Batch {
            source: pad(&source).to_device(device),
            lengths,
            features: features.map(|f| pad(&f.iter().map(|x| x.to_vec()).collect::<Vec<_>>()).to_device(device)),
            target_in: pad(&target_in).to_device(device),
            target_out: pad(&target_out).to_device(device),
            symbols: target_out.iter().map(Vec::len).sum(),
        }
    }
}
