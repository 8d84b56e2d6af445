//! Weights in a model directory: `weights.safetensors`, saved through a temporary file and a
//! rename (an interrupted save never damages the model that was there) and loaded into a store
//! whose variables the model's constructor created. Metadata and JSON files are
//! `arbor_core::ModelDir`'s; this adds what needs libtorch.

use std::collections::HashMap;
use std::path::Path;

use arbor_core::ModelDir;
use tch::{nn::VarStore, Tensor};

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
    /// Refuse, before a model is built, a config whose largest matrices alone (`parameters`
    /// 32-bit floats, a lower bound each loader computes from its config and vocabulary) would
    /// not fit in the weights file: a hostile config cannot make the loader allocate memory the
    /// file does not account for.
    fn weights_hold(&self, parameters: u64) -> Result<()>;
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
        load_exactly(vs, &path, self.path())
    }

    fn weights_hold(&self, parameters: u64) -> Result<()> {
        let path = self.file(WEIGHTS_FILE);
        let size = std::fs::metadata(&path).map_err(|error| arbor_core::Error::Io { path: path.clone(), error })?.len();
        if parameters.saturating_mul(4) > size {
            let problem = format!(
                "config.json asks for at least {parameters} weights ({} bytes), but {WEIGHTS_FILE} has {size} bytes",
                parameters.saturating_mul(4)
            );
            return Err(arbor_core::Error::ModelDir { path: self.path().to_path_buf(), problem }.into());
        }
        Ok(())
    }
}

/// Copy the tensors of a safetensors file into the store's variables, after checking that the
/// file has exactly the store's variables with exactly their shapes (libtorch's own load would
/// broadcast a tensor of another shape, or ignore tensors the model does not have).
pub(crate) fn load_exactly(vs: &mut VarStore, path: &Path, dir: &Path) -> Result<()> {
    let torch = |error| Error::Torch { path: path.to_path_buf(), error };
    let wrong = |problem: String| Error::from(arbor_core::Error::ModelDir { path: dir.to_path_buf(), problem });
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let file: HashMap<String, Tensor> = Tensor::read_safetensors(path).map_err(torch)?.into_iter().collect();
    let mut variables = vs.variables();
    let mut names: Vec<&String> = variables.keys().collect();
    names.sort(); // the same file gives the same error every time
    for var in names {
        let value = &variables[var];
        match file.get(var) {
            None => return Err(wrong(format!("{name} has no tensor '{var}', which the model's config asks for"))),
            Some(t) if t.size() != value.size() => {
                return Err(wrong(format!(
                    "{name}: tensor '{var}' has shape {:?}, the model's config and vocabulary need {:?}",
                    t.size(),
                    value.size()
                )))
            }
            Some(_) => {}
        }
    }
    let mut extra: Vec<&String> = file.keys().filter(|k| !variables.contains_key(*k)).collect();
    extra.sort();
    if let Some(extra) = extra.first() {
        return Err(wrong(format!("{name} holds a tensor '{extra}' that this model does not have")));
    }
    tch::no_grad(|| {
        for (var, value) in variables.iter_mut() {
            value.f_copy_(&file[var]).map_err(torch)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::{nn, Device, Kind};

    fn store(shapes: &[(&str, &[i64])]) -> VarStore {
        let vs = VarStore::new(Device::Cpu);
        for (name, shape) in shapes {
            let _ = vs.root().var(name, shape, nn::Init::Const(1.0));
        }
        vs
    }

    #[test]
    fn weights_load_only_with_exactly_the_models_tensors_and_shapes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ModelDir::create(tmp.path().join("m")).unwrap();
        dir.save_weights(&store(&[("a", &[2, 3])])).unwrap();
        let mut same = store(&[("a", &[2, 3])]);
        dir.load_weights(&mut same).unwrap();
        assert_eq!(same.variables()["a"].sum(Kind::Float).double_value(&[]), 6.0);
        // [1, 3] would broadcast from [2, 3] in libtorch's copy: here it is an error.
        let e = dir.load_weights(&mut store(&[("a", &[1, 3])])).unwrap_err().to_string();
        assert!(e.contains("tensor 'a' has shape [2, 3]") && e.contains("need [1, 3]"), "{e}");
        let e = dir.load_weights(&mut store(&[("a", &[2, 3]), ("b", &[1])])).unwrap_err().to_string();
        assert!(e.contains("has no tensor 'b'"), "{e}");
        let e = dir.load_weights(&mut store(&[])).unwrap_err().to_string();
        assert!(e.contains("holds a tensor 'a' that this model does not have"), "{e}");
        assert!(dir.weights_hold(6).is_ok());
        let e = dir.weights_hold(1 << 40).unwrap_err().to_string();
        assert!(e.contains("asks for at least 1099511627776 weights"), "{e}");
        std::fs::write(dir.file(WEIGHTS_FILE), b"\x08\x00\x00\x00\x00\x00\x00\x00{}").unwrap();
        assert!(dir.load_weights(&mut store(&[("a", &[2, 3])])).is_err());
    }
}
