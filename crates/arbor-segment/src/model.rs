//! The network: character and character-class embeddings → a BiLSTM over the paragraph →
//! one label per character (three, or five with the multiword-token labels; see [`crate::data`]).

use arbor_nn::PaddedBiLstm;
use tch::{nn, Device, Tensor};

use crate::config::SegmenterConfig;
use crate::data::char_class;
use crate::vocab::{CharVocab, PAD};

#[derive(Debug)]
pub struct SegmenterModel {
    char_emb: nn::Embedding,
    class_emb: nn::Embedding,
    lstm: PaddedBiLstm,
    out: nn::Linear,
    config: SegmenterConfig,
}

impl SegmenterModel {
    pub fn new<'a>(path: impl std::borrow::Borrow<nn::Path<'a>>, config: &SegmenterConfig, chars: usize) -> Self {
        let p = path.borrow();
        let c = config;
        SegmenterModel {
            char_emb: nn::embedding(p / "char_emb", chars as i64, c.char_dim, Default::default()),
            class_emb: nn::embedding(p / "class_emb", 9, c.class_dim, Default::default()),
            lstm: PaddedBiLstm::new(p / "lstm", c.char_dim + c.class_dim, c.hidden, c.layers, c.dropout),
            out: nn::linear(p / "out", 2 * c.hidden, c.labels(), Default::default()),
            config: c.clone(),
        }
    }

    pub fn config(&self) -> &SegmenterConfig {
        &self.config
    }

    /// Label logits `[batch, seq, labels]` for windows of characters, each padded to `seq`.
    pub fn forward(&self, windows: &[&[char]], vocab: &CharVocab, device: Device, train: bool) -> Tensor {
        let seq = windows.iter().map(|w| w.len()).max().unwrap_or(1).max(1);
        let mut ids = vec![PAD; windows.len() * seq];
        let mut classes = vec![PAD; windows.len() * seq];
        for (b, w) in windows.iter().enumerate() {
            for (i, &c) in w.iter().enumerate() {
                ids[b * seq + i] = vocab.id(c);
                classes[b * seq + i] = char_class(c);
            }
        }
        let shape = [windows.len() as i64, seq as i64];
        let ids = Tensor::from_slice(&ids).view(shape).to_device(device);
        let classes = Tensor::from_slice(&classes).view(shape).to_device(device);
        let x = Tensor::cat(&[ids.apply(&self.char_emb), classes.apply(&self.class_emb)], 2); // [batch, seq, char_dim + class_dim]
        let x = x.dropout(self.config.dropout, train);
        let lengths: Vec<i64> = windows.iter().map(|w| w.len().max(1) as i64).collect();
        let h = self.lstm.forward(&x, &lengths, train).dropout(self.config.dropout, train); // [batch, seq, 2 * hidden]
        h.apply(&self.out)
    }
}
