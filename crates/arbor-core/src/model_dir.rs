//! A model directory holds everything needed to load a model by itself:
//! `metadata.json` (kind and format version), `config.json` (the model's own config struct,
//! with `#[serde(deny_unknown_fields)]`), vocabularies, and `weights.safetensors` (written and
//! read by `arbor-nn`). Files are written atomically (a temporary file, then a rename), so an
//! interrupted save never damages the model that was there.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::{Error, Result};

pub const METADATA_FILE: &str = "metadata.json";

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

/// Write `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
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

    /// The directory a trainer writes its model (and `checkpoint/`) into. One that already holds
    /// a model or a checkpoint is refused, so that no run damages a model by accident: `resume`
    /// continues that run, `force` replaces what is there.
    pub fn create_for_training(path: impl AsRef<Path>, resume: bool, force: bool) -> Result<ModelDir> {
        let path = path.as_ref();
        let holds = [METADATA_FILE, "checkpoint"].iter().find(|f| path.join(f).exists());
        if let (Some(what), false, false) = (holds, resume, force) {
            let what = if *what == METADATA_FILE { "a model" } else { "a training checkpoint" };
            return Err(Error::ModelDir {
                path: path.to_path_buf(),
                problem: format!(
                    "already holds {what}; pass --force to replace it, --resume to continue its training, \
                     or choose another --out"
                ),
            });
        }
        ModelDir::create(path)
    }

    /// What a model directory says about itself (any kind and version), e.g. to choose the
    /// loader for its kind.
    pub fn metadata(path: impl AsRef<Path>) -> Result<Metadata> {
        let path = path.as_ref();
        if !path.join(METADATA_FILE).is_file() {
            let problem = if path.is_dir() {
                format!("not an Arbor model directory: {METADATA_FILE} is missing")
            } else if path.exists() {
                "a file, not a model directory: give the directory that holds metadata.json".into()
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

    /// Read a config file and run its `check` (the one a trainer runs on its settings), so that a
    /// model file with impossible values (0 layers, a dropout of 2) is refused before any model
    /// is built from it.
    pub fn read_config<T: DeserializeOwned>(&self, name: &str, check: impl Fn(&T) -> Result<(), String>) -> Result<T> {
        let config: T = self.read_json(name)?;
        check(&config)
            .map_err(|problem| Error::ModelDir { path: self.path.clone(), problem: format!("{name}: {problem}") })?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_opens_only_as_its_own_kind_and_version() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = ModelDir::create(tmp.path().join("m")).unwrap();
        let mut meta = Metadata::new("lexicon", 2);
        meta.command = Some("arbor train".into());
        dir.write_metadata(&meta).unwrap();
        dir.write_json("config.json", &vec![1, 2]).unwrap();
        let (opened, back) = ModelDir::open(dir.path(), "lexicon", 2).unwrap();
        assert_eq!(back, meta);
        assert_eq!(opened.read_json::<Vec<i32>>("config.json").unwrap(), [1, 2]);
        let positive =
            |v: &Vec<i32>| if v.iter().all(|&x| x > 1) { Ok(()) } else { Err("values must exceed 1".into()) };
        let e = opened.read_config::<Vec<i32>>("config.json", positive).unwrap_err().to_string();
        assert!(e.contains("config.json: values must exceed 1"), "{e}");
        let e = ModelDir::open(dir.path(), "parser", 2).unwrap_err().to_string();
        assert!(e.contains("holds a 'lexicon' model") && e.contains("expected an Arbor 'parser' model"), "{e}");
        let e = ModelDir::open(dir.path(), "lexicon", 3).unwrap_err().to_string();
        assert!(e.contains("format version 2") && e.contains("reads version 3"), "{e}");
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn training_never_replaces_a_model_by_accident() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("m");
        ModelDir::create_for_training(&path, false, false).unwrap().write_metadata(&Metadata::new("x", 1)).unwrap();
        let e = ModelDir::create_for_training(&path, false, false).unwrap_err().to_string();
        assert!(e.contains("already holds a model") && e.contains("--force"), "{e}");
        assert!(ModelDir::create_for_training(&path, true, false).is_ok());
        assert!(ModelDir::create_for_training(&path, false, true).is_ok());
        assert_eq!(ModelDir::metadata(&path).unwrap().kind, "x", "nothing was touched");
    }

    #[test]
    fn missing_and_broken_directories_say_what_is_wrong() {
        let tmp = tempfile::tempdir().unwrap();
        let e = ModelDir::metadata(tmp.path().join("nope")).unwrap_err().to_string();
        assert!(e.contains("no such model directory"), "{e}");
        let e = ModelDir::metadata(tmp.path()).unwrap_err().to_string();
        assert!(e.contains("metadata.json is missing"), "{e}");
        std::fs::write(tmp.path().join("weights.bin"), "x").unwrap();
        let e = ModelDir::metadata(tmp.path().join("weights.bin")).unwrap_err().to_string();
        assert!(e.contains("a file, not a model directory"), "{e}");
        std::fs::write(tmp.path().join(METADATA_FILE), "{\"format\": 1").unwrap();
        let e = ModelDir::metadata(tmp.path()).unwrap_err().to_string();
        assert!(e.contains("metadata.json: invalid JSON"), "{e}");
    }
}
