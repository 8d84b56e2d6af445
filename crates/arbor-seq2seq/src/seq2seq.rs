//! [`Seq2seq`]: a trained model directory, loaded by itself, applied to strings.

use std::path::Path;

use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use tch::{nn, Device};

use crate::apply::{predict, Output};
use crate::config::{
    Decoding, Seq2seqConfig, CONFIG_FILE, FEATURES_FILE, FORMAT_VERSION, KIND, SOURCE_FILE, TARGET_FILE,
};
use crate::error::{Error, Result};
use crate::model::Seq2seqNet;
use crate::vocab::{Level, Symbols, Vocabs};

pub struct Seq2seq {
    _vs: nn::VarStore,
    net: Seq2seqNet,
    vocabs: Vocabs,
    metadata: Metadata,
}

impl Seq2seq {
    /// Load a model directory written by [`crate::train::train`].
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Seq2seq> {
        let (dir, metadata) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
        let config: Seq2seqConfig = dir.read_config(CONFIG_FILE, Seq2seqConfig::check)?;
        let source: Symbols = dir.read_json(SOURCE_FILE)?;
        let target: Symbols = dir.read_json(TARGET_FILE)?;
        let features: Option<Symbols> =
            if config.feature_vocab_size > 0 { Some(dir.read_json(FEATURES_FILE)?) } else { None };
        let mut sides = vec![
            (SOURCE_FILE, &source, config.source_vocab_size, config.source_level),
            (TARGET_FILE, &target, config.target_vocab_size, config.target_level),
        ];
        if let Some(f) = &features {
            sides.push((FEATURES_FILE, f, config.feature_vocab_size, Level::Token));
        }
        for (file, symbols, size, level) in sides {
            if symbols.len() as i64 != size || symbols.level != level {
                return Err(Error::Mismatch(format!(
                    "{}: {file} has {} {}-level symbols but config.json expects {size} {level}-level symbols",
                    dir.path().display(),
                    symbols.len(),
                    symbols.level,
                )));
            }
        }
        let (h, e) = (config.hidden as u64, config.embedding as u64);
        let recurrent = arbor_nn::lstm_recurrent_weights(h, config.encoder_layers as u64, 2)
            .saturating_add(arbor_nn::lstm_recurrent_weights(h, 1, 1));
        let embeddings = (source.len() as u64 + target.len() as u64)
            .saturating_mul(e)
            .saturating_add((config.feature_vocab_size as u64).saturating_mul(config.feature_dim as u64));
        dir.weights_hold(recurrent.saturating_add(embeddings))?;
        let mut vs = nn::VarStore::new(device);
        let net = Seq2seqNet::new(&vs.root(), config);
        dir.load_weights(&mut vs)?;
        Ok(Seq2seq { _vs: vs, net, vocabs: Vocabs { source, target, features }, metadata })
    }

    pub fn config(&self) -> &Seq2seqConfig {
        self.net.config()
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Whether the model takes source features (it was trained on pairs with a third column).
    pub fn takes_features(&self) -> bool {
        self.vocabs.features.is_some()
    }

    /// The best output of each source (greedy search; no features).
    pub fn apply(&self, sources: &[&str]) -> Vec<String> {
        let inputs: Vec<(&str, &str)> = sources.iter().map(|&s| (s, "")).collect();
        let outputs = predict(&self.net, &self.vocabs, &inputs, &Decoding::default(), false);
        outputs.into_iter().map(|mut o| o.predictions.swap_remove(0).text).collect()
    }

    /// Outputs as `decoding` says (beam, n-best), with attention weights when `attention`.
    pub fn apply_with(&self, sources: &[&str], decoding: &Decoding, attention: bool) -> Result<Vec<Output>> {
        let inputs: Vec<(&str, &str)> = sources.iter().map(|&s| (s, "")).collect();
        self.apply_features(&inputs, decoding, attention)
    }

    /// Like [`Seq2seq::apply_with`] for `(source, features)` pairs (whitespace-separated
    /// features, e.g. `"NOUN"`; unknown ones are counted in `Output::unknown`).
    pub fn apply_features(&self, inputs: &[(&str, &str)], decoding: &Decoding, attention: bool) -> Result<Vec<Output>> {
        decoding.check().map_err(Error::Config)?;
        Ok(predict(&self.net, &self.vocabs, inputs, decoding, attention))
    }
}
