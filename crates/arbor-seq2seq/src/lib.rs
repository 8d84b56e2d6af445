//! LSTM encoder–decoder with attention on libtorch: any pairs of sequences in (characters or
//! whitespace-separated tokens on either side), a trained model out — grapheme-to-phoneme
//! conversion, lemmatisation, multiword-token expansion.
//!
//! - [`Seq2seqConfig`], [`TrainConfig`], [`Decoding`] (`config`): the network's shape, the
//!   training settings, the search settings;
//! - [`Symbols`], [`Level`] (`vocab`): the symbols of each side on the shared table;
//! - [`read_pairs`] (`data`): `source<TAB>target[<TAB>features]` files, errors naming file and line;
//! - [`Seq2seqNet`] (`model`): embeddings → padding-aware BiLSTM encoder → LSTM decoder with
//!   input feeding and bilinear attention;
//! - [`decode`]: batched greedy and beam search under `no_grad`;
//! - [`train`]: bucketed teacher-forced training with Adam, clipping, dev-based selection,
//!   early stopping, checkpoint/resume;
//! - [`Seq2seq`] (`seq2seq`): a model directory, loaded by itself and applied to strings;
//! - [`evaluate`]: word and symbol error rates against several references, BLEU.
//!
//! ```
//! use arbor_seq2seq::train::{train, TrainSpec};
//! use arbor_seq2seq::{Seq2seq, Seq2seqConfig, TrainConfig};
//! # fn main() -> arbor_seq2seq::Result<()> {
//! let dir = tempfile::tempdir().unwrap();
//! let pairs = dir.path().join("pairs.tsv");
//! std::fs::write(&pairs, "ab\tba\nabc\tcba\nca\tac\nbca\tacb\n".repeat(20)).unwrap();
//! let spec = TrainSpec {
//!     train: pairs.clone(),
//!     dev: pairs.clone(),
//!     out: dir.path().join("model"),
//!     model: Seq2seqConfig { embedding: 8, hidden: 16, encoder_layers: 1, dropout: 0.0, ..Seq2seqConfig::default() },
//!     config: TrainConfig { epochs: 2, batch_size: 8, threads: 1, ..TrainConfig::default() },
//!     device: tch::Device::Cpu,
//!     resume: false,
//!     force: false,
//!     command: None,
//! };
//! let reports = train(&spec, &mut ())?;
//! assert_eq!(reports.len(), 2);
//! let model = Seq2seq::load(dir.path().join("model"), tch::Device::Cpu)?;
//! let outputs = model.apply(&["abc", ""]);
//! assert_eq!((outputs.len(), outputs[1].as_str()), (2, ""));
//! # Ok(())
//! # }
//! ```

mod error;
pub use error::{Error, Result};

mod config;
pub use config::{
    Decoding, Seq2seqConfig, TrainConfig, CONFIG_FILE, FEATURES_FILE, FORMAT_VERSION, KIND, MAX_BEAM, MAX_SOURCE_LIMIT,
    SOURCE_FILE, TARGET_FILE,
};

mod vocab;
pub use vocab::{Level, Symbols, Vocabs, BOS, EOS, PAD, UNK};

mod data;
pub use data::{read_pairs, references, Pair, Reference};

mod model;
pub use model::{DecoderState, Encoded, Seq2seqNet, Step};

pub mod decode;
pub use decode::Hypothesis;

mod apply;
pub use apply::{predict, Output, Prediction};

pub mod train;

mod seq2seq;
pub use seq2seq::Seq2seq;

pub mod evaluate;
pub use evaluate::Scores;
