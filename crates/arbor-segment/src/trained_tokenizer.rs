//! [`TrainedTokenizer`]: the character model finds tokens, sentence ends and (models with the
//! multiword labels) which tokens are multiword tokens in context; the rule tokenizer's lexicon
//! gives their words and builds the CoNLL-U sentences.

use std::path::Path;

use arbor_conllu::Sentence;
use arbor_core::profile::{self, Stage};
use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use arbor_text::lexicon::LEXICON_FILE;
use arbor_text::{InputMode, Lexicon, RuleTokenizer, Segmentation, Tokenizer};
use tch::{nn::VarStore, Device, Kind};

use crate::config::{SegmenterConfig, CHARS_FILE, CONFIG_FILE, FORMAT_VERSION, KIND};
use crate::error::Result;
use crate::expander::{Expander, EXPANDER_DIR};
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

    /// Load a model directory written by `arbor train tokenizer` (with its multiword-token
    /// expander when it has one).
    pub fn load(path: impl AsRef<Path>, device: Device) -> Result<TrainedTokenizer> {
        let (dir, _) = ModelDir::open(path, KIND, FORMAT_VERSION)?;
        let config: SegmenterConfig = dir.read_config(CONFIG_FILE, SegmenterConfig::check)?;
        let chars: CharVocab = dir.read_json(CHARS_FILE)?;
        let lexicon: Lexicon = dir.read_json(LEXICON_FILE)?;
        let recurrent = arbor_nn::lstm_recurrent_weights(config.hidden as u64, config.layers as u64, 2);
        dir.weights_hold(recurrent.saturating_add(chars.len() as u64 * config.char_dim as u64))?;
        let mut t = TrainedTokenizer::new(&config, chars, lexicon, device);
        dir.load_weights(&mut t.vs)?;
        let expander = dir.file(EXPANDER_DIR);
        if expander.is_dir() {
            t.rules = t.rules.with_expander(Box::new(Expander::load(expander, device)?));
        }
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

    /// A label per character of `chars`.
    pub fn labels(&self, chars: &[char]) -> Vec<i64> {
        self.labels_many(&[chars]).pop().unwrap_or_default()
    }

    /// A label per character of each text. Every text is cut into windows of the configured
    /// size (with `context` characters either side); the windows of all texts are sorted by
    /// length and run in batches of at most [`WINDOWS_PER_BATCH`] windows and
    /// [`CHARS_PER_BATCH`] padded positions, so short paragraphs share one call and padding
    /// stays small.
    pub fn labels_many(&self, texts: &[&[char]]) -> Vec<Vec<i64>> {
        let (w, ctx) = (self.model.config().window.max(1), self.model.config().context);
        // (text, first labelled char, context chars before it, the window with its context)
        let mut windows: Vec<(usize, usize, usize, &[char])> = Vec::new();
        for (t, chars) in texts.iter().enumerate() {
            for s in (0..chars.len()).step_by(w) {
                let a = s.saturating_sub(ctx);
                windows.push((t, s, s - a, &chars[a..(s + w + ctx).min(chars.len())]));
            }
        }
        windows.sort_by_key(|x| std::cmp::Reverse(x.3.len()));
        let mut out: Vec<Vec<i64>> = texts.iter().map(|c| vec![0i64; c.len()]).collect();
        let mut start = 0;
        while start < windows.len() {
            // Sorted longest first: the first window of a batch sets its padded length.
            let fit = (CHARS_PER_BATCH / windows[start].3.len().max(1)).clamp(1, WINDOWS_PER_BATCH);
            let group = &windows[start..(start + fit).min(windows.len())];
            start += group.len();
            let slices: Vec<&[char]> = group.iter().map(|x| x.3).collect();
            let best = tch::no_grad(|| {
                self.model.forward(&slices, &self.chars, self.vs.device(), false).argmax(2, false)
                // [windows, seq]
            });
            let seq = best.size()[1] as usize;
            // An Int64 CPU tensor always converts; were it not to, the labels stay 0 (tokens are
            // then cut at whitespace only).
            let best: Vec<i64> =
                Vec::try_from(best.to_device(Device::Cpu).to_kind(Kind::Int64).view([-1])).unwrap_or_default();
            for (k, &(t, s, skip, _)) in group.iter().enumerate() {
                let end = (s + w).min(texts[t].len());
                for (i, label) in out[t][s..end].iter_mut().enumerate() {
                    *label = best.get(k * seq + skip + i).copied().unwrap_or(0);
                }
            }
        }
        out
    }

    fn modelled(&self) -> bool {
        let mode = Tokenizer::mode(&self.rules);
        mode == InputMode::Raw || mode == InputMode::Presegmented
    }

    /// Token spans and sentence starts of one paragraph from the character labels.
    pub fn segment(&self, para: &str) -> Segmentation {
        self.segment_many(&[para]).pop().unwrap_or_default()
    }

    /// [`TrainedTokenizer::segment`] of several paragraphs, their labels found in one batch.
    pub fn segment_many(&self, paras: &[&str]) -> Vec<Segmentation> {
        let modelled = self.modelled();
        // Line breaks inside a paragraph are spaces to the model (it was trained on joined text).
        let flat: Vec<Vec<char>> =
            paras.iter().map(|p| p.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()).collect();
        let labels = if modelled {
            let refs: Vec<&[char]> = flat.iter().map(Vec::as_slice).collect();
            profile::time(Stage::TokenizerModel, || self.labels_many(&refs))
        } else {
            flat.iter().map(|c| vec![0; c.len()]).collect()
        };
        let raw = Tokenizer::mode(&self.rules) == InputMode::Raw;
        let multiword = modelled && self.model.config().multiword_labels;
        paras.iter().zip(&labels).map(|(p, l)| crate::decode::segmentation(p, l, raw, multiword)).collect()
    }
}

/// Windows per call of the character BiLSTM, at most.
pub const WINDOWS_PER_BATCH: usize = 64;
/// Padded character positions per call of the character BiLSTM, at most (one window always fits).
pub const CHARS_PER_BATCH: usize = 8 * 1024;

impl Tokenizer for TrainedTokenizer {
    fn tokenize(&self, text: &str) -> Vec<Sentence> {
        self.tokenize_many(&[text]).pop().unwrap_or_default()
    }

    /// The paragraphs (or lines) of all texts segmented in one batch, then built into
    /// sentences text by text.
    fn tokenize_many(&self, texts: &[&str]) -> Vec<Vec<Sentence>> {
        if Tokenizer::mode(&self.rules) == InputMode::Pretokenized {
            return texts.iter().map(|t| self.rules.tokenize(t)).collect();
        }
        let paras: Vec<&str> =
            texts.iter().flat_map(|t| self.rules.units(t).into_iter().map(move |(a, b)| &t[a..b])).collect();
        let mut segmented = self.segment_many(&paras).into_iter().zip(paras);
        profile::time(Stage::TokenizerRules, || {
            let next = std::cell::RefCell::new(&mut segmented);
            texts
                .iter()
                .map(|t| {
                    self.rules.tokenize_with(t, &|para| match next.borrow_mut().next() {
                        // `tokenize_with` asks for the units of `units()`, in order.
                        Some((seg, p)) if std::ptr::eq(p, para) => seg,
                        _ => self.segment(para),
                    })
                })
                .collect()
        })
    }

    fn mode(&self) -> InputMode {
        self.rules.mode()
    }
}

// SAFETY: a `TrainedTokenizer` is only read after loading: its `&self` methods run forward
// passes that read the weights and never change a tensor in place. libtorch's operators may
// read one tensor from several threads at once (PyTorch's multithreaded inference relies on
// it) and its reference counts are atomic; `Tensor` is `!Sync` only because it wraps a raw
// pointer.
unsafe impl Sync for TrainedTokenizer {}
