//! Where bundled models are found: `--model`, else `$ARBOR_MODELS/NAME`, else `models/NAME`
//! next to the repository the binary was built in (`target/<profile>/arbor` → `../../models`),
//! else `models/NAME` under the current directory.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

pub fn find(explicit: Option<&Path>, name: &str) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let mut tried = Vec::new();
    if let Some(dir) = std::env::var_os("ARBOR_MODELS") {
        tried.push(PathBuf::from(dir).join(name));
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(repo) = exe.parent().and_then(Path::parent).and_then(Path::parent) {
            tried.push(repo.join("models").join(name));
        }
    }
    tried.push(PathBuf::from("models").join(name));
    if let Some(found) = tried.iter().find(|p| p.is_dir()) {
        return Ok(found.clone());
    }
    let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
    bail!("no bundled model '{name}' found (looked in {}); pass --model DIR or set ARBOR_MODELS", list.join(", "))
}

/// The bundled tokenizer's name: the trained one (a stage of the bundled pipeline `en_ewt`), or
/// the rule-based one. (`arbor::pipeline_dir` names the same directories for the commands that
/// load a whole pipeline; this half of the CLI does not link it.)
pub fn default_tokenizer(rules: bool) -> &'static str {
    if rules {
        "en_ewt-rules"
    } else {
        "en_ewt/tokenizer"
    }
}

/// The bundled sequence-to-sequence model (English grapheme to phoneme, CMUdict).
pub const DEFAULT_SEQ2SEQ: &str = "en-g2p";
