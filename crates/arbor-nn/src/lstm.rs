//! A multi-layer (Bi)LSTM over libtorch's fused `lstm` kernel (cuDNN on CUDA), built from an
//! `nn::Path` and a config. Unlike `tch::nn::LSTM`, train/eval mode (inter-layer dropout) is
//! chosen per call. Parameter names and initialisation follow PyTorch's `nn.LSTM`
//! (`weight_ih_l0`, ..., uniform ±1/√hidden).

use serde::{Deserialize, Serialize};
use tch::{nn, Kind, Tensor};

/// Shape of an LSTM stack.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LstmConfig {
    pub input: i64,
    pub hidden: i64,
    pub layers: i64,
    pub bidirectional: bool,
    /// Dropout between layers, applied in training mode only.
    pub dropout: f64,
}

/// The recurrent weights (`weight_hh_*`, `4 * hidden x hidden` per layer and direction) of a
/// stack: a lower bound on its size that a loader computes from a config before building
/// anything (see `Weights::weights_hold`).
pub fn lstm_recurrent_weights(hidden: u64, layers: u64, directions: u64) -> u64 {
    (4 * directions).saturating_mul(hidden).saturating_mul(hidden).saturating_mul(layers)
}

/// Hidden and cell state, each `[layers * directions, batch, hidden]`.
#[derive(Debug)]
pub struct LstmState {
    pub h: Tensor,
    pub c: Tensor,
}

impl LstmState {
    /// The state cut from the graph that produced it (truncated BPTT).
    pub fn detach(&self) -> LstmState {
        LstmState { h: self.h.detach(), c: self.c.detach() }
    }
}

#[derive(Debug)]
pub struct Lstm {
    weights: Vec<Tensor>,
    config: LstmConfig,
}

impl Lstm {
    pub fn new<'a>(path: impl std::borrow::Borrow<nn::Path<'a>>, config: LstmConfig) -> Lstm {
        let p = path.borrow();
        let bound = 1.0 / (config.hidden as f64).sqrt();
        let init = nn::Init::Uniform { lo: -bound, up: bound };
        let dirs = if config.bidirectional { 2 } else { 1 };
        let gates = 4 * config.hidden;
        let mut weights = Vec::new();
        for layer in 0..config.layers {
            let input = if layer == 0 { config.input } else { config.hidden * dirs };
            for dir in 0..dirs {
                let sfx = if dir == 1 { "_reverse" } else { "" };
                weights.push(p.var(&format!("weight_ih_l{layer}{sfx}"), &[gates, input], init));
                weights.push(p.var(&format!("weight_hh_l{layer}{sfx}"), &[gates, config.hidden], init));
                weights.push(p.var(&format!("bias_ih_l{layer}{sfx}"), &[gates], init));
                weights.push(p.var(&format!("bias_hh_l{layer}{sfx}"), &[gates], init));
            }
        }
        Lstm { weights, config }
    }

    pub fn config(&self) -> &LstmConfig {
        &self.config
    }

    /// The parameters in libtorch's order: per layer and direction `weight_ih`, `weight_hh`,
    /// `bias_ih`, `bias_hh`.
    pub fn weights(&self) -> &[Tensor] {
        &self.weights
    }

    /// A zero state for `batch` sequences.
    pub fn zero_state(&self, batch: i64) -> LstmState {
        let dirs = if self.config.bidirectional { 2 } else { 1 };
        let w = &self.weights[0];
        let z = Tensor::zeros([self.config.layers * dirs, batch, self.config.hidden], (w.kind(), w.device()));
        LstmState { h: z.shallow_clone(), c: z }
    }

    /// Run over `input` `[seq, batch, input]` (or `[batch, seq, input]` with `batch_first`).
    /// Returns the top layer's outputs `[seq, batch, hidden * directions]` (same layout as the
    /// input) and the final state.
    pub fn forward(&self, input: &Tensor, state: &LstmState, train: bool, batch_first: bool) -> (Tensor, LstmState) {
        debug_assert_eq!(input.kind(), Kind::Float);
        let weights: Vec<&Tensor> = self.weights.iter().collect();
        let (out, h, c) = input.lstm(
            &[&state.h, &state.c],
            &weights,
            true,
            self.config.layers,
            self.config.dropout,
            train,
            self.config.bidirectional,
            batch_first,
        );
        (out, LstmState { h, c })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Device;

    #[test]
    fn shapes_follow_the_config() {
        let vs = nn::VarStore::new(Device::Cpu);
        let cfg = LstmConfig { input: 5, hidden: 7, layers: 2, bidirectional: true, dropout: 0.5 };
        let lstm = Lstm::new(vs.root() / "enc", cfg);
        let x = Tensor::randn([4, 3, 5], (Kind::Float, Device::Cpu)); // [seq, batch, input]
        let (out, st) = lstm.forward(&x, &lstm.zero_state(3), false, false);
        assert_eq!(out.size(), [4, 3, 14]);
        assert_eq!(st.h.size(), [4, 3, 7]);
        assert_eq!(vs.variables().len(), 16);
        // Eval mode is deterministic even with dropout configured.
        let (out2, _) = lstm.forward(&x, &lstm.zero_state(3), false, false);
        assert!(out.allclose(&out2, 0.0, 0.0, false));
    }
}
