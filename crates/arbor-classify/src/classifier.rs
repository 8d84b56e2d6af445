//! [`Classifier`]: a trained model directory, loaded by itself (its tokenizer too), applied to
//! texts.

use std::path::Path;

use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use arbor_text::InputMode;
use tch::{nn, Device};

use crate::config::{
    ClassifierConfig, Tokenization, CONFIG_FILE, FORMAT_VERSION, KIND, LABELS_FILE, TOKENIZER_DIR, WORDS_FILE,
};
use crate::error::{Error, Result};
use crate::model::ClassifierNet;
use crate::predict::{argmax, encode, probabilities, Prediction};
use crate::text::TextReader;
use crate::vocab::{Labels, Words};

pub struct Classifier {
    _vs: nn::VarStore,
    net: ClassifierNet,
    words: Words,
    labels: Labels,
    reader: TextReader,
    metadata: Metadata,
}

/// The text reader of a model directory: its config's tokenization, with the directory's
/// `tokenizer/` loaded when the config names a tokenizer model.
pub(crate) fn text_reader(dir: &Path, config: &ClassifierConfig, device: Device) -> Result<TextReader> {
    let model = match config.tokenization {
        Tokenization::Model => Some(arbor_segment::load_tokenizer(&dir.join(TOKENIZER_DIR), InputMode::Raw, device)?),
        _ => None,
    };
    TextReader::new(config, model).map_err(|e| Error::Mismatch(format!("{}: {e}", dir.display())))
}

impl Classifier {
    /// Load a model directory written by [`crate::train::train`].
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Classifier> {
        let (dir, metadata) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
        let config: ClassifierConfig = dir.read_config(CONFIG_FILE, ClassifierConfig::check)?;
        let words: Words = dir.read_json(WORDS_FILE)?;
        let labels: Labels = dir.read_json(LABELS_FILE)?;
        if words.len() as i64 != config.vocab_size || labels.len() as i64 != config.classes {
            return Err(Error::Mismatch(format!(
                "{}: {WORDS_FILE} has {} ids and {LABELS_FILE} {} labels, but config.json expects {} and {}",
                dir.path().display(),
                words.len(),
                labels.len(),
                config.vocab_size,
                config.classes
            )));
        }
        let embeddings = (config.vocab_size as u64).saturating_mul(config.embedding as u64);
        let recurrent = arbor_nn::lstm_recurrent_weights(config.hidden as u64, config.layers as u64, 2);
        dir.weights_hold(embeddings.saturating_add(recurrent))?;
        let reader = text_reader(dir.path(), &config, device)?;
        let mut vs = nn::VarStore::new(device);
        let net = ClassifierNet::new(&vs.root(), config);
        dir.load_weights(&mut vs)?;
        Ok(Classifier { _vs: vs, net, words, labels, reader, metadata })
    }

    pub fn config(&self) -> &ClassifierConfig {
        self.net.config()
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The classes, in the order of a prediction's probabilities.
    pub fn labels(&self) -> &[String] {
        self.labels.names()
    }

    /// The id of a label (`None` for one the model does not know).
    pub fn label_id(&self, label: &str) -> Option<usize> {
        self.labels.id(label)
    }

    /// The label and class probabilities of each text (empty texts included: they read as one
    /// unknown word).
    pub fn predict(&self, texts: &[&str]) -> Vec<Prediction> {
        let tokens = self.reader.read_many(texts);
        let ids: Vec<Vec<i64>> = tokens.iter().map(|t| encode(&self.words, t)).collect();
        probabilities(&self.net, &ids)
            .into_iter()
            .zip(tokens)
            .map(|(probabilities, t)| {
                let class = argmax(&probabilities);
                Prediction {
                    label: self.labels.name(class).to_string(),
                    class,
                    probabilities,
                    tokens: t.tokens.len(),
                    cut_from: t.cut_from,
                }
            })
            .collect()
    }
}
