//! The LSTM language model: embedding → dropout → LSTM stack → dropout → linear decoder.

use arbor_core::Precision;
use arbor_nn::{Lstm, LstmConfig, LstmState};
use tch::{nn, Kind, Tensor};

use crate::config::LmConfig;

#[derive(Debug)]
pub struct LstmLm {
    embedding: Tensor,
    lstm: Lstm,
    decoder_weight: Tensor,
    decoder_bias: Tensor,
    config: LmConfig,
}

impl LstmLm {
    pub fn new(p: &nn::Path, config: LmConfig) -> LstmLm {
        let init = nn::Init::Uniform { lo: -0.1, up: 0.1 };
        let embedding = p.var("embedding", &[config.vocab_size, config.emsize], init);
        let lstm = Lstm::new(
            p / "lstm",
            LstmConfig {
                input: config.emsize,
                hidden: config.nhid,
                layers: config.layers,
                bidirectional: false,
                dropout: config.dropout,
            },
        );
        let decoder_weight = if config.tied {
            embedding.shallow_clone()
        } else {
            p.var("decoder_weight", &[config.vocab_size, config.nhid], init)
        };
        let decoder_bias = p.var("decoder_bias", &[config.vocab_size], nn::Init::Const(0.0));
        LstmLm { embedding, lstm, decoder_weight, decoder_bias, config }
    }

    pub fn config(&self) -> &LmConfig {
        &self.config
    }

    pub fn zero_state(&self, batch: i64) -> LstmState {
        self.lstm.zero_state(batch)
    }

    /// `input` `[seq, batch]` token ids → logits `[seq * batch, vocab]` and the new state.
    pub fn forward(&self, input: &Tensor, state: &LstmState, train: bool) -> (Tensor, LstmState) {
        self.forward_in(input, state, train, Precision::F32)
    }

    /// [`LstmLm::forward`] with the output layer's product in `precision` (the logits come
    /// back f32 either way; with bf16 they carry bfloat16's 8-bit mantissa, and the two
    /// gradient products of the backward pass are bfloat16 too).
    pub fn forward_in(
        &self,
        input: &Tensor,
        state: &LstmState,
        train: bool,
        precision: Precision,
    ) -> (Tensor, LstmState) {
        let emb = Tensor::embedding(&self.embedding, input, -1, false, false); // [seq, batch, emsize]
        let emb = emb.dropout(self.config.dropout, train);
        let (out, state) = self.lstm.forward(&emb, state, train, false); // [seq, batch, nhid]
        let out = out.dropout(self.config.dropout, train).flatten(0, 1); // [seq * batch, nhid]
        let logits = match precision {
            Precision::F32 => out.linear(&self.decoder_weight, Some(&self.decoder_bias)),
            Precision::Bf16 => {
                let (w, b) = (self.decoder_weight.to_kind(Kind::BFloat16), self.decoder_bias.to_kind(Kind::BFloat16));
                out.to_kind(Kind::BFloat16).linear(&w, Some(&b)).to_kind(Kind::Float)
            }
        }; // [seq * batch, vocab]
        (logits, state)
    }
}
