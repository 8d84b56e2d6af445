//! What a classifier is and how it is trained: the network's shape and the text's handling
//! ([`ClassifierConfig`], `config.json` of a model directory) and the training settings
//! ([`TrainConfig`]), each with the `Default` that is the one source of its defaults (the
//! CLI's included), and the model directory's kind, format version and file names. No
//! libtorch here.

use arbor_core::{Checks, MAX_LAYERS, MAX_WIDTH};
use serde::{Deserialize, Serialize};

/// Model kind and format version in `metadata.json`.
pub const KIND: &str = "classifier";
pub const FORMAT_VERSION: u32 = 1;
pub const CONFIG_FILE: &str = "config.json";
pub const WORDS_FILE: &str = "words.json";
pub const LABELS_FILE: &str = "labels.json";
/// The tokenizer model directory a classifier trained with `--tokenizer DIR` carries.
pub const TOKENIZER_DIR: &str = "tokenizer";

/// The longest `max_tokens` a config may ask for.
pub const MAX_TOKENS_LIMIT: usize = 1_000_000;

/// How the LSTM's states over a text become one vector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pooling {
    /// The forward direction's last state and the backward direction's first.
    Last,
    /// The largest value of each unit over the text.
    Max,
    /// The mean of the states.
    Mean,
    /// A learned weighted sum (one score per position, softmax over the text): the best of
    /// the four on the dev sets of the sentiment benchmarks (BENCHMARKS.md).
    #[default]
    Attention,
}

/// How a text becomes tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tokenization {
    /// Arbor's rule tokenizer without a lexicon: Unicode word boundaries, any language.
    #[default]
    Rules,
    /// The text is already tokenized: whitespace-separated tokens.
    Whitespace,
    /// The tokenizer model (rule lexicon or trained BiLSTM) in the directory's `tokenizer/`.
    Model,
}

macro_rules! names {
    ($t:ty, $what:literal, $($v:ident = $s:literal),+) => {
        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($s => Ok(<$t>::$v),)+
                    _ => Err(format!(concat!("unknown ", $what, " '{}': expected ", names!(@list $($s),+)), s)),
                }
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self { $(<$t>::$v => $s,)+ })
            }
        }
    };
    (@list $first:literal $(, $rest:literal)*) => { concat!($first $(, ", ", $rest)*) };
}
names!(Pooling, "pooling", Last = "last", Max = "max", Mean = "mean", Attention = "attention");

/// The network's shape and how text is read; `config.json` of a model directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifierConfig {
    /// Filled in from the training data (specials included).
    pub vocab_size: i64,
    pub classes: i64,
    /// Width of the word embeddings (the vectors' width when initialised from word2vec).
    pub embedding: i64,
    /// Units of each direction of the BiLSTM.
    pub hidden: i64,
    pub layers: i64,
    pub pooling: Pooling,
    /// Dropout on the embeddings, between BiLSTM layers and before the output layer.
    pub dropout: f64,
    /// Texts are cut after this many tokens (at training and prediction time, reported).
    pub max_tokens: usize,
    /// Tokens are lowercased before lookup.
    pub lowercase: bool,
    pub tokenization: Tokenization,
}

impl Default for ClassifierConfig {
    fn default() -> Self {
        ClassifierConfig {
            vocab_size: 0,
            classes: 0,
            embedding: 100,
            hidden: 128,
            layers: 1,
            pooling: Pooling::Attention,
            dropout: 0.5,
            max_tokens: 1000,
            lowercase: true,
            tokenization: Tokenization::Rules,
        }
    }
}

impl ClassifierConfig {
    /// Every setting in its range, or what is wrong (the sizes come from the data).
    pub fn check(&self) -> Result<(), String> {
        Checks::new()
            .between("embedding", self.embedding, 1, MAX_WIDTH.into())
            .between("hidden", self.hidden, 1, MAX_WIDTH.into())
            .between("layers", self.layers, 1, MAX_LAYERS.into())
            .fraction("dropout", self.dropout)
            .between("max_tokens", self.max_tokens, 1, MAX_TOKENS_LIMIT)
            .between("vocab_size", self.vocab_size, 0, i64::from(u32::MAX))
            .between("classes", self.classes, 0, 1_000_000)
            .finish()
    }
}

/// How training runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    /// Adam's learning rate.
    pub lr: f64,
    /// Multiply the learning rate by this after an epoch without a better dev score (1: keep it).
    pub lr_decay: f64,
    /// Gradient norm clipping.
    pub clip: f64,
    /// Stop after this many epochs without a better dev score (0: never).
    pub patience: usize,
    /// Training words seen fewer times are `<unk>` (unless pretrained vectors know them).
    pub min_count: usize,
    /// With pretrained vectors: the first this many of the file's words join the vocabulary,
    /// so that words unseen in training still have their vectors.
    pub pretrained_words: usize,
    /// With pretrained vectors: whether the embeddings are trained further.
    pub fine_tune: bool,
    /// Weigh each class's loss by the inverse of its training frequency.
    pub class_weights: bool,
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
            batch_size: 32,
            lr: 0.001,
            lr_decay: 1.0,
            clip: 5.0,
            patience: 8,
            min_count: 1,
            pretrained_words: 100_000,
            fine_tune: true,
            class_weights: false,
            seed: 1,
            threads: 0,
            checkpoint_every: 200,
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
            .at_least("min_count", self.min_count, 1)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_checks_and_bad_values_are_named() {
        assert_eq!(ClassifierConfig::default().check(), Ok(()));
        assert_eq!(TrainConfig::default().check(), Ok(()));
        let e = ClassifierConfig { hidden: 0, dropout: 1.0, ..Default::default() }.check().unwrap_err();
        assert!(e.contains("hidden") && e.contains("dropout"), "{e}");
        let e = TrainConfig { lr: f64::NAN, batch_size: 0, ..Default::default() }.check().unwrap_err();
        assert!(e.contains("lr must be a positive number (got NaN)") && e.contains("batch_size"), "{e}");
    }

    #[test]
    fn names_round_trip_and_unknown_ones_list_the_choices() {
        for p in [Pooling::Last, Pooling::Max, Pooling::Mean, Pooling::Attention] {
            assert_eq!(p.to_string().parse::<Pooling>(), Ok(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{p}\""));
        }
        assert_eq!("avg".parse::<Pooling>().unwrap_err(), "unknown pooling 'avg': expected last, max, mean, attention");
        let json = serde_json::to_string(&ClassifierConfig::default()).unwrap();
        assert_eq!(serde_json::from_str::<ClassifierConfig>(&json).unwrap(), ClassifierConfig::default());
        assert!(serde_json::from_str::<ClassifierConfig>(&json.replace("\"pooling\"", "\"x\":1,\"pooling\"")).is_err());
    }
}
