//! A model directory holds everything needed to load a model by itself:
//! `metadata.json` (kind and format version), `config.json` (the model's own config struct,
//! which should use `#[serde(deny_unknown_fields)]`), `weights.safetensors`, and whatever
//! vocabularies the model crate adds. Files are written atomically (temp file, then rename).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tch::nn::VarStore;

use crate::error::{Error, Result};

pub const METADATA_FILE: &str = "metadata.json";
pub const WEIGHTS_FILE: &str = "weights.safetensors";

/// What a model directory says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Always `"arbor-model"`.
    pub format: String,
    /// The model kind: `parser`, `tokenizer`, `lm`, ...
    pub kind: String,
    /// The kind's format version; loading refuses any other.
    pub format_version: u32,
    /// The Arbor version that wrote it.
    pub arbor_version: String,
    /// The command line that trained it, if known.
    #[serde(default)]
    pub command: Option<String>,
    /// Scores measured at training time (e.g. `dev_las`).
    #[serde(default)]
    pub scores: BTreeMap<String, f64>,
}

impl Metadata {
    pub fn new(kind: &str, format_version: u32) -> Metadata {
        Metadata {
            format: "arbor-model".into(),
            kind: kind.into(),
            format_version,
            arbor_version: env!("CARGO_PKG_VERSION").into(),
            command: None,
            scores: BTreeMap::new(),
        }
    }
}

/// A model directory on disk.
#[derive(Clone, Debug)]
pub struct ModelDir {
    path: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |error| Error::Io { path: path.to_path_buf(), error }
}

/// Save a store's variables to `path` (safetensors) through a temporary file and a rename.
pub(crate) fn save_store_atomic(vs: &VarStore, path: &Path) -> Result<()> {
    let tmp = path.with_extension("tmp-write.safetensors");
    vs.save(&tmp).map_err(|error| Error::Torch { path: tmp.clone(), error })?;
    fs::rename(&tmp, path).map_err(io(path))
}

/// Write `bytes` to `path` through a temporary file in the same directory and a rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp-write");
    fs::write(&tmp, bytes).map_err(io(&tmp))?;
    fs::rename(&tmp, path).map_err(io(path))
}

impl ModelDir {
    /// Create (or reuse) a directory to write a model into.
    pub fn create(path: impl AsRef<Path>) -> Result<ModelDir> {
        let path = path.as_ref().to_path_buf();
        fs::create_dir_all(&path).map_err(io(&path))?;
        Ok(ModelDir { path })
    }

    /// What a model directory says about itself (any kind and version), e.g. to choose the
    /// loader for its kind.
    pub fn metadata(path: impl AsRef<Path>) -> Result<Metadata> {
        let path = path.as_ref();
        if !path.join(METADATA_FILE).is_file() {
            let problem = if path.is_dir() {
                format!("not an Arbor model directory: {METADATA_FILE} is missing")
            } else {
                "no such model directory".into()
            };
            return Err(Error::ModelDir { path: path.to_path_buf(), problem });
        }
        ModelDir { path: path.to_path_buf() }.read_json(METADATA_FILE)
    }

    /// Open a model directory of the given kind and format version, or say why not.
    pub fn open(path: impl AsRef<Path>, kind: &str, format_version: u32) -> Result<(ModelDir, Metadata)> {
        let meta = ModelDir::metadata(&path)?;
        let dir = ModelDir { path: path.as_ref().to_path_buf() };
        if meta.format != "arbor-model" || meta.kind != kind {
            return Err(Error::ModelDir {
                path: dir.path,
                problem: format!(
                    "holds a '{}' model of format '{}', expected an Arbor '{kind}' model",
                    meta.kind, meta.format
                ),
            });
        }
        if meta.format_version != format_version {
            return Err(Error::Version {
                path: dir.path,
                kind: meta.kind,
                found: meta.format_version,
                expected: format_version,
            });
        }
        Ok((dir, meta))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of a file in the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn write_metadata(&self, meta: &Metadata) -> Result<()> {
        self.write_json(METADATA_FILE, meta)
    }

    pub fn write_json<T: Serialize>(&self, name: &str, value: &T) -> Result<()> {
        let path = self.file(name);
        let mut bytes = serde_json::to_vec_pretty(value).map_err(|error| Error::Json { path: path.clone(), error })?;
        bytes.push(b'\n');
        write_atomic(&path, &bytes)
    }

    pub fn read_json<T: DeserializeOwned>(&self, name: &str) -> Result<T> {
        let path = self.file(name);
        let bytes = fs::read(&path).map_err(io(&path))?;
        serde_json::from_slice(&bytes).map_err(|error| Error::Json { path, error })
    }

    /// Save every variable of the store as `weights.safetensors`.
    pub fn save_weights(&self, vs: &VarStore) -> Result<()> {
        save_store_atomic(vs, &self.file(WEIGHTS_FILE))
    }

    /// Load `weights.safetensors` into a store whose variables were created by the model's
    /// constructor; a missing or mis-shaped variable is an error naming it.
    pub fn load_weights(&self, vs: &mut VarStore) -> Result<()> {
        let path = self.file(WEIGHTS_FILE);
        if !path.is_file() {
            return Err(Error::ModelDir { path: self.path.clone(), problem: format!("{WEIGHTS_FILE} is missing") });
        }
        vs.load(&path).map_err(|error| Error::Torch { path, error })
    }
}
