//! What a sequence-to-sequence model is and how it is trained and decoded: the network's shape
//! ([`Seq2seqConfig`], `config.json` of a model directory), the training settings
//! ([`TrainConfig`]) and the decoding settings ([`Decoding`]), each with the `Default` that is
//! the one source of its defaults (the CLI's included), and the model directory's kind,
//! format version and file names. No libtorch here.

use arbor_core::{Checks, MAX_LAYERS, MAX_WIDTH};
use serde::{Deserialize, Serialize};

use crate::vocab::Level;

/// Model kind and format version in `metadata.json`.
pub const KIND: &str = "seq2seq";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const SOURCE_FILE: &str = "source.json";
pub const TARGET_FILE: &str = "target.json";
/// The source features' table, in a model trained with features.
pub const FEATURES_FILE: &str = "features.json";

/// The longest `max_source` a config may ask for.
pub const MAX_SOURCE_LIMIT: usize = 100_000;

/// The network's shape; `config.json` of a model directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seq2seqConfig {
    pub source_level: Level,
    pub target_level: Level,
    /// Filled in from the training data (specials included).
    pub source_vocab_size: i64,
    pub target_vocab_size: i64,
    /// Width of the symbol embeddings (both sides).
    pub embedding: i64,
    /// Units of the decoder and of each direction of the encoder.
    pub hidden: i64,
    /// BiLSTM layers of the encoder.
    pub encoder_layers: i64,
    pub dropout: f64,
    /// Sources longer than this (in symbols) are refused in training and cut at apply time.
    pub max_source: usize,
    /// Source features (specials included; 0: the model takes none).
    #[serde(default)]
    pub feature_vocab_size: i64,
    /// Width of the features' embedding, whose mean over a source's features joins every
    /// source symbol's embedding (0 in a model without features).
    #[serde(default)]
    pub feature_dim: i64,
}

impl Default for Seq2seqConfig {
    fn default() -> Self {
        Seq2seqConfig {
            source_level: Level::Char,
            target_level: Level::Char,
            source_vocab_size: 0,
            target_vocab_size: 0,
            embedding: 128,
            hidden: 256,
            encoder_layers: 2,
            dropout: 0.3,
            max_source: 256,
            feature_vocab_size: 0,
            feature_dim: 16,
        }
    }
}

impl Seq2seqConfig {
    /// Every setting in its range, or what is wrong (the vocabulary sizes come from the data).
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("embedding", self.embedding, 1, MAX_WIDTH.into())
            .between("hidden", self.hidden, 1, MAX_WIDTH.into())
            .between("encoder_layers", self.encoder_layers, 1, MAX_LAYERS.into())
            .fraction("dropout", self.dropout)
            .between("max_source", self.max_source, 1, MAX_SOURCE_LIMIT)
            .between("source_vocab_size", self.source_vocab_size, 0, i64::from(u32::MAX))
            .between("target_vocab_size", self.target_vocab_size, 0, i64::from(u32::MAX))
            .between("feature_vocab_size", self.feature_vocab_size, 0, i64::from(u32::MAX))
            .between("feature_dim", self.feature_dim, 0, MAX_WIDTH.into())
            .finish()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    /// Adam's learning rate.
    pub lr: f64,
    /// Multiply the learning rate by this when the dev score does not improve (1: keep it).
    pub lr_decay: f64,
    /// Gradient norm clipping.
    pub clip: f64,
    /// Stop after this many epochs without a better dev score (0: never).
    pub patience: usize,
    pub seed: u64,
    /// libtorch intra-op threads (0: libtorch's default).
    pub threads: usize,
    /// Also checkpoint every this many batches (0: only at epoch ends).
    pub checkpoint_every: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            batch_size: 64,
            lr: 0.001,
            lr_decay: 0.5,
            clip: 5.0,
            patience: 5,
            seed: 1,
            threads: 0,
            checkpoint_every: 500,
        }
    }
}

impl TrainConfig {
    /// Every setting in its range, or what is wrong.
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .at_least("epochs", self.epochs, 1)
            .at_least("batch_size", self.batch_size, 1)
            .positive("lr", self.lr)
            .probability("lr_decay", self.lr_decay)
            .positive("lr_decay", self.lr_decay)
            .positive("clip", self.clip)
            .finish()
    }
}

/// How outputs are searched for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decoding {
    /// Beam width; 1 is greedy search.
    pub beam: usize,
    /// Hypotheses returned per source (at most `beam`).
    pub nbest: usize,
    /// Hypotheses are ranked by log-probability / length^alpha (0: no normalisation).
    pub length_alpha: f64,
    /// Outputs stop after `max_ratio * source length + max_extra` symbols.
    pub max_ratio: f64,
    pub max_extra: usize,
    /// Sources decoded in one batch.
    pub batch_size: usize,
}

/// The largest beam a decoding may ask for.
pub const MAX_BEAM: usize = 256;

impl Default for Decoding {
    fn default() -> Self {
        Decoding { beam: 1, nbest: 1, length_alpha: 1.0, max_ratio: 2.0, max_extra: 10, batch_size: 64 }
    }
}

impl Decoding {
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("beam", self.beam, 1, MAX_BEAM)
            .between("nbest", self.nbest, 1, self.beam.max(1))
            .between("length_alpha", self.length_alpha, 0.0, 10.0)
            .between("max_ratio", self.max_ratio, 0.0, 100.0)
            .between("max_extra", self.max_extra, 0, 10_000)
            .at_least("batch_size", self.batch_size, 1)
            .finish()
    }

    /// The most symbols an output of a `source`-symbol input may have (end excluded).
    pub fn max_len(&self, source: usize) -> usize {
        (self.max_ratio * source as f64) as usize + self.max_extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_checks_and_bad_values_are_named() {
        assert_eq!(Seq2seqConfig::default().check(), Ok(()));
        assert_eq!(TrainConfig::default().check(), Ok(()));
        assert_eq!(Decoding::default().check(), Ok(()));
        let e = Decoding { beam: 2, nbest: 3, ..Decoding::default() }.check().unwrap_err();
        assert!(e.contains("nbest"), "{e}");
        let e = Seq2seqConfig { hidden: 0, ..Seq2seqConfig::default() }.check().unwrap_err();
        assert!(e.contains("hidden"), "{e}");
    }
}
