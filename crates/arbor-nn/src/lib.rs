//! Arbor's shared libtorch layer. Everything that every model crate needs and nothing more:
//!
//! - [`Resolve`]: `--device` (`arbor_core::DeviceSpec`) as a libtorch device;
//! - [`seed_everything`]: one call from `--seed` and `--threads`;
//! - [`Weights`]: `weights.safetensors` of a model directory (`arbor_core::ModelDir` holds
//!   the metadata and JSON files);
//! - [`Checkpoint`]: atomic save/resume of training state; [`RunDir`]: a run's output directory;
//! - [`Lstm`]: a (Bi)LSTM stack on the fused kernel with train/eval chosen per call;
//! - [`PaddedBiLstm`]: a BiLSTM over a padded batch of sequences of different lengths, run
//!   padded or packed ([`Packing`], [`bidirectional_packed`]);
//! - [`Attention`]: bilinear (Luong) attention over padded encoder outputs;
//! - [`Optimizer`]: SGD/Adam with global-norm clipping and checkpointable moments;
//! - [`retain_freed_memory`]: malloc keeps what libtorch frees (no page faults per batch);
//! - [`length_batches`], [`mix`]: length-bucketed batches and per-batch seeds that a resumed
//!   run repeats exactly.

mod error;
pub use error::{Error, Result};

mod device;
pub use device::{load_cuda_backend, Resolve};

mod seed;
pub use seed::seed_everything;

mod weights;
pub use weights::{Weights, WEIGHTS_FILE};

mod checkpoint;
pub use checkpoint::{Checkpoint, RunDir};

mod lstm;
pub use lstm::{lstm_recurrent_weights, Lstm, LstmConfig, LstmState};

mod packed;
pub use packed::Packing;

mod bilstm;
pub use bilstm::{bidirectional_packed, PaddedBiLstm};

mod attention;
pub use attention::Attention;

mod allocator;
pub use allocator::{retain_freed_memory, AllocatorTuning};

mod optim;
pub use optim::{Optimizer, OptimizerKind};

mod buckets;
pub use buckets::{length_batches, mix};

/// The trainable variables of a store, sorted by name. `VarStore::trainable_variables` follows
/// a hash map's order, which changes from run to run: summing gradient norms or pairing saved
/// optimizer state with parameters in that order breaks reproducibility.
pub fn trainable_sorted(vs: &tch::nn::VarStore) -> Vec<(String, tch::Tensor)> {
    let mut vars: Vec<(String, tch::Tensor)> = vs.variables().into_iter().filter(|(_, t)| t.requires_grad()).collect();
    vars.sort_by(|a, b| a.0.cmp(&b.0));
    vars
}

/// The libtorch version this build links against (`tch` checks it at build time).
pub const LIBTORCH_VERSION: &str = "2.11.0";
