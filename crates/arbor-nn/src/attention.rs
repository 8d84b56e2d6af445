//! Luong's "general" (bilinear) attention over a padded batch of encoder outputs, with the
//! key projection computed once per source batch ([`Attention::keys`]) and reused at every
//! decoder step ([`Attention::attend`]).

use tch::{nn, Kind, Tensor};

#[derive(Debug)]
pub struct Attention {
    /// `[query, key]`: score(q, k) = qᵀ W k.
    weight: Tensor,
}

impl Attention {
    /// Attention of `query`-wide decoder states over `key`-wide encoder outputs.
    pub fn new<'a>(path: impl std::borrow::Borrow<nn::Path<'a>>, query: i64, key: i64) -> Attention {
        let bound = 1.0 / (key as f64).sqrt();
        let weight = path.borrow().var("weight", &[query, key], nn::Init::Uniform { lo: -bound, up: bound });
        Attention { weight }
    }

    /// `memory` `[batch, seq, key]` → projected keys `[batch, seq, query]`.
    pub fn keys(&self, memory: &Tensor) -> Tensor {
        memory.matmul(&self.weight.transpose(0, 1))
    }

    /// One step: `query` `[batch, query]`, `keys` from [`Attention::keys`], `memory`
    /// `[batch, seq, key]`, `pad` `[batch, seq]` true at padding. Returns the context
    /// `[batch, key]` and the weights `[batch, seq]` (0 at padding, each row summing to 1).
    pub fn attend(&self, query: &Tensor, keys: &Tensor, memory: &Tensor, pad: &Tensor) -> (Tensor, Tensor) {
        let scores = keys.bmm(&query.unsqueeze(2)).squeeze_dim(2); // [batch, seq]
        let weights = scores.masked_fill(pad, f64::NEG_INFINITY).softmax(-1, Kind::Float); // [batch, seq]
        let context = weights.unsqueeze(1).bmm(memory).squeeze_dim(1); // [batch, 1, key] -> [batch, key]
        (context, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Device;

    #[test]
    fn weights_ignore_padding_and_sum_to_one() {
        tch::manual_seed(2);
        let vs = nn::VarStore::new(Device::Cpu);
        let att = Attention::new(vs.root() / "att", 3, 4);
        let memory = Tensor::randn([2, 5, 4], (Kind::Float, Device::Cpu));
        let pad = Tensor::from_slice(&[false, false, false, false, false, false, false, true, true, true]).view([2, 5]);
        let query = Tensor::randn([2, 3], (Kind::Float, Device::Cpu));
        let (context, weights) = att.attend(&query, &att.keys(&memory), &memory, &pad);
        assert_eq!(context.size(), [2, 4]);
        assert_eq!(weights.size(), [2, 5]);
        let sums = weights.sum_dim_intlist(1, false, Kind::Float);
        assert!(sums.allclose(&Tensor::ones([2], (Kind::Float, Device::Cpu)), 1e-6, 1e-6, false));
        assert_eq!(weights.get(1).narrow(0, 2, 3).abs().sum(Kind::Float).double_value(&[]), 0.0);
        // The second row's context only mixes its first two positions.
        let short = memory.get(1).narrow(0, 0, 2).unsqueeze(0);
        let (alone, _) =
            att.attend(&query.narrow(0, 1, 1), &att.keys(&short), &short, &pad.narrow(0, 1, 1).narrow(1, 0, 2));
        assert!(context.narrow(0, 1, 1).allclose(&alone, 1e-5, 1e-6, false));
    }
}
