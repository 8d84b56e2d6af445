//! The model's shape and regularisation, saved as `config.json` in a model directory.

use serde::{Deserialize, Serialize};

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
