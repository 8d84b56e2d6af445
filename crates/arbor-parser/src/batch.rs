//! Sentences → the index tensors the model reads, packed ([`Packing`]: step by step, longest
//! sentence first, no padding), position 0 of every sentence being the root token. Characters
//! are gathered once per distinct form of the batch.

use std::collections::HashMap;

use arbor_conllu::Sentence;
use arbor_nn::Packing;
use rand::Rng;
use tch::{Device, Tensor};

use crate::config::ParserConfig;
use crate::vocab::{id_or_unk, word_key, Vocab, PAD, ROOT, UNK};

/// One batch, ready for [`crate::ParserModel::encode`].
#[derive(Debug)]
pub struct Batch {
    /// How the sentences' positions (root first) are packed; see [`Batch::row`].
    pub packing: Packing,
    /// `[positions]` word ids, packed.
    pub words: Tensor,
    /// `[positions]` index of each position's form in the `chars` rows, packed.
    pub forms: Tensor,
    /// `[forms, max_chars]` character ids, left-aligned.
    pub chars: Tensor,
    /// Characters per form (at least 1).
    pub char_lengths: Vec<i64>,
    /// Words + 1 (the root) per sentence.
    pub lengths: Vec<i64>,
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
        let mut chars = vec![PAD; form_list.len() * max_chars];
        for (f, cs) in form_list.iter().enumerate() {
            chars[f * max_chars..f * max_chars + cs.len()].copy_from_slice(cs);
        }
        let lens: Vec<i64> = form_list.iter().map(|c| c.len() as i64).collect();
        let lengths: Vec<i64> = sentences.iter().map(|s| s.words.len() as i64 + 1).collect();
        let packing = Packing::new(&lengths, seq as i64, device);
        let words: Vec<i64> = packing.rows().iter().map(|&r| words[r as usize]).collect();
        let forms: Vec<i64> = packing.rows().iter().map(|&r| forms[r as usize]).collect();
        let (f, m) = (form_list.len() as i64, max_chars as i64);
        Batch {
            packing,
            words: Tensor::from_slice(&words).to_device(device),
            forms: Tensor::from_slice(&forms).to_device(device),
            chars: Tensor::from_slice(&chars).view([f, m]).to_device(device),
            char_lengths: lens,
            lengths,
        }
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Row of node `node` (0 = root) of sentence `b` in the encoder output, which holds the
    /// packed positions of the batch and then the null row.
    pub fn row(&self, b: usize, node: usize) -> i64 {
        self.packing.position(b, node)
    }

    /// The row reserved for "no such stack/buffer position": the last.
    pub fn null_row(&self) -> i64 {
        self.packing.len() as i64
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
