//! A trained language model loaded from its directory: perplexity, scoring, generation.

use std::path::Path;

use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tch::{nn, Device, Kind, Tensor};

use crate::config::{LmConfig, CONFIG_FILE, FORMAT_VERSION, KIND, VOCAB_FILE};
use crate::corpus::read_ids;
use crate::error::{Error, Result};
use crate::evaluate::{mean_loss, Perplexity};
use crate::model::LstmLm;
use crate::sample::Sampling;
use crate::vocab::{Level, Vocab};

/// Tokens scored in one step by [`LanguageModel::score`] (the logits of a step are
/// `SCORE_CHUNK x vocabulary` floats).
pub const SCORE_CHUNK: usize = 1024;

pub struct LanguageModel {
    _vs: nn::VarStore,
    model: LstmLm,
    vocab: Vocab,
    device: Device,
    metadata: Metadata,
}

impl LanguageModel {
    /// Load a model directory written by [`crate::train::train`].
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<LanguageModel> {
        let (dir, metadata) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
        let config: LmConfig = dir.read_config(CONFIG_FILE, LmConfig::check)?;
        let vocab: Vocab = dir.read_json(VOCAB_FILE)?;
        if vocab.len() as i64 != config.vocab_size || vocab.level != config.level {
            return Err(Error::Mismatch(format!(
                "{}: vocab.json has {} {:?}-level tokens but config.json expects {} {:?}-level tokens",
                dir.path().display(),
                vocab.len(),
                vocab.level,
                config.vocab_size,
                config.level
            )));
        }
        let recurrent = arbor_nn::lstm_recurrent_weights(config.nhid as u64, config.layers as u64, 1);
        dir.weights_hold(recurrent.saturating_add(vocab.len() as u64 * config.emsize as u64))?;
        let mut vs = nn::VarStore::new(device);
        let model = LstmLm::new(&vs.root(), config);
        dir.load_weights(&mut vs)?;
        Ok(LanguageModel { _vs: vs, model, vocab, device, metadata })
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn config(&self) -> &LmConfig {
        self.model.config()
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Perplexity of a text file (each line ends with `<eos>`), evaluated in `batch` columns
    /// with truncation length `bptt`, as training evaluates the validation set.
    pub fn perplexity(&self, path: &Path, batch: usize, bptt: i64) -> Result<Perplexity> {
        let (ids, unknown) = read_ids(path, &self.vocab)?;
        let (loss, tokens) = mean_loss(&self.model, &ids, batch, bptt, self.device)?;
        Ok(Perplexity { loss, perplexity: loss.exp(), bits: loss / std::f64::consts::LN_2, tokens, unknown })
    }

    /// Natural-log probability of a line and its `<eos>`, given a preceding `<eos>`; also the
    /// number of tokens scored. The line is run [`SCORE_CHUNK`] tokens at a time with the state
    /// carried over, so memory stays bounded on a line of any length.
    pub fn score(&self, line: &str) -> (f64, usize) {
        let (ids, _) = self.vocab.encode_line(line);
        let mut input = vec![self.vocab.eos() as i64];
        input.extend(ids[..ids.len() - 1].iter().map(|&i| i as i64));
        let target: Vec<i64> = ids.iter().map(|&i| i as i64).collect();
        tch::no_grad(|| {
            let mut state = self.model.zero_state(1);
            let mut total = 0.0;
            for (x, t) in input.chunks(SCORE_CHUNK).zip(target.chunks(SCORE_CHUNK)) {
                let x = Tensor::from_slice(x).view([-1, 1]).to_device(self.device); // [len, 1]
                let (logits, next) = self.model.forward(&x, &state, false); // [len, vocab]
                state = next;
                let t = Tensor::from_slice(t).view([-1, 1]).to_device(self.device); // [len, 1]
                total += logits.log_softmax(-1, Kind::Float).gather(1, &t, false).sum(Kind::Double).double_value(&[]);
            }
            (total, target.len())
        })
    }

    /// Continue `prompt` by `n` tokens. `<unk>` is never generated; `<eos>` becomes a newline.
    /// The same seed gives the same text; temperature 0 is greedy decoding.
    pub fn generate(&self, prompt: &str, n: usize, sampling: &Sampling, seed: u64) -> Result<String> {
        let (prompt_ids, unknown) = self.vocab.encode_tokens(prompt);
        if !prompt_ids.is_empty() && unknown == prompt_ids.len() {
            return Err(Error::Input(format!(
                "no token of the prompt {prompt:?} is in the model's vocabulary ({} {} tokens); try other words",
                self.vocab.len(),
                if self.vocab.level == Level::Word { "word" } else { "character" }
            )));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let banned = [self.vocab.unk() as usize];
        let mut context: Vec<i64> = vec![self.vocab.eos() as i64];
        context.extend(prompt_ids.iter().map(|&i| i as i64));
        let mut out = Vec::with_capacity(n);
        tch::no_grad(|| {
            let mut state = self.model.zero_state(1);
            let mut input = Tensor::from_slice(&context).view([-1, 1]).to_device(self.device); // [len, 1]
            for _ in 0..n {
                let (logits, next) = self.model.forward(&input, &state, false);
                state = next;
                let last: Vec<f32> = logits
                    .get(logits.size()[0] - 1)
                    .to_kind(Kind::Float)
                    .to_device(Device::Cpu)
                    .try_into()
                    .unwrap_or_default();
                let id = sampling.pick(&last, &banned, &mut rng);
                out.push(id as u32);
                input = Tensor::from_slice(&[id as i64]).view([1, 1]).to_device(self.device);
            }
        });
        let mut text = prompt.to_string();
        if !out.is_empty() {
            if !text.is_empty() && self.vocab.level == Level::Word {
                text.push(' ');
            }
            text.push_str(&self.vocab.join(&out).replace(" \n ", "\n").replace(" \n", "\n").replace("\n ", "\n"));
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line longer than a chunk scores as the whole sequence in one call would.
    #[test]
    fn a_long_line_scores_in_chunks_as_in_one_piece() {
        tch::manual_seed(5);
        let vocab = Vocab::build(["a b c"], Level::Word);
        let config = LmConfig { vocab_size: vocab.len() as i64, emsize: 8, nhid: 8, layers: 2, ..LmConfig::default() };
        let vs = nn::VarStore::new(Device::Cpu);
        let model = LstmLm::new(&vs.root(), config);
        let lm =
            LanguageModel { _vs: vs, model, vocab, device: Device::Cpu, metadata: Metadata::new(KIND, FORMAT_VERSION) };
        let words = ["a", "b", "c"];
        let line: Vec<&str> = (0..2 * SCORE_CHUNK + 17).map(|i| words[(i * 7 + i / 3) % 3]).collect();
        let line = line.join(" ");
        let (chunked, n) = lm.score(&line);
        assert_eq!(n, 2 * SCORE_CHUNK + 18);
        let (ids, _) = lm.vocab.encode_line(&line);
        let mut input = vec![lm.vocab.eos() as i64];
        input.extend(ids[..ids.len() - 1].iter().map(|&i| i as i64));
        let whole = tch::no_grad(|| {
            let x = Tensor::from_slice(&input).view([-1, 1]);
            let (logits, _) = lm.model.forward(&x, &lm.model.zero_state(1), false);
            let t = Tensor::from_slice(&ids.iter().map(|&i| i as i64).collect::<Vec<_>>()).view([-1, 1]);
            logits.log_softmax(-1, Kind::Float).gather(1, &t, false).sum(Kind::Double).double_value(&[])
        });
        assert!((chunked - whole).abs() < 1e-6 * whole.abs(), "{chunked} vs {whole}");
    }
}
