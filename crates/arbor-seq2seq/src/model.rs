//! The network: source embeddings → BiLSTM encoder (padding-aware) → a bridge from the
//! encoder's final states to the decoder's first state → an LSTM decoder with input feeding
//! (each step's input is the previous symbol's embedding and the previous attentional state)
//! and bilinear attention over the encoder outputs → a linear layer over the target symbols.
//! Source features (a model trained with them) are embedded, averaged, and joined to every
//! source symbol's embedding.

use arbor_nn::{Attention, Lstm, LstmConfig, LstmState, PaddedBiLstm};
use tch::{nn, nn::Module, Device, Kind, Tensor};

use crate::config::Seq2seqConfig;
use crate::vocab::PAD;

/// A source batch run through the encoder, ready for decoding.
pub struct Encoded {
    /// Encoder outputs `[batch, seq, 2 * hidden]`.
    pub memory: Tensor,
    /// Attention keys `[batch, seq, hidden]`.
    pub keys: Tensor,
    /// `[batch, seq]`, true at padding.
    pub pad: Tensor,
}

impl Encoded {
    /// The rows `index` `[n]` of the batch (beam search copies each source `beam` times).
    pub fn select(&self, index: &Tensor) -> Encoded {
        Encoded {
            memory: self.memory.index_select(0, index),
            keys: self.keys.index_select(0, index),
            pad: self.pad.index_select(0, index),
        }
    }
}

/// The decoder's state between steps.
pub struct DecoderState {
    pub lstm: LstmState,
    /// The last attentional state `[batch, hidden]`, fed to the next step.
    pub feed: Tensor,
}

impl DecoderState {
    pub fn select(&self, index: &Tensor) -> DecoderState {
        DecoderState {
            lstm: LstmState { h: self.lstm.h.index_select(1, index), c: self.lstm.c.index_select(1, index) },
            feed: self.feed.index_select(0, index),
        }
    }
}

/// What one decoder step gives.
pub struct Step {
    /// `[batch, target vocabulary]`.
    pub logits: Tensor,
    /// `[batch, seq]`.
    pub attention: Tensor,
    pub state: DecoderState,
}

#[derive(Debug)]
pub struct Seq2seqNet {
    source_embedding: Tensor,
    target_embedding: Tensor,
    feature_embedding: Option<Tensor>,
    encoder: PaddedBiLstm,
    bridge_h: nn::Linear,
    bridge_c: nn::Linear,
    decoder: Lstm,
    attention: Attention,
    combine: nn::Linear,
    output: nn::Linear,
    config: Seq2seqConfig,
}

impl Seq2seqNet {
    pub fn new(p: &nn::Path, config: Seq2seqConfig) -> Seq2seqNet {
        let (e, h) = (config.embedding, config.hidden);
        let init = nn::Init::Randn { mean: 0.0, stdev: 0.1 };
        let source_embedding = p.var("source_embedding", &[config.source_vocab_size, e], init);
        let target_embedding = p.var("target_embedding", &[config.target_vocab_size, e], init);
        let feature_embedding = (config.feature_vocab_size > 0)
            .then(|| p.var("feature_embedding", &[config.feature_vocab_size, config.feature_dim], init));
        let input = e + if feature_embedding.is_some() { config.feature_dim } else { 0 };
        let encoder = PaddedBiLstm::new(p / "encoder", input, h, config.encoder_layers, config.dropout);
        let linear = |name: &str, i: i64, o: i64| nn::linear(p / name, i, o, Default::default());
        let decoder = Lstm::new(
            p / "decoder",
            LstmConfig { input: e + h, hidden: h, layers: 1, bidirectional: false, dropout: 0.0 },
        );
        Seq2seqNet {
            source_embedding,
            target_embedding,
            feature_embedding,
            encoder,
            bridge_h: linear("bridge_h", 2 * h, h),
            bridge_c: linear("bridge_c", 2 * h, h),
            decoder,
            attention: Attention::new(p / "attention", h, 2 * h),
            combine: linear("combine", 3 * h, h),
            output: linear("output", h, config.target_vocab_size),
            config,
        }
    }

    pub fn config(&self) -> &Seq2seqConfig {
        &self.config
    }

    /// `source` `[batch, seq]` ids padded with [`PAD`], `lengths[b] >= 1`, and for a model with
    /// features their ids `[batch, n]` padded with [`PAD`] → the encoded batch and the
    /// decoder's first state.
    pub fn encode(
        &self,
        source: &Tensor,
        lengths: &[i64],
        features: Option<&Tensor>,
        train: bool,
    ) -> (Encoded, DecoderState) {
        let h = self.config.hidden;
        let mut emb = Tensor::embedding(&self.source_embedding, source, -1, false, false); // [batch, seq, emb]
        if let Some(table) = &self.feature_embedding {
            let seq = source.size()[1];
            let mean = match features {
                Some(ids) => {
                    let mask = ids.ne(PAD).unsqueeze(-1).to_kind(Kind::Float); // [batch, n, 1]
                    let sum = (Tensor::embedding(table, ids, -1, false, false) * &mask).sum_dim_intlist(
                        1,
                        false,
                        Kind::Float,
                    );
                    sum / mask.sum_dim_intlist(1, false, Kind::Float).clamp_min(1.0)
                    // [batch, fdim]
                }
                None => Tensor::zeros([source.size()[0], self.config.feature_dim], (Kind::Float, source.device())),
            };
            let mean = mean.unsqueeze(1).expand([-1, seq, -1], false); // [batch, seq, fdim]
            emb = Tensor::cat(&[emb, mean], 2); // [batch, seq, emb + fdim]
        }
        let emb = emb.dropout(self.config.dropout, train);
        let memory = self.encoder.forward(&emb, lengths, train); // [batch, seq, 2h]
        let last: Vec<i64> = lengths.iter().map(|&l| l - 1).collect();
        let last = Tensor::from_slice(&last).to_device(source.device()).view([-1, 1, 1]).expand([-1, 1, 2 * h], false);
        let forward_end = memory.gather(1, &last, false).squeeze_dim(1).narrow(1, 0, h); // [batch, h]
        let backward_end = memory.select(1, 0).narrow(1, h, h); // [batch, h]
        let summary = Tensor::cat(&[forward_end, backward_end], 1); // [batch, 2h]
        let lstm = LstmState {
            h: self.bridge_h.forward(&summary).tanh().unsqueeze(0), // [1, batch, h]
            c: self.bridge_c.forward(&summary).unsqueeze(0),
        };
        let feed = Tensor::zeros([source.size()[0], h], (Kind::Float, source.device()));
        let keys = self.attention.keys(&memory);
        (Encoded { memory, keys, pad: source.eq(PAD) }, DecoderState { lstm, feed })
    }

    /// One decoder step from the previous symbols `prev` `[batch]`.
    pub fn step(&self, encoded: &Encoded, prev: &Tensor, state: &DecoderState, train: bool) -> Step {
        let emb = Tensor::embedding(&self.target_embedding, prev, -1, false, false); // [batch, emb]
        let emb = emb.dropout(self.config.dropout, train);
        let input = Tensor::cat(&[&emb, &state.feed], 1).unsqueeze(0); // [1, batch, emb + h]
        let (out, lstm) = self.decoder.forward(&input, &state.lstm, train, false);
        let out = out.squeeze_dim(0); // [batch, h]
        let (context, attention) = self.attention.attend(&out, &encoded.keys, &encoded.memory, &encoded.pad);
        let feed = self.combine.forward(&Tensor::cat(&[context, out], 1)).tanh(); // [batch, h]
        let logits = self.output.forward(&feed.dropout(self.config.dropout, train)); // [batch, vocab]
        Step { logits, attention, state: DecoderState { lstm, feed } }
    }

    /// Teacher forcing: `target_in` `[batch, steps]` (start symbol, then the target) → logits
    /// `[batch, steps, vocab]`.
    pub fn forward(
        &self,
        source: &Tensor,
        lengths: &[i64],
        features: Option<&Tensor>,
        target_in: &Tensor,
        train: bool,
    ) -> Tensor {
        let (encoded, mut state) = self.encode(source, lengths, features, train);
        let steps = target_in.size()[1];
        let mut logits = Vec::with_capacity(steps as usize);
        for t in 0..steps {
            let step = self.step(&encoded, &target_in.select(1, t), &state, train);
            logits.push(step.logits);
            state = step.state;
        }
        Tensor::stack(&logits, 1)
    }

    pub fn device(&self) -> Device {
        self.source_embedding.device()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_the_config_and_padding_does_not_leak() {
        tch::manual_seed(1);
        let vs = nn::VarStore::new(Device::Cpu);
        let config =
            Seq2seqConfig { source_vocab_size: 9, target_vocab_size: 7, embedding: 6, hidden: 5, ..Default::default() };
        let net = Seq2seqNet::new(&vs.root(), config);
        let source = Tensor::from_slice(&[4i64, 5, 6, 7, 8, 0]).view([2, 3]); // second row: 2 symbols
        let target = Tensor::from_slice(&[2i64, 4, 5, 2, 6, 0]).view([2, 3]);
        let logits = net.forward(&source, &[3, 2], None, &target, false);
        assert_eq!(logits.size(), [2, 3, 7]);
        // The padded row decodes as it would alone.
        let alone = net.forward(&source.narrow(0, 1, 1).narrow(1, 0, 2), &[2], None, &target.narrow(0, 1, 1), false);
        assert!(logits.narrow(0, 1, 1).allclose(&alone, 1e-5, 1e-6, false));
    }

    #[test]
    fn features_change_the_output_and_their_padding_does_not() {
        tch::manual_seed(1);
        let vs = nn::VarStore::new(Device::Cpu);
        let config = Seq2seqConfig {
            source_vocab_size: 9,
            target_vocab_size: 7,
            feature_vocab_size: 6,
            embedding: 6,
            hidden: 5,
            ..Default::default()
        };
        let net = Seq2seqNet::new(&vs.root(), config);
        let source = Tensor::from_slice(&[4i64, 5, 6]).view([1, 3]);
        let target = Tensor::from_slice(&[2i64, 4, 5]).view([1, 3]);
        let run = |f: &[i64]| net.forward(&source, &[3], Some(&Tensor::from_slice(f).view([1, -1])), &target, false);
        assert!(run(&[4, 5]).allclose(&run(&[4, 5, 0, 0]), 1e-6, 1e-6, false));
        assert!(!run(&[4]).allclose(&run(&[5]), 1e-4, 1e-4, false));
    }
}
