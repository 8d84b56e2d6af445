//! What training starts from: gold trees, the vocabulary (with pretrained vectors copied in),
//! and length-sorted batches.

use std::path::Path;

use arbor_conllu::Sentence;
use arbor_transition::GoldTree;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use tch::Tensor;

use super::spec::{Observer, TrainSpec};
use crate::error::{Error, Result};
use crate::parser::Parser;
use crate::vocab::{word_key, Vocab};

/// The sentences of a treebank; none at all is an error.
pub(super) fn read_treebank(path: &Path) -> Result<Vec<Sentence>> {
    let sentences = arbor_conllu::read_file(path)?;
    if sentences.is_empty() {
        return Err(Error::Data { path: path.into(), problem: "no sentences".into() });
    }
    Ok(sentences)
}

/// The gold tree of every sentence, with the label ids of `vocab` (which holds every
/// training label); a sentence that is not a tree is an error naming it.
pub(super) fn gold_trees(path: &Path, sentences: &[Sentence], vocab: &Vocab) -> Result<Vec<GoldTree>> {
    let mut labels = vocab.labels.clone();
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            GoldTree::from_sentence(s, &mut labels)
                .map_err(|e| Error::Data { path: path.into(), problem: format!("sentence {}: {e}", i + 1) })
        })
        .collect()
}

/// Build the vocabulary from the training set and the first pretrained words; return the
/// parser with those vectors copied into its word embeddings.
pub(super) fn fresh_parser(spec: &TrainSpec, train: &[Sentence], observer: &mut dyn Observer) -> Result<Parser> {
    let mut vocab = Vocab::from_sentences(train);
    let pretrained = match &spec.embeddings {
        Some(path) => {
            let e = arbor_word2vec::read_vectors(path)?;
            if e.dim() as i64 != spec.model.word_dim {
                return Err(Error::Data {
                    path: path.clone(),
                    problem: format!("vectors have {} dimensions, the model's words {}", e.dim(), spec.model.word_dim),
                });
            }
            for w in e.words().iter().take(spec.config.pretrained_words) {
                vocab.add_word(&word_key(w));
            }
            Some(e)
        }
        None => None,
    };
    let mut parser = Parser::new(&spec.model, vocab, spec.device);
    if let Some(e) = pretrained {
        let (mut rows, mut data) = (Vec::new(), Vec::new());
        for id in 3..parser.vocab.words.len() as u32 {
            if let Some(v) = e.vector(parser.vocab.words.name(id)) {
                rows.push(i64::from(id));
                data.extend_from_slice(v);
            }
        }
        let vectors = Tensor::from_slice(&data).view([rows.len() as i64, e.dim() as i64]);
        // Unit-variance rows, like the randomly initialised ones.
        let vectors = &vectors / vectors.std(false);
        parser.model.init_word_vectors(&rows, &vectors);
        observer.message(&format!("{} of {} words initialised from {}", rows.len(), parser.vocab.words.len(), e.len()));
    }
    Ok(parser)
}

/// Shuffle, then sort windows of 50 batches by length so that a batch holds sentences of
/// similar lengths (little padding), and shuffle the batches.
pub(super) fn length_batches<'o>(
    order: &'o mut [usize],
    train: &[Sentence],
    batch_size: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<&'o [usize]> {
    // From the identity each epoch: the order must not depend on earlier epochs (resume).
    order.iter_mut().enumerate().for_each(|(i, x)| *x = i);
    order.shuffle(rng);
    for window in order.chunks_mut(batch_size * 50) {
        window.sort_by_key(|&i| train[i].words.len());
    }
    let mut batches: Vec<&[usize]> = order.chunks(batch_size).collect();
    batches.shuffle(rng);
    batches
}
