//! A trained parser: model directory I/O and [`Parser::parse`] over a batch of sentences.

use std::path::Path;

use arbor_conllu::Sentence;
use arbor_core::profile::{self, Stage};
use arbor_core::{Metadata, ModelDir};
use arbor_nn::Weights;
use tch::{nn::VarStore, Device, Kind, Tensor};

use crate::batch::Batch;
use crate::config::{ParserConfig, BATCH_WORDS, CONFIG_FILE, FORMAT_VERSION, KIND, MAX_WORDS, VOCAB_FILE};
use crate::decode;
use crate::error::{Error, Result};
use crate::model::ParserModel;
use crate::vocab::Vocab;

pub struct Parser {
    pub(crate) vs: VarStore,
    pub(crate) model: ParserModel,
    pub(crate) vocab: Vocab,
    /// Padded word positions per batch when parsing (sentences are grouped by length).
    pub batch_words: usize,
}

impl Parser {
    /// A fresh, untrained parser.
    pub fn new(config: &ParserConfig, vocab: Vocab, device: Device) -> Parser {
        let vs = VarStore::new(device);
        let model = ParserModel::new(vs.root(), config, &vocab);
        Parser { vs, model, vocab, batch_words: BATCH_WORDS }
    }

    /// Load a model directory; another kind or format version is a clear error.
    pub fn load(path: impl AsRef<Path>, device: Device) -> Result<Parser> {
        let (dir, _meta) = ModelDir::open(path, KIND, FORMAT_VERSION)?;
        let config: ParserConfig = dir.read_config(CONFIG_FILE, ParserConfig::check)?;
        let vocab: Vocab = dir.read_json::<Vocab>(VOCAB_FILE)?;
        let recurrent = arbor_nn::lstm_recurrent_weights(config.lstm_hidden as u64, config.lstm_layers as u64, 2);
        dir.weights_hold(recurrent.saturating_add(vocab.words.len() as u64 * config.word_dim as u64))?;
        let mut parser = Parser::new(&config, vocab, device);
        dir.load_weights(&mut parser.vs)?;
        Ok(parser)
    }

    /// Write config, vocabularies, weights and `meta` into `path`.
    pub fn save(&self, path: impl AsRef<Path>, meta: &Metadata) -> Result<()> {
        let dir = ModelDir::create(path)?;
        dir.write_json(CONFIG_FILE, self.model.config())?;
        dir.write_json(VOCAB_FILE, &self.vocab)?;
        dir.save_weights(&self.vs)?;
        dir.write_metadata(meta)?;
        Ok(())
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn config(&self) -> &ParserConfig {
        self.model.config()
    }

    pub fn device(&self) -> Device {
        self.vs.device()
    }

    /// Tag and parse sentences in place: UPOS, XPOS, FEATS, HEAD and DEPREL are replaced
    /// (LEMMA and DEPS are cleared and empty nodes, which belong to the enhanced graph, are
    /// dropped; MISC and multiword tokens are kept). Sentences without
    /// words are left alone; one longer than [`MAX_WORDS`] is an error and nothing is changed.
    pub fn parse(&self, sentences: &mut [Sentence]) -> Result<()> {
        if let Some((i, s)) = sentences.iter().enumerate().find(|(_, s)| s.words.len() > MAX_WORDS) {
            return Err(Error::Input(format!(
                "sentence {} has {} words; the parser takes at most {MAX_WORDS}",
                i + 1,
                s.words.len()
            )));
        }
        let mut order: Vec<usize> = (0..sentences.len()).filter(|&i| !sentences[i].words.is_empty()).collect();
        order.sort_by_key(|&i| sentences[i].words.len());
        let mut start = 0;
        while start < order.len() {
            // Sorted by length, so the last sentence of a batch is its longest: the batch holds
            // as many sentences as fit `batch_words` padded positions.
            let mut end = start + 1;
            while end < order.len() && (end + 1 - start) * sentences[order[end]].words.len() <= self.batch_words {
                end += 1;
            }
            let mut chunk: Vec<Sentence> =
                order[start..end].iter().map(|&i| std::mem::take(&mut sentences[i])).collect();
            self.parse_batch(&mut chunk);
            for (&i, s) in order[start..end].iter().zip(chunk) {
                sentences[i] = s;
            }
            start = end;
        }
        Ok(())
    }

    fn parse_batch(&self, sentences: &mut [Sentence]) {
        let refs: Vec<&Sentence> = sentences.iter().collect();
        let batch = profile::time(Stage::Batching, || {
            Batch::new::<rand_chacha::ChaCha8Rng>(&refs, &self.vocab, self.model.config(), None, self.device())
        });
        let (states, tags) = tch::no_grad(|| {
            let encoded = self.model.encode(&batch, false);
            let rows: Vec<i64> = refs
                .iter()
                .enumerate()
                .flat_map(|(b, s)| (1..=s.words.len()).map(move |i| (b, i)))
                .map(|(b, i)| batch.row(b, i))
                .collect();
            let tags = profile::time(Stage::Tagger, || {
                let rows = Tensor::from_slice(&rows).to_device(self.device());
                let logits = self.model.tag(&encoded, &rows, false);
                let best = |t: Tensor| -> Vec<i64> {
                    // The specials (<pad>, <unk>, <root>) are never predicted.
                    let t = t.narrow(1, 3, t.size()[1] - 3).argmax(1, false) + 3;
                    Vec::try_from(t.to_device(Device::Cpu).to_kind(Kind::Int64)).expect("int64 tags")
                };
                (best(logits.upos), best(logits.xpos), best(logits.feats))
            });
            let root = self.vocab.labels.id("root");
            (profile::time(Stage::Transitions, || decode::parse(&self.model, &batch, &encoded, root)), tags)
        });
        let mut k = 0;
        for (s, state) in sentences.iter_mut().zip(states) {
            s.empty_nodes.clear();
            let heads = state.heads();
            let labels = state.labels();
            for (i, w) in s.words.iter_mut().enumerate() {
                w.upos = self.vocab.upos.get(tags.0[k] as u32).unwrap_or("_").to_string();
                w.xpos = self.vocab.xpos.get(tags.1[k] as u32).unwrap_or("_").to_string();
                w.feats = self.vocab.feats.get(tags.2[k] as u32).unwrap_or("_").to_string();
                w.lemma = "_".into();
                w.deps = "_".into();
                w.head = Some(heads[i]);
                w.deprel = labels[i].map_or("dep".to_string(), |l| self.vocab.labels.name(l).to_string());
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_conllu::Word;

    /// Sentences are packed, encoded and decoded in lockstep with whatever else is in their
    /// batch: the batch they land in changes nothing.
    #[test]
    fn the_batch_a_sentence_is_in_does_not_change_its_analysis() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/parser");
        let mut parser = Parser::load(dir, Device::Cpu).unwrap();
        let texts = [
            "She reads old books .",
            "Go !",
            "The committee , which met on Tuesday , did n't agree with the plan that Smith proposed .",
            "x",
            "I saw a girl with a telescope .",
            "Prices rose 3.5 % in the U.S. last year , and they will rise again .",
        ];
        let sentences: Vec<Sentence> =
            texts.iter().map(|s| Sentence::from_words(s.split(' ').map(Word::new).collect())).collect();
        let mut together = sentences.clone();
        parser.parse(&mut together).unwrap();
        for batch_words in [1, 12, 40] {
            parser.batch_words = batch_words;
            let mut apart = sentences.clone();
            parser.parse(&mut apart).unwrap();
            assert_eq!(apart, together, "batches of {batch_words} words");
        }
        let alone: Vec<Sentence> = sentences
            .iter()
            .map(|s| {
                let mut one = vec![s.clone()];
                parser.parse(&mut one).unwrap();
                one.remove(0)
            })
            .collect();
        assert_eq!(alone, together);
    }

    /// A model whose weights turned NaN (a diverged run, a damaged file) still gives every word a
    /// head and a label: decoding never panics on any scores.
    #[test]
    fn a_parser_with_nan_weights_parses_without_panicking() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt/parser");
        let parser = Parser::load(dir, Device::Cpu).unwrap();
        let mut filled = Vec::new();
        tch::no_grad(|| {
            for (name, mut t) in parser.vs.variables() {
                if name.starts_with("mlp") || name.starts_with("tag") {
                    let _ = t.fill_(f64::NAN);
                    filled.push(name);
                }
            }
        });
        assert!(filled.iter().any(|n| n.starts_with("mlp_out")), "{filled:?}");
        let mut batch: Vec<Sentence> = ["She reads old books .", "Go !", "x"]
            .iter()
            .map(|s| Sentence::from_words(s.split(' ').map(Word::new).collect()))
            .collect();
        parser.parse(&mut batch).unwrap();
        for s in &batch {
            assert!(s.words.iter().all(|w| w.head.is_some_and(|h| h <= s.words.len())), "{s:?}");
        }
    }
}
