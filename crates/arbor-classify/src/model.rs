//! The network: word embeddings → a BiLSTM over each text (padded batches of similar lengths) →
//! pooling of its states ([`Pooling`]) → dropout → a linear layer over the classes.

use arbor_nn::PaddedBiLstm;
use tch::{nn, nn::Module, Device, Kind, Tensor};

use crate::config::{ClassifierConfig, Pooling};
use crate::vocab::{PAD, UNK};

/// [`Pooling`] with its layers.
#[derive(Debug)]
enum Pool {
    Last,
    Max,
    Mean,
    /// A projection and a score per position.
    Attention(nn::Linear, nn::Linear),
}

#[derive(Debug)]
pub struct ClassifierNet {
    embedding: Tensor,
    lstm: PaddedBiLstm,
    pool: Pool,
    output: nn::Linear,
    config: ClassifierConfig,
}

impl ClassifierNet {
    pub fn new(p: &nn::Path, config: ClassifierConfig) -> ClassifierNet {
        let (e, h) = (config.embedding, config.hidden);
        let embedding = p.var("embedding", &[config.vocab_size, e], nn::Init::Randn { mean: 0.0, stdev: 1.0 });
        let lstm = PaddedBiLstm::new(p / "lstm", e, h, config.layers, config.dropout);
        let pool = match config.pooling {
            Pooling::Last => Pool::Last,
            Pooling::Max => Pool::Max,
            Pooling::Mean => Pool::Mean,
            Pooling::Attention => {
                let no_bias = nn::LinearConfig { bias: false, ..Default::default() };
                let proj = nn::linear(p / "attention_proj", 2 * h, h, Default::default());
                Pool::Attention(proj, nn::linear(p / "attention_score", h, 1, no_bias))
            }
        };
        let output = nn::linear(p / "output", 2 * h, config.classes, Default::default());
        ClassifierNet { embedding, lstm, pool, output, config }
    }

    pub fn config(&self) -> &ClassifierConfig {
        &self.config
    }

    pub fn device(&self) -> Device {
        self.embedding.device()
    }

    /// Copy `vectors` `[rows.len(), embedding]` into the embedding rows `rows`.
    pub fn init_embeddings(&mut self, rows: &[i64], vectors: &Tensor) {
        tch::no_grad(|| {
            let index = Tensor::from_slice(rows).to_device(self.device());
            let _ = self.embedding.index_copy_(0, &index, &vectors.to_device(self.device()));
        });
    }

    /// Training leaves the embeddings as they are (pretrained vectors kept).
    pub fn freeze_embeddings(&mut self) {
        self.embedding = self.embedding.set_requires_grad(false);
    }

    /// Word ids of each text (an empty text reads as one unknown word) → class scores
    /// `[texts, classes]` (logits).
    pub fn forward(&self, texts: &[&[i64]], train: bool) -> Tensor {
        let device = self.device();
        let lengths: Vec<i64> = texts.iter().map(|t| t.len().max(1) as i64).collect();
        let seq = lengths.iter().copied().max().unwrap_or(1);
        let mut flat = vec![PAD; texts.len() * seq as usize];
        for (b, t) in texts.iter().enumerate() {
            let row = &mut flat[b * seq as usize..][..lengths[b] as usize];
            if t.is_empty() {
                row[0] = UNK;
            } else {
                row.copy_from_slice(t);
            }
        }
        let ids = Tensor::from_slice(&flat).view([texts.len() as i64, seq]).to_device(device); // [batch, seq]
        let x = Tensor::embedding(&self.embedding, &ids, -1, false, false).dropout(self.config.dropout, train); // [batch, seq, emb]
                                                                                                                // Padded, not packed: the batches hold texts of similar lengths, and libtorch's fused
                                                                                                                // one-directional kernel is many times faster than the packed one on long texts.
        let states = self.lstm.forward(&x, &lengths, train); // [batch, seq, 2h], garbage at padding
        let len = Tensor::from_slice(&lengths).to_device(device); // [batch]
        let pad = Tensor::arange(seq, (Kind::Int64, device)).unsqueeze(0).ge_tensor(&len.unsqueeze(1)); // [batch, seq]
        let states = states.masked_fill(&pad.unsqueeze(-1), 0.0);
        let pooled = self.pool(&states, &pad, &len); // [batch, 2h]
        self.output.forward(&pooled.dropout(self.config.dropout, train)) // [batch, classes]
    }

    /// `states` `[batch, seq, 2h]`, `pad` `[batch, seq]` true at padding → `[batch, 2h]`.
    fn pool(&self, states: &Tensor, pad: &Tensor, len: &Tensor) -> Tensor {
        let h = self.config.hidden;
        match &self.pool {
            Pool::Max => states.masked_fill(&pad.unsqueeze(-1), f64::NEG_INFINITY).amax([1], false),
            Pool::Mean => states.sum_dim_intlist(1, false, Kind::Float) / len.unsqueeze(1).to_kind(Kind::Float),
            Pool::Last => {
                let last = (len - 1).view([-1, 1, 1]).expand([-1, 1, 2 * h], false); // [batch, 1, 2h]
                let forward_end = states.gather(1, &last, false).squeeze_dim(1).narrow(1, 0, h); // [batch, h]
                let backward_start = states.select(1, 0).narrow(1, h, h); // [batch, h]
                Tensor::cat(&[forward_end, backward_start], 1)
            }
            Pool::Attention(proj, score) => {
                let scores = score.forward(&proj.forward(states).tanh()).squeeze_dim(-1); // [batch, seq]
                let weights = scores.masked_fill(pad, f64::NEG_INFINITY).softmax(1, Kind::Float); // [batch, seq]
                (states * weights.unsqueeze(-1)).sum_dim_intlist(1, false, Kind::Float)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(pooling: Pooling) -> (nn::VarStore, ClassifierNet) {
        tch::manual_seed(1);
        let vs = nn::VarStore::new(Device::Cpu);
        let config =
            ClassifierConfig { vocab_size: 10, classes: 3, embedding: 6, hidden: 5, pooling, ..Default::default() };
        let net = ClassifierNet::new(&vs.root(), config);
        (vs, net)
    }

    #[test]
    fn every_pooling_gives_one_row_per_text_and_padding_does_not_leak() {
        for pooling in [Pooling::Last, Pooling::Max, Pooling::Mean, Pooling::Attention] {
            let (_vs, net) = net(pooling);
            let (long, short): (&[i64], &[i64]) = (&[2, 3, 4, 5, 6], &[7, 8]);
            let batch = net.forward(&[long, short, &[]], false);
            assert_eq!(batch.size(), [3, 3], "{pooling}");
            let alone = net.forward(&[short], false);
            assert!(batch.get(1).allclose(&alone.get(0), 1e-5, 1e-6, false), "{pooling}");
            let empty = net.forward(&[&[UNK]], false);
            assert!(batch.get(2).allclose(&empty.get(0), 1e-5, 1e-6, false), "{pooling}");
            // Order matters to the BiLSTM.
            let reversed = net.forward(&[&[6, 5, 4, 3, 2]], false);
            assert!(!batch.get(0).allclose(&reversed.get(0), 1e-5, 1e-6, false), "{pooling}");
        }
    }

    #[test]
    fn frozen_embeddings_take_the_vectors_and_leave_training() {
        let (vs, mut net) = net(Pooling::Max);
        let vectors = Tensor::ones([2, 6], (Kind::Float, Device::Cpu));
        net.init_embeddings(&[3, 5], &vectors);
        net.freeze_embeddings();
        let rows = net.embedding.index_select(0, &Tensor::from_slice(&[3i64, 5]));
        assert!(rows.allclose(&vectors, 0.0, 0.0, false));
        assert!(arbor_nn::trainable_sorted(&vs).iter().all(|(name, _)| name != "embedding"));
    }
}
