//! A bidirectional LSTM stack over a padded batch of sequences of different lengths.
//!
//! The fused kernel's backward direction would read the padding of a short sequence before its
//! last real element. Instead of packed sequences, each layer runs two one-directional LSTMs on
//! left-aligned input: the forward one as is, the backward one on each sequence reversed within
//! its own length (padding stays at the end), its output reversed back. Outputs at padded
//! positions are garbage and must be ignored by the caller.

use tch::{nn, Device, Tensor};

use crate::lstm::{Lstm, LstmConfig};

#[derive(Debug)]
pub struct PaddedBiLstm {
    layers: Vec<(Lstm, Lstm)>,
    hidden: i64,
    dropout: f64,
}

impl PaddedBiLstm {
    /// `layers` BiLSTM layers of `hidden` units per direction; `dropout` between layers (train only).
    pub fn new<'a>(
        path: impl std::borrow::Borrow<nn::Path<'a>>,
        input: i64,
        hidden: i64,
        layers: i64,
        dropout: f64,
    ) -> Self {
        let p = path.borrow();
        let layers = (0..layers)
            .map(|l| {
                let cfg = LstmConfig {
                    input: if l == 0 { input } else { 2 * hidden },
                    hidden,
                    layers: 1,
                    bidirectional: false,
                    dropout: 0.0,
                };
                (Lstm::new(p / format!("l{l}_fwd"), cfg), Lstm::new(p / format!("l{l}_bwd"), cfg))
            })
            .collect();
        PaddedBiLstm { layers, hidden, dropout }
    }

    /// Output width: `2 * hidden`.
    pub fn output_dim(&self) -> i64 {
        2 * self.hidden
    }

    /// `input` `[batch, seq, input]`, `lengths[b] <= seq` → `[batch, seq, 2 * hidden]`.
    pub fn forward(&self, input: &Tensor, lengths: &[i64], train: bool) -> Tensor {
        let (batch, seq) = (input.size()[0], input.size()[1]);
        debug_assert_eq!(batch as usize, lengths.len());
        let rev = reverse_index(lengths, seq, input.device());
        let mut x = input.shallow_clone();
        for (l, (fwd, bwd)) in self.layers.iter().enumerate() {
            if l > 0 {
                x = x.dropout(self.dropout, train);
            }
            let (f, _) = fwd.forward(&x, &fwd.zero_state(batch), train, true);
            let xr = reverse(&x, &rev);
            let (b, _) = bwd.forward(&xr, &bwd.zero_state(batch), train, true);
            x = Tensor::cat(&[f, reverse(&b, &rev)], 2); // [batch, seq, 2 * hidden]
        }
        x
    }
}

/// `[batch, seq]` gather index that reverses each sequence within its length.
fn reverse_index(lengths: &[i64], seq: i64, device: Device) -> Tensor {
    let mut idx = Vec::with_capacity(lengths.len() * seq as usize);
    for &len in lengths {
        idx.extend((0..seq).map(|t| if t < len { len - 1 - t } else { t }));
    }
    Tensor::from_slice(&idx).view([lengths.len() as i64, seq]).to_device(device)
}

/// Gather `x` `[batch, seq, dim]` along `seq` with `idx` `[batch, seq]`.
fn reverse(x: &Tensor, idx: &Tensor) -> Tensor {
    let dim = x.size()[2];
    x.gather(1, &idx.unsqueeze(-1).expand([-1, -1, dim], false), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Kind;

    #[test]
    fn padding_does_not_change_real_positions() {
        tch::manual_seed(3);
        let vs = nn::VarStore::new(Device::Cpu);
        let lstm = PaddedBiLstm::new(vs.root(), 4, 5, 2, 0.0);
        let long = Tensor::randn([1, 6, 4], (Kind::Float, Device::Cpu));
        let short = long.narrow(1, 0, 3);
        // Batch the 3-long prefix padded with noise next to the full sequence.
        let padded = Tensor::cat(&[short.shallow_clone(), Tensor::randn([1, 3, 4], (Kind::Float, Device::Cpu))], 1);
        let batch = Tensor::cat(&[long.shallow_clone(), padded], 0);
        let out = lstm.forward(&batch, &[6, 3], false);
        assert_eq!(out.size(), [2, 6, 10]);
        let alone = lstm.forward(&short, &[3], false);
        assert!(out.narrow(0, 1, 1).narrow(1, 0, 3).allclose(&alone, 1e-5, 1e-6, false));
        // The first sequence's backward half depends on its whole length.
        let prefix = lstm.forward(&long.narrow(1, 0, 3), &[3], false);
        assert!(!out.narrow(0, 0, 1).narrow(1, 0, 3).allclose(&prefix, 1e-5, 1e-6, false));
    }
}
