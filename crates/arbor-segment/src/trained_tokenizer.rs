//! [`TrainedTokenizer`]: the character model finds tokens, sentence ends and (models with the
//! multiword labels) which tokens are multiword tokens in context; the rule tokenizer's lexicon
//! gives their words and builds the CoNLL-U sentences.

use std::path::Path;

use arbor_conllu::Sentence;
use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use arbor_text::lexicon::LEXICON_FILE;
use arbor_text::{InputMode, Lexicon, RuleTokenizer, Segmentation, Tokenizer};
use tch::{nn::VarStore, Device, Kind};

use crate::config::{SegmenterConfig, CHARS_FILE, CONFIG_FILE, FORMAT_VERSION, KIND};
use crate::error::Result;
use crate::model::SegmenterModel;
use crate::vocab::CharVocab;

pub struct TrainedTokenizer {
    pub(crate) vs: VarStore,
    pub(crate) model: SegmenterModel,
    pub(crate) chars: CharVocab,
    pub(crate) rules: RuleTokenizer,
}

impl TrainedTokenizer {
    pub fn new(config: &SegmenterConfig, chars: CharVocab, lexicon: Lexicon, device: Device) -> TrainedTokenizer {
        let vs = VarStore::new(device);
        let model = SegmenterModel::new(vs.root(), config, chars.len());
        TrainedTokenizer { vs, model, chars, rules: RuleTokenizer::new(lexicon) }
    }

    /// Load a model directory written by `arbor train tokenizer`.
    pub fn load(path: impl AsRef<Path>, device: Device) -> Result<TrainedTokenizer> {
        let (dir, _) = ModelDir::open(path, KIND, FORMAT_VERSION)?;
        let config: SegmenterConfig = dir.read_config(CONFIG_FILE, SegmenterConfig::check)?;
        let chars: CharVocab = dir.read_json(CHARS_FILE)?;
        let lexicon: Lexicon = dir.read_json(LEXICON_FILE)?;
        let recurrent = arbor_nn::lstm_recurrent_weights(config.hidden as u64, config.layers as u64, 2);
        dir.weights_hold(recurrent.saturating_add(chars.len() as u64 * config.char_dim as u64))?;
        let mut t = TrainedTokenizer::new(&config, chars, lexicon, device);
        dir.load_weights(&mut t.vs)?;
        Ok(t)
    }

    pub fn save(&self, path: impl AsRef<Path>, meta: &Metadata) -> Result<()> {
        let dir = ModelDir::create(path)?;
        dir.write_json(CONFIG_FILE, self.model.config())?;
        dir.write_json(CHARS_FILE, &self.chars)?;
        dir.write_json(LEXICON_FILE, self.rules.lexicon())?;
        dir.save_weights(&self.vs)?;
        dir.write_metadata(meta)?;
        Ok(())
    }

    /// The same tokenizer for another input layout (pre-tokenized input bypasses the model).
    pub fn with_mode(self, mode: InputMode) -> TrainedTokenizer {
        TrainedTokenizer { rules: self.rules.with_mode(mode), ..self }
    }

    /// A label per character of `chars`, windows of the configured size run as one batch.
    pub fn labels(&self, chars: &[char]) -> Vec<i64> {
        let (w, ctx) = (self.model.config().window.max(1), self.model.config().context);
        let starts: Vec<usize> = (0..chars.len()).step_by(w).collect();
        let mut out = vec![0i64; chars.len()];
        for group in starts.chunks(64) {
            let windows: Vec<(usize, &[char])> = group
                .iter()
                .map(|&s| {
                    let a = s.saturating_sub(ctx);
                    (s - a, &chars[a..(s + w + ctx).min(chars.len())])
                })
                .collect();
            let slices: Vec<&[char]> = windows.iter().map(|(_, c)| *c).collect();
            let best = tch::no_grad(|| {
                self.model.forward(&slices, &self.chars, self.vs.device(), false).argmax(2, false)
                // [windows, seq]
            });
            let seq = best.size()[1] as usize;
            // An Int64 CPU tensor always converts; were it not to, the labels stay 0 (tokens are
            // then cut at whitespace only).
            let best: Vec<i64> =
                Vec::try_from(best.to_device(Device::Cpu).to_kind(Kind::Int64).view([-1])).unwrap_or_default();
            for (k, &s) in group.iter().enumerate() {
                let skip = windows[k].0;
                let end = (s + w).min(chars.len());
                for (i, label) in out[s..end].iter_mut().enumerate() {
                    *label = best.get(k * seq + skip + i).copied().unwrap_or(0);
                }
            }
        }
        out
    }

    /// Token spans and sentence starts of one paragraph from the character labels.
    pub fn segment(&self, para: &str) -> Segmentation {
        let chars: Vec<char> = para.chars().collect();
        let mode = Tokenizer::mode(&self.rules);
        let modelled = mode == InputMode::Raw || mode == InputMode::Presegmented;
        let labels = if modelled {
            // Line breaks inside a paragraph are spaces to the model (it was trained on joined text).
            let flat: Vec<char> = chars.iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect();
            self.labels(&flat)
        } else {
            vec![0; chars.len()]
        };
        let multiword = modelled && self.model.config().multiword_labels;
        crate::decode::segmentation(para, &labels, mode == InputMode::Raw, multiword)
    }
}

impl Tokenizer for TrainedTokenizer {
    fn tokenize(&self, text: &str) -> Vec<Sentence> {
        if Tokenizer::mode(&self.rules) == InputMode::Pretokenized {
            return self.rules.tokenize(text);
        }
        self.rules.tokenize_with(text, &|para| self.segment(para))
    }

    fn mode(&self) -> InputMode {
        self.rules.mode()
    }
}
