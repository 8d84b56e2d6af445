//! Sentences → the index tensors the model reads. Position 0 of every row is the root token;
//! rows are padded to the longest sentence of the batch. Characters are gathered once per
//! distinct form of the batch.

use std::collections::HashMap;

use arbor_conllu::Sentence;
use rand::Rng;
use tch::{Device, Tensor};

use crate::config::ParserConfig;
use crate::vocab::{id_or_unk, word_key, Vocab, PAD, ROOT, UNK};

/// One batch, ready for [`crate::ParserModel::encode`].
#[derive(Debug)]
pub struct Batch {
    /// `[batch, seq]` word ids, root first, PAD after each sentence.
    pub words: Tensor,
    /// `[batch, seq]` index of each position's form in the `chars_*` rows.
    pub forms: Tensor,
    /// `[forms, max_chars]` character ids, left-aligned, and the same reversed within each form.
    pub chars_fwd: Tensor,
    pub chars_bwd: Tensor,
    /// `[forms]` characters per form (at least 1).
    pub char_lengths: Tensor,
    /// Words + 1 (the root) per sentence.
    pub lengths: Vec<i64>,
    /// `seq`: the padded length.
    pub seq: i64,
}

impl Batch {
    /// Build a batch; with `rng`, training-time word dropout replaces rare words by `<unk>`.
    pub fn new<R: Rng>(
        sentences: &[&Sentence],
        vocab: &Vocab,
        config: &ParserConfig,
        mut rng: Option<&mut R>,
        device: Device,
    ) -> Batch {
        let seq = sentences.iter().map(|s| s.words.len() + 1).max().unwrap_or(1);
        let mut words = vec![PAD; sentences.len() * seq];
        let mut forms = vec![0i64; sentences.len() * seq];
        let mut form_ids: HashMap<&str, i64> = HashMap::new();
        let mut form_list: Vec<Vec<i64>> = vec![vec![ROOT]]; // form 0: the root (also under padding)
        for (b, s) in sentences.iter().enumerate() {
            words[b * seq] = ROOT;
            for (i, w) in s.words.iter().enumerate() {
                let mut id = id_or_unk(&vocab.words, &word_key(&w.form));
                if let Some(rng) = rng.as_deref_mut() {
                    let f = vocab.word_counts[id as usize] as f64;
                    if id != UNK && rng.gen::<f64>() < config.word_dropout / (config.word_dropout + f) {
                        id = UNK;
                    }
                }
                words[b * seq + i + 1] = id;
                let next = form_list.len() as i64;
                let f = *form_ids.entry(w.form.as_str()).or_insert_with(|| {
                    form_list.push(char_ids(&w.form, vocab, config.max_word_chars));
                    next
                });
                forms[b * seq + i + 1] = f;
            }
        }
        let max_chars = form_list.iter().map(Vec::len).max().unwrap_or(1);
        let mut fwd = vec![PAD; form_list.len() * max_chars];
        let mut bwd = fwd.clone();
        for (f, cs) in form_list.iter().enumerate() {
            for (j, &c) in cs.iter().enumerate() {
                fwd[f * max_chars + j] = c;
                bwd[f * max_chars + cs.len() - 1 - j] = c;
            }
        }
        let lens: Vec<i64> = form_list.iter().map(|c| c.len() as i64).collect();
        let (b, s, f, m) = (sentences.len() as i64, seq as i64, form_list.len() as i64, max_chars as i64);
        Batch {
            words: Tensor::from_slice(&words).view([b, s]).to_device(device),
            forms: Tensor::from_slice(&forms).view([b, s]).to_device(device),
            chars_fwd: Tensor::from_slice(&fwd).view([f, m]).to_device(device),
            chars_bwd: Tensor::from_slice(&bwd).view([f, m]).to_device(device),
            char_lengths: Tensor::from_slice(&lens).to_device(device),
            lengths: sentences.iter().map(|s| s.words.len() as i64 + 1).collect(),
            seq: s,
        }
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Row of node `node` (0 = root) of sentence `b` in the flattened encoder output.
    pub fn row(&self, b: usize, node: usize) -> i64 {
        b as i64 * self.seq + node as i64
    }

    /// The flattened row reserved for "no such stack/buffer position".
    pub fn null_row(&self) -> i64 {
        self.len() as i64 * self.seq
    }
}

/// Character ids of a form, long forms cut to their first and last `max / 2` characters.
fn char_ids(form: &str, vocab: &Vocab, max: usize) -> Vec<i64> {
    let chars: Vec<char> = form.chars().collect();
    let pick: Vec<char> = if chars.len() > max.max(2) {
        let half = max.max(2) / 2;
        chars[..half].iter().chain(&chars[chars.len() - half..]).copied().collect()
    } else {
        chars
    };
    let ids: Vec<i64> = pick.iter().map(|c| id_or_unk(&vocab.chars, c.encode_utf8(&mut [0; 4]))).collect();
    if ids.is_empty() {
        vec![UNK]
    } else {
        ids
    }
}
