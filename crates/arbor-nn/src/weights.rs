//! Weights in a model directory: `weights.safetensors`, saved through a temporary file and a
//! rename (an interrupted save never damages the model that was there) and loaded into a store
//! whose variables the model's constructor created. Metadata and JSON files are
//! `arbor_core::ModelDir`'s; this adds what needs libtorch.

use std::path::Path;

use arbor_core::ModelDir;
use tch::nn::VarStore;

use crate::error::{Error, Result};

pub const WEIGHTS_FILE: &str = "weights.safetensors";

/// Save a store's variables to `path` (safetensors) through a temporary file and a rename.
pub(crate) fn save_store_atomic(vs: &VarStore, path: &Path) -> Result<()> {
    let tmp = path.with_extension("tmp-write.safetensors");
    vs.save(&tmp).map_err(|error| Error::Torch { path: tmp.clone(), error })?;
    std::fs::rename(&tmp, path).map_err(|error| arbor_core::Error::Io { path: path.to_path_buf(), error }.into())
}

/// `weights.safetensors` of a [`ModelDir`].
pub trait Weights {
    /// Save every variable of the store.
    fn save_weights(&self, vs: &VarStore) -> Result<()>;
    /// Load the weights into a store built by the model's constructor; a missing or
    /// mis-shaped variable is an error naming it.
    fn load_weights(&self, vs: &mut VarStore) -> Result<()>;
}

impl Weights for ModelDir {
    fn save_weights(&self, vs: &VarStore) -> Result<()> {
        save_store_atomic(vs, &self.file(WEIGHTS_FILE))
    }

    fn load_weights(&self, vs: &mut VarStore) -> Result<()> {
        let path = self.file(WEIGHTS_FILE);
        if !path.is_file() {
            let problem = format!("{WEIGHTS_FILE} is missing");
            return Err(arbor_core::Error::ModelDir { path: self.path().to_path_buf(), problem }.into());
        }
        vs.load(&path).map_err(|error| Error::Torch { path, error })
    }
}
