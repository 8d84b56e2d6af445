//! Word2Vec on libtorch buffers: skip-gram and CBOW with negative sampling, subsampling of
//! frequent words, a shrinking window and a linearly decaying learning rate, trained by a
//! lock-free ("hogwild") kernel over the embedding tensors on the CPU, or by batched tensor
//! operations on any libtorch device (the CUDA path); the word2vec text and binary
//! formats; nearest neighbours, analogies (3CosAdd, 3CosMul) and the standard evaluations.
//!
//! - [`TrainConfig`], [`Model`] (`config`): every training setting;
//! - [`Vocab`]: words by count, subsampling thresholds, the noise distribution;
//! - [`Corpus`]: a training file streamed line by line;
//! - `model`: the network, two embedding matrices;
//! - [`train`]: one training skeleton over two backends (hogwild CPU kernel, batched tensors);
//! - [`Embeddings`], [`read_vectors`]/[`write_vectors`]: the trained vectors, their files and
//!   queries; [`evaluate`]: analogy and similarity benchmarks.
//!
//! ```
//! use arbor_word2vec::{Embeddings, TrainConfig};
//! let sentences = ["the king rules the land", "the queen rules the land", "a dog barks"];
//! let config = TrainConfig { dim: 8, min_count: 1, epochs: 20, threads: 1, ..TrainConfig::default() };
//! let e: Embeddings = arbor_word2vec::train_sentences(sentences.iter().copied(), &config).unwrap();
//! assert_eq!(e.dim(), 8);
//! assert!(e.similarity("king", "queen").unwrap().is_finite());
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{Model, TrainConfig};

mod vocab;
pub use vocab::Vocab;

mod corpus;
pub use corpus::{Corpus, Tokenization};

mod model;

pub mod train;
pub use train::{train, train_sentences, EpochReport};

mod embeddings;
pub use embeddings::{Analogy, Embeddings};

mod format;
pub use format::{check_output, read_vectors, write_vectors, Format};

pub mod evaluate;
