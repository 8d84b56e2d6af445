//! What a parser is and how it is trained: the model's shape and regularisation
//! ([`ParserConfig`], saved as `config.json` in a model directory), the training settings
//! ([`TrainConfig`], whose `Default` is the one source of every default, the CLI's included),
//! and the model directory's kind, format version and file names. No libtorch here.

use arbor_core::{Checks, MAX_LAYERS, MAX_WIDTH};
use serde::{Deserialize, Serialize};

/// The model directory's kind and format version.
pub const KIND: &str = "parser";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const VOCAB_FILE: &str = "vocab.json";

/// Sentences longer than this many words are refused (the BiLSTM and the swap decoder would
/// still run, but memory grows with the square of the length in the worst case).
pub const MAX_WORDS: usize = 5000;

/// Padded word positions per parsing batch unless a caller says otherwise (`Parser::batch_words`,
/// `arbor parse --batch-size`).
pub const BATCH_WORDS: usize = 4096;

/// Stack and buffer positions whose BiLSTM vectors feed the transition MLP, in this order:
/// s0, s1, s2, b0, b1.
pub const FEATURES: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParserConfig {
    /// Word embedding width (must equal the pretrained vectors' width when they are used).
    pub word_dim: i64,
    pub char_dim: i64,
    /// Hidden units per direction of the character BiLSTM.
    pub char_hidden: i64,
    /// Hidden units per direction of the sentence BiLSTM.
    pub lstm_hidden: i64,
    pub lstm_layers: i64,
    /// Hidden units of the transition MLP.
    pub mlp_hidden: i64,
    /// Hidden units of the tagger MLP (UPOS, XPOS, FEATS heads).
    pub tag_hidden: i64,
    /// Dropout on embeddings, between BiLSTM layers and in the MLPs.
    pub dropout: f64,
    /// Word dropout α: a training word of frequency f becomes `<unk>` with probability α/(α+f).
    pub word_dropout: f64,
    /// Longer words are cut to their first and last `max_word_chars / 2` characters.
    pub max_word_chars: usize,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            word_dim: 100,
            char_dim: 32,
            char_hidden: 50,
            lstm_hidden: 200,
            lstm_layers: 2,
            mlp_hidden: 200,
            tag_hidden: 150,
            dropout: 0.33,
            word_dropout: 0.25,
            max_word_chars: 24,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Sentences per batch.
    pub batch_size: usize,
    pub lr: f64,
    pub clip: f64,
    pub seed: u64,
    /// libtorch intra-op threads (0: libtorch's default).
    pub threads: usize,
    /// Probability of following a wrong prediction (dynamic oracle only).
    pub explore: f64,
    /// First epoch (1-based) with exploration.
    pub explore_from: usize,
    /// Stop after this many epochs without a better dev LAS (0: never).
    pub patience: usize,
    /// Multiply the learning rate by this after `decay_patience` epochs in a row without a
    /// better dev LAS (1: constant learning rate).
    pub lr_decay: f64,
    pub decay_patience: usize,
    /// Pretrained vectors: add at most this many of the file's words to the vocabulary.
    pub pretrained_words: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            batch_size: 32,
            lr: 2e-3,
            clip: 5.0,
            seed: 1,
            threads: 0,
            explore: 0.1,
            explore_from: 2,
            patience: 6,
            lr_decay: 0.5,
            decay_patience: 2,
            pretrained_words: 50_000,
        }
    }
}

impl ParserConfig {
    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("word_dim", self.word_dim, 1, MAX_WIDTH.into())
            .between("char_dim", self.char_dim, 1, MAX_WIDTH.into())
            .between("char_hidden", self.char_hidden, 1, MAX_WIDTH.into())
            .between("lstm_hidden", self.lstm_hidden, 1, MAX_WIDTH.into())
            .between("lstm_layers", self.lstm_layers, 1, MAX_LAYERS.into())
            .between("mlp_hidden", self.mlp_hidden, 1, MAX_WIDTH.into())
            .between("tag_hidden", self.tag_hidden, 1, MAX_WIDTH.into())
            .fraction("dropout", self.dropout)
            .fraction("word_dropout", self.word_dropout)
            .between("max_word_chars", self.max_word_chars, 2, MAX_WIDTH.into())
            .finish()
    }
}

impl TrainConfig {
    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .at_least("epochs", self.epochs, 1)
            .at_least("batch_size", self.batch_size, 1)
            .positive("lr", self.lr)
            .positive("clip", self.clip)
            .probability("explore", self.explore)
            .positive("lr_decay", self.lr_decay)
            .finish()
    }
}
