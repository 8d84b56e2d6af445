//! [`Expander`]: the words of a multiword token that the tokenizer's lexicon does not know and
//! whose words do not spell it (an unseen Italian `sulla` = `su la`), from a character
//! encoder–decoder with attention (arbor-seq2seq). The tokenizer's character model decides in
//! context which tokens are multiword tokens; the lexicon gives the words of the known ones; the
//! expander those of the rest. It is trained after the tokenizer, on the treebank's multiword
//! tokens whose words do not spell them, and lives in the tokenizer's directory as `expander/`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use arbor_conllu::{Sentence, Token};
use arbor_seq2seq::train::{train, TrainSpec};
use arbor_seq2seq::{Level, Seq2seq, Seq2seqConfig};
use arbor_text::Expand;
use tch::Device;

use crate::error::{Error, Result};

/// The expander's directory inside a tokenizer's.
pub const EXPANDER_DIR: &str = "expander";
/// With fewer distinct training pairs than this, no expander is trained (the lexicon alone).
pub const MIN_PAIRS: usize = 20;

/// The model (greedy decoding); `Send + Sync` as the tokenizer that holds it.
pub struct Expander {
    model: Seq2seq,
}

// SAFETY: as for `TrainedTokenizer`: decoding only reads the weights (under `no_grad`), never
// changes a tensor in place; `Tensor` is `!Sync` only because it wraps a raw pointer.
unsafe impl Sync for Expander {}

impl Expander {
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Expander> {
        Ok(Expander { model: Seq2seq::load(dir, device)? })
    }

    /// The words of each token (lowercased), as the model writes them.
    pub fn expand_many(&self, tokens: &[&str]) -> Vec<Vec<String>> {
        let outputs = self.model.apply(tokens);
        outputs.iter().map(|o| o.split_whitespace().map(String::from).collect()).collect()
    }
}

impl Expand for Expander {
    fn expand(&self, token: &str) -> Option<Vec<String>> {
        self.expand_many(&[token]).pop()
    }
}

/// The multiword tokens of `sentences` whose words do not spell them, as `(token, words)` in
/// lowercase (words joined by a space), each distinct pair once, sorted.
pub fn expansion_pairs(sentences: &[Sentence]) -> Vec<(String, String)> {
    let mut pairs = BTreeSet::new();
    for s in sentences {
        for t in s.tokens() {
            if let Token::Multiword { words, .. } = &t {
                let form = t.form().to_lowercase();
                let forms: Vec<String> = words.iter().map(|w| w.form.to_lowercase()).collect();
                let usable = forms.len() > 1 && forms.iter().all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
                if usable && forms.concat() != form && !form.contains(['\t', '\n']) {
                    pairs.insert((form, forms.join(" ")));
                }
            }
        }
    }
    pairs.into_iter().collect()
}

/// What training the expander gave.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpanderReport {
    pub train_pairs: usize,
    /// Development pairs, and those among them whose token is not a training token.
    pub dev_pairs: usize,
    pub dev_unseen: usize,
    /// Exact-match accuracy (0–1) on all development pairs and on the unseen ones.
    pub dev_accuracy: f64,
    pub dev_unseen_accuracy: f64,
}

fn write_pairs(path: &Path, pairs: &[(String, String)]) -> Result<()> {
    let io = |e: std::io::Error| Error::Data { path: path.to_path_buf(), problem: e.to_string() };
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    for (source, target) in pairs {
        writeln!(f, "{source}\t{target}").map_err(io)?;
    }
    f.flush().map_err(io)
}

/// Train an expander into `dir/expander` from the pairs of `train` (model selection on those
/// of `dev`, or on the training pairs when `dev` has none); `None` when `train` has fewer than
/// [`MIN_PAIRS`] pairs.
pub fn train_expander(
    train_sents: &[Sentence],
    dev_sents: &[Sentence],
    dir: &Path,
    seed: u64,
    threads: usize,
    device: Device,
) -> Result<Option<ExpanderReport>> {
    let pairs = expansion_pairs(train_sents);
    if pairs.len() < MIN_PAIRS {
        return Ok(None);
    }
    let mut dev = expansion_pairs(dev_sents);
    if dev.is_empty() {
        dev = pairs.clone();
    }
    let data = tempfile::tempdir().map_err(|e| Error::Data { path: dir.to_path_buf(), problem: e.to_string() })?;
    let (train_file, dev_file) = (data.path().join("train.tsv"), data.path().join("dev.tsv"));
    write_pairs(&train_file, &pairs)?;
    write_pairs(&dev_file, &dev)?;
    let out = dir.join(EXPANDER_DIR);
    let spec = TrainSpec {
        train: train_file,
        dev: dev_file,
        out: out.clone(),
        model: Seq2seqConfig {
            source_level: Level::Char,
            target_level: Level::Char,
            embedding: 32,
            hidden: 64,
            encoder_layers: 1,
            dropout: 0.2,
            max_source: 64,
            ..Seq2seqConfig::default()
        },
        config: arbor_seq2seq::TrainConfig {
            // A few hundred pairs at most: many short epochs at a constant learning rate (the
            // default decay after each epoch without a better dev score starves it).
            epochs: 150,
            batch_size: 8,
            lr: 5e-3,
            lr_decay: 1.0,
            patience: 40,
            seed,
            threads,
            checkpoint_every: 0,
            ..arbor_seq2seq::TrainConfig::default()
        },
        device,
        resume: false,
        force: true,
        command: None,
    };
    train(&spec, &mut ())?;
    let checkpoint = out.join("checkpoint");
    if checkpoint.exists() {
        std::fs::remove_dir_all(&checkpoint).map_err(|e| Error::Data { path: checkpoint, problem: e.to_string() })?;
    }
    let expander = Expander::load(&out, device)?;
    let seen: BTreeSet<&str> = pairs.iter().map(|(s, _)| s.as_str()).collect();
    let sources: Vec<&str> = dev.iter().map(|(s, _)| s.as_str()).collect();
    let outputs = expander.expand_many(&sources);
    let (mut right, mut unseen, mut unseen_right) = (0, 0, 0);
    for ((source, target), words) in dev.iter().zip(&outputs) {
        let ok = words.join(" ") == *target;
        right += usize::from(ok);
        if !seen.contains(source.as_str()) {
            unseen += 1;
            unseen_right += usize::from(ok);
        }
    }
    let rate = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    Ok(Some(ExpanderReport {
        train_pairs: pairs.len(),
        dev_pairs: dev.len(),
        dev_unseen: unseen,
        dev_accuracy: rate(right, dev.len()),
        dev_unseen_accuracy: rate(unseen_right, unseen),
    }))
}
