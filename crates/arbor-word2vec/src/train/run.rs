//! What both backends share: the run's settings and schedules ([`Run`]), the [`Backend`] an
//! epoch is run by.

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
