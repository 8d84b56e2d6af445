//! Choosing the next token from logits: temperature, top-k, top-p (nucleus), greedy at
//! temperature 0. Sampling uses a seeded ChaCha RNG, so a seed gives the same text everywhere.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    /// 0 (or below 1e-6) means greedy decoding.
    pub temperature: f64,
    /// Keep only the k most probable tokens (0: all).
    pub top_k: usize,
    /// Keep the smallest set of tokens whose probability reaches p (1.0: all).
    pub top_p: f64,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling { temperature: 1.0, top_k: 0, top_p: 1.0 }
    }
}

impl Sampling {
    /// Pick an index from `logits`; `banned` indices are never chosen.
    pub fn pick(&self, logits: &[f32], banned: &[usize], rng: &mut ChaCha8Rng) -> usize {
        let allowed = |i: usize| !banned.contains(&i);
        if self.temperature < 1e-6 {
            return (0..logits.len())
                .filter(|&i| allowed(i))
                .max_by(|&a, &b| logits[a].total_cmp(&logits[b]).then(b.cmp(&a)))
                .unwrap_or(0);
        }
        let mut order: Vec<usize> = (0..logits.len()).filter(|&i| allowed(i)).collect();
        order.sort_by(|&a, &b| logits[b].total_cmp(&logits[a]).then(a.cmp(&b)));
        if self.top_k > 0 {
            order.truncate(self.top_k);
        }
        let max = logits[order[0]] as f64;
        let weights: Vec<f64> = order.iter().map(|&i| ((logits[i] as f64 - max) / self.temperature).exp()).collect();
        let total: f64 = weights.iter().sum();
        let mut keep = order.len();
        if self.top_p < 1.0 {
            let mut acc = 0.0;
            for (n, w) in weights.iter().enumerate() {
                acc += w / total;
                if acc >= self.top_p {
                    keep = n + 1;
                    break;
                }
            }
        }
        let total: f64 = weights[..keep].iter().sum();
        let mut x = rng.gen::<f64>() * total;
        for (n, w) in weights[..keep].iter().enumerate() {
            x -= w;
            if x <= 0.0 {
                return order[n];
            }
        }
        order[keep - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn temperature_zero_is_greedy_and_filters_hold() {
        let logits = [0.1f32, 2.0, 1.9, -3.0];
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let greedy = Sampling { temperature: 0.0, ..Sampling::default() };
        assert_eq!(greedy.pick(&logits, &[], &mut rng), 1);
        assert_eq!(greedy.pick(&logits, &[1], &mut rng), 2);
        let top1 = Sampling { top_k: 1, ..Sampling::default() };
        assert!((0..50).all(|_| top1.pick(&logits, &[], &mut rng) == 1));
        let top2 = Sampling { top_k: 2, ..Sampling::default() };
        assert!((0..200).all(|_| [1, 2].contains(&top2.pick(&logits, &[], &mut rng))));
        let nucleus = Sampling { top_p: 0.3, ..Sampling::default() };
        assert!((0..50).all(|_| nucleus.pick(&logits, &[], &mut rng) == 1));
    }

    #[test]
    fn the_same_seed_gives_the_same_choices() {
        let logits = [0.5f32, 0.4, 0.3, 0.2, 0.1];
        let s = Sampling::default();
        let draw = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..20).map(|_| s.pick(&logits, &[], &mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(9), draw(9));
        assert_ne!(draw(9), draw(10));
    }
}
