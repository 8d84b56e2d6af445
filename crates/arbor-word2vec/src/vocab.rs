//! The vocabulary: words that occur at least `min_count` times (at most `max_vocab` of the most
//! frequent), sorted by descending count; with the subsampling thresholds and the unigram^0.75
//! noise distribution (as an alias table: O(1) draws from two small arrays).

use std::collections::HashMap;

use arbor_core::Table;

/// Words on the shared [`Table`] (ids by descending count) and their counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocab {
    words: Table,
    counts: Vec<u64>,
}

impl Vocab {
    /// Keep words seen at least `min_count` times, the `max_vocab` most frequent (0: all);
    /// ties are broken alphabetically so that the order is reproducible.
    pub fn from_counts(counts: HashMap<String, u64>, min_count: u64, max_vocab: usize) -> Vocab {
        let mut entries: Vec<(String, u64)> = counts.into_iter().filter(|(_, c)| *c >= min_count).collect();
        entries.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if max_vocab > 0 {
            entries.truncate(max_vocab);
        }
        let mut words = Table::default();
        let counts = entries
            .into_iter()
            .map(|(w, c)| {
                words.add(&w);
                c
            })
            .collect();
        Vocab { words, counts }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.words.id(word)
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.name(id)
    }

    pub fn words(&self) -> &Table {
        &self.words
    }

    pub fn count(&self, id: u32) -> u64 {
        self.counts[id as usize]
    }

    /// Occurrences of all vocabulary words.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Per word, the probability of keeping an occurrence, scaled to 2^32 (word2vec/gensim:
    /// `(sqrt(f / t) + 1) * t / f` with `t = sample * total`); `sample = 0` keeps everything.
    pub fn keep_thresholds(&self, sample: f64) -> Vec<u64> {
        let total = self.total() as f64;
        self.counts
            .iter()
            .map(|&c| {
                if sample <= 0.0 {
                    return 1 << 32;
                }
                let t = sample * total;
                let p = ((c as f64 / t).sqrt() + 1.0) * t / c as f64;
                (p.min(1.0) * 4294967296.0).round() as u64
            })
            .collect()
    }
}

/// Walker's alias table over `count^power`.
pub(crate) struct NoiseTable {
    prob: Vec<u32>,
    alias: Vec<u32>,
}

impl NoiseTable {
    pub fn new(vocab: &Vocab, power: f64) -> NoiseTable {
        let n = vocab.len();
        let weights: Vec<f64> = (0..n).map(|i| (vocab.count(i as u32) as f64).powf(power)).collect();
        let sum: f64 = weights.iter().sum();
        let mut scaled: Vec<f64> = weights.iter().map(|w| w * n as f64 / sum).collect();
        let mut prob = vec![u32::MAX; n];
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| scaled[i] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            prob[s] = (scaled[s] * u32::MAX as f64) as u32;
            alias[s] = l as u32;
            scaled[l] -= 1.0 - scaled[s];
            if scaled[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        NoiseTable { prob, alias }
    }

    /// A word drawn from the noise distribution, given 64 random bits.
    #[inline]
    pub fn draw(&self, bits: u64) -> u32 {
        let i = ((bits >> 32) as usize * self.prob.len()) >> 32;
        if (bits as u32) < self.prob[i] {
            i as u32
        } else {
            self.alias[i]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        let counts =
            [("a", 100u64), ("b", 10), ("c", 10), ("d", 1)].into_iter().map(|(w, c)| (w.to_string(), c)).collect();
        Vocab::from_counts(counts, 2, 0)
    }

    #[test]
    fn min_count_and_order() {
        let v = vocab();
        assert_eq!(v.words().names(), ["a", "b", "c"]);
        assert_eq!(v.total(), 120);
        let counts = [("a", 5u64), ("b", 9), ("c", 7)].into_iter().map(|(w, c)| (w.to_string(), c)).collect();
        assert_eq!(Vocab::from_counts(counts, 1, 2).words().names(), ["b", "c"]);
    }

    #[test]
    fn frequent_words_are_kept_less_often() {
        let t = vocab().keep_thresholds(0.01);
        assert!(t[0] < t[1] && t[1] == t[2] && t[1] <= 1 << 32);
        assert!(vocab().keep_thresholds(0.0).iter().all(|&k| k == 1 << 32));
    }

    #[test]
    fn the_noise_table_follows_count_to_the_power() {
        let v = vocab();
        let table = NoiseTable::new(&v, 0.75);
        let mut hits = [0usize; 3];
        let mut x = 0x9E3779B97F4A7C15u64;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            hits[table.draw(x) as usize] += 1;
        }
        let w: Vec<f64> = [100f64, 10.0, 10.0].iter().map(|c| c.powf(0.75)).collect();
        let sum: f64 = w.iter().sum();
        for i in 0..3 {
            let expected = w[i] / sum;
            let seen = hits[i] as f64 / 300_000.0;
            assert!((seen - expected).abs() < 0.01, "word {i}: {seen} vs {expected}");
        }
    }
}
