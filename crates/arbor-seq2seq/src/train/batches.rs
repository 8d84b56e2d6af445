//! Length bucketing: examples sorted by source length (ties in a seeded random order), cut into
//! batches, the batches shuffled. The same seed and epoch give the same batches, so a run
//! resumed in the middle of an epoch sees the batches the interrupted one would have.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tch::Tensor;

use crate::decode::pad;
use crate::vocab::{BOS, EOS};

/// A seed for (run seed, epoch, batch), for the batch order and each batch's dropout.
pub fn mix(seed: u64, epoch: usize, batch: usize) -> u64 {
    let mut x =
        seed ^ (epoch as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (batch as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x.wrapping_mul(0x94D0_49BB_1331_11EB) >> 1
}

/// Indices of the examples, by batch.
pub fn batches(source_lengths: &[usize], batch_size: usize, seed: u64, epoch: usize) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(seed, epoch, usize::MAX));
    let mut order: Vec<usize> = (0..source_lengths.len()).collect();
    order.shuffle(&mut rng);
    order.sort_by_key(|&i| source_lengths[i]); // stable: ties keep the shuffled order
    let mut out: Vec<Vec<usize>> = order.chunks(batch_size.max(1)).map(<[usize]>::to_vec).collect();
    out.shuffle(&mut rng);
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_example_once_and_depend_only_on_seed_and_epoch() {
        let lengths: Vec<usize> = (0..103).map(|i| (i * 7) % 13 + 1).collect();
        let a = batches(&lengths, 10, 4, 2);
        assert_eq!(a, batches(&lengths, 10, 4, 2));
        assert_ne!(a, batches(&lengths, 10, 4, 3));
        let mut all: Vec<usize> = a.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..103).collect::<Vec<_>>());
        // Bucketing: within a batch, lengths differ by little.
        let spread: usize = a
            .iter()
            .map(|b| b.iter().map(|&i| lengths[i]).max().unwrap() - b.iter().map(|&i| lengths[i]).min().unwrap())
            .sum();
        assert!(spread <= a.len() * 2, "{spread}");
    }
}
