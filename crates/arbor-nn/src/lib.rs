//! Arbor's shared libtorch layer. Everything that every model crate needs and nothing more:
//!
//! - [`DeviceSpec`]: `--device auto|cpu|cuda|cuda:N`, parsed and resolved in one place;
//! - [`seed_everything`]: one call from `--seed` and `--threads`;
//! - [`ModelDir`]: a self-describing model directory (metadata with a format version, config,
//!   weights) that loads by itself and refuses other versions;
//! - [`Checkpoint`]: atomic save/resume of training state.

mod error;
pub use error::{Error, Result};

mod device;
pub use device::DeviceSpec;

mod seed;
pub use seed::seed_everything;

mod model_dir;
pub use model_dir::{Metadata, ModelDir};

mod checkpoint;
pub use checkpoint::Checkpoint;

/// The libtorch version this build links against (`tch` checks it at build time).
pub const LIBTORCH_VERSION: &str = "2.11.0";
