//! The network: two `[vocab, dim]` matrices, the input (word) vectors and the output (context)
//! vectors, in a `VarStore` so that a checkpoint is an ordinary safetensors file. Input vectors
//! start as word2vec does (uniform in ±0.5/dim, from the seed), output vectors at zero; the
//! trained input vectors are the embeddings.

use tch::{nn, Device, Tensor};

use crate::embeddings::Embeddings;
use crate::error::{Error, Result};
use crate::train::kernel::{splitmix, Worker};
use crate::vocab::Vocab;

pub(crate) struct Word2Vec {
    pub vs: nn::VarStore,
    /// `[vocab, dim]`
    pub input: Tensor,
    /// `[vocab, dim]`
    pub output: Tensor,
}

impl Word2Vec {
    pub fn new(vocab: usize, dim: usize, seed: u64, device: Device) -> Word2Vec {
        let vs = nn::VarStore::new(device);
        let mut input = vs.root().zeros_no_train("input", &[vocab as i64, dim as i64]);
        let output = vs.root().zeros_no_train("output", &[vocab as i64, dim as i64]);
        tch::no_grad(|| input.copy_(&initial_vectors(seed, vocab, dim)));
        Word2Vec { vs, input, output }
    }

    /// The input vectors as embeddings of `vocab`'s words.
    pub fn into_embeddings(self, vocab: &Vocab) -> Result<Embeddings> {
        let dim = self.input.size()[1] as usize;
        let vectors = Vec::<f32>::try_from(self.input.to_device(Device::Cpu).flatten(0, 1))
            .map_err(|e| Error::Corpus(format!("cannot read the trained vectors: {e}")))?;
        Ok(Embeddings::new(vocab.words().clone(), dim, vectors))
    }
}

/// word2vec's initialisation of the input vectors, `[v, dim]`: uniform in ±0.5/dim, from the seed.
fn initial_vectors(seed: u64, v: usize, dim: usize) -> Tensor {
    let mut rng = Worker::new(dim, splitmix(seed));
    let init: Vec<f32> =
        (0..v * dim).map(|_| ((rng.next() >> 40) as f32 / (1u64 << 24) as f32 - 0.5) / dim as f32).collect();
    Tensor::from_slice(&init).view([v as i64, dim as i64])
}
