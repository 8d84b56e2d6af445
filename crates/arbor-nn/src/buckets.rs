//! Length bucketing for trainers of sequence models: examples sorted by length (ties in a
//! seeded random order), cut into batches, the batches shuffled. The same seed and epoch give
//! the same batches, so a run resumed in the middle of an epoch sees the batches the
//! interrupted one would have; [`mix`] gives each batch its own seed (dropout), for the same
//! reason.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// A seed for (run seed, epoch, batch), for the batch order and each batch's dropout.
pub fn mix(seed: u64, epoch: usize, batch: usize) -> u64 {
    let mut x =
        seed ^ (epoch as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (batch as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x.wrapping_mul(0x94D0_49BB_1331_11EB) >> 1
}

/// Indices of the examples, by batch: batches of `batch_size` examples of similar `lengths`,
/// in a shuffled order that depends only on `seed` and `epoch`.
pub fn length_batches(lengths: &[usize], batch_size: usize, seed: u64, epoch: usize) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(seed, epoch, usize::MAX));
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.shuffle(&mut rng);
    order.sort_by_key(|&i| lengths[i]); // stable: ties keep the shuffled order
    let mut out: Vec<Vec<usize>> = order.chunks(batch_size.max(1)).map(<[usize]>::to_vec).collect();
    out.shuffle(&mut rng);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_example_once_and_depend_only_on_seed_and_epoch() {
        let lengths: Vec<usize> = (0..103).map(|i| (i * 7) % 13 + 1).collect();
        let a = length_batches(&lengths, 10, 4, 2);
        assert_eq!(a, length_batches(&lengths, 10, 4, 2));
        assert_ne!(a, length_batches(&lengths, 10, 4, 3));
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

    #[test]
    fn mixed_seeds_differ_by_epoch_and_batch() {
        let seeds = [mix(1, 1, 0), mix(1, 1, 1), mix(1, 2, 0), mix(2, 1, 0)];
        for (i, a) in seeds.iter().enumerate() {
            assert!(seeds[i + 1..].iter().all(|b| a != b));
            assert!(*a < (1 << 63), "fits an i64 seed");
        }
    }
}
