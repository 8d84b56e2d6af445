//! Training checkpoints: weights plus a serde state (epoch, step, learning rate, RNG seeds,
//! best score ...), written so that an interrupted save never leaves a broken checkpoint.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Serialize};
use tch::nn::VarStore;
use tch::Tensor;

use crate::error::{Error, Result};
use crate::weights::save_store_atomic;
use arbor_core::write_atomic;

const WEIGHTS: &str = "weights.safetensors";
const EXTRA: &str = "extra.safetensors";
const STATE: &str = "state.json";

fn io(path: &Path, error: std::io::Error) -> Error {
    arbor_core::Error::Io { path: path.to_path_buf(), error }.into()
}

fn json(path: &Path, error: serde_json::Error) -> Error {
    arbor_core::Error::Json { path: path.to_path_buf(), error }.into()
}

/// Where a training run writes: its model directory (refused when it already holds a model,
/// unless the run resumes or is forced, see `ModelDir::create_for_training`) and the
/// checkpoint in its `checkpoint/` folder.
pub struct RunDir {
    pub dir: arbor_core::ModelDir,
    pub checkpoint: Checkpoint,
    /// `resume` was asked for and a complete checkpoint is there.
    pub resuming: bool,
}

impl RunDir {
    /// `note` hears about a `resume` that finds no checkpoint (the run starts from scratch).
    pub fn open(out: &Path, resume: bool, force: bool, note: &mut dyn FnMut(&str)) -> Result<RunDir> {
        let dir = arbor_core::ModelDir::create_for_training(out, resume, force)?;
        let checkpoint = Checkpoint::new(out.join("checkpoint"));
        let resuming = resume && checkpoint.exists();
        if resume && !resuming {
            note(&format!("no checkpoint in {}: starting from scratch", checkpoint.dir().display()));
        }
        Ok(RunDir { dir, checkpoint, resuming })
    }
}

/// A checkpoint directory.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    dir: PathBuf,
}

impl Checkpoint {
    pub fn new(dir: impl AsRef<Path>) -> Checkpoint {
        Checkpoint { dir: dir.as_ref().to_path_buf() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a complete checkpoint is there (the state file is written last).
    pub fn exists(&self) -> bool {
        self.dir.join(STATE).is_file() && self.dir.join(WEIGHTS).is_file()
    }

    /// Save weights, extra named tensors (optimizer moments, ...), then the state. Each file is
    /// replaced by an atomic rename and the state, which says the checkpoint is complete, last.
    pub fn save<S: Serialize>(&self, vs: &VarStore, extra: &[(String, Tensor)], state: &S) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|error| io(&self.dir, error))?;
        save_store_atomic(vs, &self.dir.join(WEIGHTS))?;
        let tmp = self.dir.join("extra.tmp-write.safetensors");
        let named: Vec<(&str, &Tensor)> = extra.iter().map(|(n, t)| (n.as_str(), t)).collect();
        Tensor::write_safetensors(&named, &tmp).map_err(|error| Error::Torch { path: tmp.clone(), error })?;
        let path = self.dir.join(EXTRA);
        fs::rename(&tmp, &path).map_err(|error| io(&path, error))?;
        let path = self.dir.join(STATE);
        let bytes = serde_json::to_vec_pretty(state).map_err(|error| json(&path, error))?;
        Ok(write_atomic(&path, &bytes)?)
    }

    /// Only the saved state (to compare a run's settings with it before loading any weights).
    pub fn state<S: DeserializeOwned>(&self) -> Result<S> {
        let path = self.dir.join(STATE);
        let bytes = fs::read(&path).map_err(|error| io(&path, error))?;
        serde_json::from_slice(&bytes).map_err(|error| json(&path, error))
    }

    /// Load the weights into `vs`; return the saved state and the extra tensors.
    pub fn load<S: DeserializeOwned>(&self, vs: &mut VarStore) -> Result<(S, Vec<(String, Tensor)>)> {
        if !self.exists() {
            let problem = "no complete checkpoint here".into();
            return Err(arbor_core::Error::ModelDir { path: self.dir.clone(), problem }.into());
        }
        let weights = self.dir.join(WEIGHTS);
        crate::weights::load_exactly(vs, &weights, &self.dir)?;
        let path = self.dir.join(EXTRA);
        let extra = Tensor::read_safetensors(&path).map_err(|error| Error::Torch { path: path.clone(), error })?;
        let path = self.dir.join(STATE);
        let bytes = fs::read(&path).map_err(|error| io(&path, error))?;
        let state = serde_json::from_slice(&bytes).map_err(|error| json(&path, error))?;
        Ok((state, extra))
    }
}
