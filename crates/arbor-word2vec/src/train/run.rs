//! What both backends share: the run's settings and schedules ([`Run`]), the [`Backend`] an
//! epoch is run by, the weights' initialisation and the seeding helper.

use tch::Tensor;

use super::kernel;
use super::source::Source;
use crate::config::TrainConfig;
use crate::error::Result;
use crate::vocab::Vocab;

/// What every backend's epoch needs: the vocabulary, the settings, the subsampling thresholds
/// and the learning-rate schedule.
pub(crate) struct Run<'a> {
    pub vocab: &'a Vocab,
    pub config: &'a TrainConfig,
    /// Per word, the probability of keeping an occurrence, scaled to 2^32.
    pub keep: Vec<u64>,
    /// Words read over all epochs.
    pub total: u64,
}

impl Run<'_> {
    /// The learning rate once `done` words (over all epochs) have been read.
    pub fn alpha_at(&self, done: u64) -> f32 {
        let c = self.config;
        (c.alpha - (c.alpha - c.min_alpha) * (done as f32 / self.total.max(1) as f32)).max(c.min_alpha)
    }

    /// Whether to keep an occurrence of `id` (subsampling); `bits` draws 64 random bits, only
    /// for words that may be dropped.
    #[inline]
    pub fn kept(&self, id: u32, bits: impl FnOnce() -> u64) -> bool {
        let k = self.keep[id as usize];
        k >= 1 << 32 || k > (bits() & 0xFFFF_FFFF)
    }
}

/// How an epoch updates the weights.
pub(crate) trait Backend {
    /// One epoch over `source`; `progress(done, loss)` with words read so far in this epoch and
    /// the mean loss since the last call. Returns the epoch's (loss sum, predictions).
    fn epoch(
        &mut self,
        run: &Run,
        source: &Source,
        epoch: usize,
        done_before: u64,
        progress: &mut dyn FnMut(u64, f64),
    ) -> Result<(f64, u64)>;
}

/// word2vec's initialisation of the input vectors, `[v, dim]`: uniform in ±0.5/dim, from the seed.
pub(crate) fn initial_vectors(seed: u64, v: usize, dim: usize) -> Tensor {
    let mut rng = kernel::Worker::new(dim, splitmix(seed));
    let init: Vec<f32> =
        (0..v * dim).map(|_| ((rng.next() >> 40) as f32 / (1u64 << 24) as f32 - 0.5) / dim as f32).collect();
    Tensor::from_slice(&init).view([v as i64, dim as i64])
}

pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
    x ^ (x >> 31)
}
