//! A bidirectional LSTM stack over a batch of sequences of different lengths. Each layer and
//! direction is its own one-directional [`Lstm`] (`l{layer}_fwd`, `l{layer}_bwd`), run one of
//! two ways, with the same results:
//!
//! - [`PaddedBiLstm::forward`], padded: per layer, the forward LSTM on the batch as is and the
//!   backward one on each sequence reversed within its own length (padding stays at the end),
//!   its output reversed back. libtorch's fused one-directional kernel (oneDNN on CPU) is fast,
//!   but padding costs as much as real positions: right for batches of similar lengths (the
//!   tokenizer's windows). Outputs at padded positions are garbage: callers ignore them.
//! - [`PaddedBiLstm::forward_packed`]: one libtorch call over packed sequences ([`Packing`]),
//!   each sequence over its own length, nothing computed for padding: right for batches of
//!   mixed lengths (sentences; a batch of 3- to 16-word sentences is half padding). On this
//!   machine it halved the parser's BiLSTM time.

use tch::{nn, Device, Tensor};

use crate::lstm::{Lstm, LstmConfig};
use crate::packed::Packing;

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

    /// Input already packed (`[packing.len(), input]`, see [`Packing`]) → `[packing.len(), 2 *
    /// hidden]`, the same positions: for callers that build packed input directly.
    pub fn forward_packed(&self, input: &Tensor, packing: &Packing, train: bool) -> Tensor {
        let layers: Vec<(&Lstm, &Lstm)> = self.layers.iter().map(|(f, b)| (f, b)).collect();
        bidirectional_packed(&layers, input, packing, self.dropout, train).0
    }

    /// `input` `[batch, seq, input]`, `lengths[b] <= seq` → `[batch, seq, 2 * hidden]`, padded.
    pub fn forward(&self, input: &Tensor, lengths: &[i64], train: bool) -> Tensor {
        debug_assert_eq!(input.size()[0] as usize, lengths.len());
        let (batch, seq) = (input.size()[0], input.size()[1]);
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

/// `[batch * seq]` row index into a flattened `[batch * seq, dim]` batch that reverses each
/// sequence within its length (padding stays where it is).
fn reverse_index(lengths: &[i64], seq: i64, device: Device) -> Tensor {
    let mut idx = Vec::with_capacity(lengths.len() * seq as usize);
    for (b, &len) in lengths.iter().enumerate() {
        let row = b as i64 * seq;
        idx.extend((0..seq).map(|t| row + if t < len { len - 1 - t } else { t }));
    }
    Tensor::from_slice(&idx).to_device(device)
}

/// `x` `[batch, seq, dim]` with its rows taken in the order of `idx` `[batch * seq]` (a row
/// copy: several times faster on CPU than `gather` with an expanded index).
fn reverse(x: &Tensor, idx: &Tensor) -> Tensor {
    let (batch, seq, dim) = (x.size()[0], x.size()[1], x.size()[2]);
    x.reshape([batch * seq, dim]).index_select(0, idx).view([batch, seq, dim])
}

/// Layers of (forward, backward) one-directional LSTMs of one width over packed input
/// `[total, input]` in one libtorch call: the top layer's outputs `[total, 2 * hidden]` and the
/// final hidden states `[layers * 2, batch, hidden]`, in packed order ([`Packing::unsort_state`]).
pub fn bidirectional_packed(
    layers: &[(&Lstm, &Lstm)],
    data: &Tensor,
    packing: &Packing,
    dropout: f64,
    train: bool,
) -> (Tensor, Tensor) {
    let hidden = layers.first().map_or(1, |(f, _)| f.config().hidden);
    let params: Vec<&Tensor> = layers.iter().flat_map(|(f, b)| f.weights().iter().chain(b.weights())).collect();
    let h0 = packing.zero_state(2 * layers.len() as i64, hidden, data);
    let (out, h, _) = Tensor::lstm_data(
        data,
        &packing.batch_sizes,
        &[&h0, &h0],
        &params,
        true,
        layers.len() as i64,
        dropout,
        train,
        true,
    );
    (out, h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Kind;

    /// The packed run over a padded batch, unpacked again.
    fn packed(lstm: &PaddedBiLstm, x: &Tensor, lengths: &[i64]) -> Tensor {
        let packing = Packing::new(lengths, x.size()[1], x.device());
        packing.unpack(&lstm.forward_packed(&packing.pack(x), &packing, false))
    }

    #[test]
    fn padding_does_not_change_real_positions_either_way() {
        for run in ["padded", "packed"] {
            tch::manual_seed(3);
            let vs = nn::VarStore::new(Device::Cpu);
            let bilstm = PaddedBiLstm::new(vs.root(), 4, 5, 2, 0.0);
            let lstm = |x: &Tensor, lengths: &[i64]| match run {
                "padded" => bilstm.forward(x, lengths, false),
                _ => packed(&bilstm, x, lengths),
            };
            let long = Tensor::randn([1, 6, 4], (Kind::Float, Device::Cpu));
            let short = long.narrow(1, 0, 3);
            // Batch the 3-long prefix padded with noise next to the full sequence.
            let noise = Tensor::randn([1, 3, 4], (Kind::Float, Device::Cpu));
            let padded = Tensor::cat(&[short.shallow_clone(), noise], 1);
            let batch = Tensor::cat(&[long.shallow_clone(), padded], 0);
            let out = lstm(&batch, &[6, 3]);
            assert_eq!(out.size(), [2, 6, 10]);
            let alone = lstm(&short, &[3]);
            assert!(out.narrow(0, 1, 1).narrow(1, 0, 3).allclose(&alone, 1e-5, 1e-6, false), "{run:?}");
            // The first sequence's backward half depends on its whole length.
            let prefix = lstm(&long.narrow(1, 0, 3), &[3]);
            assert!(!out.narrow(0, 0, 1).narrow(1, 0, 3).allclose(&prefix, 1e-5, 1e-6, false), "{run:?}");
        }
    }

    #[test]
    fn packed_and_padded_runs_agree_on_every_real_position() {
        tch::manual_seed(5);
        let vs = nn::VarStore::new(Device::Cpu);
        let padded = PaddedBiLstm::new(vs.root(), 3, 4, 2, 0.0);
        let lengths = [4, 1, 7, 7, 2];
        let x = Tensor::randn([5, 7, 3], (Kind::Float, Device::Cpu));
        let a = padded.forward(&x, &lengths, false);
        let b = packed(&padded, &x, &lengths);
        for (i, &len) in lengths.iter().enumerate() {
            let (ra, rb) = (a.get(i as i64).narrow(0, 0, len), b.get(i as i64).narrow(0, 0, len));
            assert!(ra.allclose(&rb, 1e-5, 1e-6, false), "sequence {i}");
        }
    }
}
