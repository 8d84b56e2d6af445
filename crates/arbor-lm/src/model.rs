//! The LSTM language model: embedding → dropout → LSTM stack → dropout → linear decoder.

use arbor_nn::{Lstm, LstmConfig, LstmState};
use tch::{nn, Tensor};

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
        let emb = Tensor::embedding(&self.embedding, input, -1, false, false); // [seq, batch, emsize]
        let emb = emb.dropout(self.config.dropout, train);
        let (out, state) = self.lstm.forward(&emb, state, train, false); // [seq, batch, nhid]
        let out = out.dropout(self.config.dropout, train).flatten(0, 1); // [seq * batch, nhid]
        let logits = out.linear(&self.decoder_weight, Some(&self.decoder_bias)); // [seq * batch, vocab]
        (logits, state)
    }
}
