//! The network: character and character-class embeddings → a BiLSTM over the paragraph →
//! one of three labels per character (see [`crate::data`]).

use std::collections::HashMap;

use arbor_nn::PaddedBiLstm;
use serde::{Deserialize, Serialize};
use tch::{nn, Device, Tensor};

use crate::data::char_class;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmenterConfig {
    pub char_dim: i64,
    pub class_dim: i64,
    /// Hidden units per direction.
    pub hidden: i64,
    pub layers: i64,
    pub dropout: f64,
    /// Characters per window at inference (plus `context` on each side).
    pub window: usize,
    pub context: usize,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        SegmenterConfig { char_dim: 32, class_dim: 8, hidden: 64, layers: 2, dropout: 0.2, window: 1000, context: 64 }
    }
}

/// Characters seen at least twice in training; id 0 padding, 1 unknown.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CharVocab {
    chars: Vec<char>,
    #[serde(skip)]
    index: HashMap<char, i64>,
}

impl CharVocab {
    pub fn from_counts(counts: &HashMap<char, usize>, min_count: usize) -> CharVocab {
        let mut chars: Vec<char> = counts.iter().filter(|(_, &n)| n >= min_count).map(|(&c, _)| c).collect();
        chars.sort_unstable();
        CharVocab { chars, index: HashMap::new() }.reindex()
    }

    pub fn reindex(mut self) -> CharVocab {
        self.index = self.chars.iter().enumerate().map(|(i, &c)| (c, i as i64 + 2)).collect();
        self
    }

    pub fn id(&self, c: char) -> i64 {
        self.index.get(&c).copied().unwrap_or(1)
    }

    /// Number of ids, specials included.
    pub fn len(&self) -> usize {
        self.chars.len() + 2
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

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
            out: nn::linear(p / "out", 2 * c.hidden, 3, Default::default()),
            config: c.clone(),
        }
    }

    pub fn config(&self) -> &SegmenterConfig {
        &self.config
    }

    /// Label logits `[batch, seq, 3]` for windows of characters, each padded to `seq`.
    pub fn forward(&self, windows: &[&[char]], vocab: &CharVocab, device: Device, train: bool) -> Tensor {
        let seq = windows.iter().map(|w| w.len()).max().unwrap_or(1).max(1);
        let mut ids = vec![0i64; windows.len() * seq];
        let mut classes = vec![0i64; windows.len() * seq];
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
