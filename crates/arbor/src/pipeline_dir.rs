//! One model directory per language: a `pipeline` directory holds a tokenizer, a parser and
//! (when the treebank had lemmas) a lemmatizer, each a model directory of its own, and
//! `metadata.json` (kind `pipeline`) with the command that trained them and every stage's dev
//! scores. `arbor train pipeline` writes one; [`Pipeline::open`] loads one.

use std::path::{Path, PathBuf};

use arbor_core::ModelDir;
use arbor_lemma::Lemmatizer;
use arbor_parser::Parser;
use arbor_text::InputMode;
use tch::Device;

use crate::error::Result;
use crate::pipeline::Pipeline;

/// The kind of a pipeline model directory.
pub const KIND: &str = "pipeline";
pub const FORMAT_VERSION: u32 = 1;
/// The stages' subdirectories.
pub const TOKENIZER_DIR: &str = "tokenizer";
pub const PARSER_DIR: &str = "parser";
pub const LEMMATIZER_DIR: &str = "lemmatizer";

/// The bundled English pipeline (UD English EWT), a pipeline directory under `models/`.
pub const BUNDLED: &str = "en_ewt";
/// The bundled rule-based tokenizer's lexicon (English), under `models/`.
pub const BUNDLED_RULES: &str = "en_ewt-rules";

/// Whether `dir` is a pipeline directory (and not a single model).
pub fn is_pipeline_dir(dir: &Path) -> bool {
    ModelDir::metadata(dir).is_ok_and(|m| m.kind == KIND)
}

/// The stage directories of a pipeline directory (its kind and format version checked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    pub tokenizer: PathBuf,
    pub parser: PathBuf,
    /// Absent when the treebank had no lemmas.
    pub lemmatizer: Option<PathBuf>,
}

/// Open a pipeline directory and name its stages' directories.
pub fn parts(dir: impl AsRef<Path>) -> Result<Parts> {
    let (dir, _meta) = ModelDir::open(dir, KIND, FORMAT_VERSION)?;
    let lemmatizer = Some(dir.file(LEMMATIZER_DIR)).filter(|d| d.exists());
    Ok(Parts { tokenizer: dir.file(TOKENIZER_DIR), parser: dir.file(PARSER_DIR), lemmatizer })
}

/// Which model directories a run uses, from what its caller asked for. Explicit directories
/// win; then a pipeline directory's own stages; a bare parser directory takes the bundled
/// pipeline's tokenizer (and no lemmatizer); `model: None` is the bundled pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// A pipeline directory or a parser directory.
    pub model: Option<PathBuf>,
    pub tokenizer: Option<PathBuf>,
    pub lemmatizer: Option<PathBuf>,
    /// The rule-based tokenizer: the bundled lexicon unless `tokenizer` names one.
    pub rules: bool,
    /// Leave LEMMA empty even when a lemmatizer is at hand.
    pub no_lemmas: bool,
    /// The input is running text (CoNLL-U input needs no tokenizer).
    pub tokenize: bool,
}

/// The directories chosen for a [`Request`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub parser: PathBuf,
    /// `None` when the request does not tokenize.
    pub tokenizer: Option<PathBuf>,
    pub lemmatizer: Option<PathBuf>,
}

impl Request {
    /// Choose the directories; `bundled(name)` finds a bundled model by name (the CLI and the
    /// Python package each know where theirs are).
    pub fn choose(&self, bundled: impl Fn(&str) -> Result<PathBuf>) -> Result<Chosen> {
        let model = match &self.model {
            Some(dir) => dir.clone(),
            None => bundled(BUNDLED)?,
        };
        let (parser, own_tokenizer, own_lemmatizer) = if is_pipeline_dir(&model) {
            let parts = parts(&model)?;
            (parts.parser, Some(parts.tokenizer), parts.lemmatizer)
        } else {
            (model, None, None)
        };
        let tokenizer = match (&self.tokenizer, own_tokenizer) {
            _ if !self.tokenize => None,
            (Some(dir), _) => Some(dir.clone()),
            (None, _) if self.rules => Some(bundled(BUNDLED_RULES)?),
            (None, Some(dir)) => Some(dir),
            (None, None) => Some(parts(bundled(BUNDLED)?)?.tokenizer),
        };
        let lemmatizer = if self.no_lemmas { None } else { self.lemmatizer.clone().or(own_lemmatizer) };
        Ok(Chosen { parser, tokenizer, lemmatizer })
    }
}

impl Pipeline {
    /// Load a pipeline directory (`arbor train pipeline`): its tokenizer for running text, its
    /// parser, and its lemmatizer when it has one.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en_ewt");
    /// let pipeline = arbor::Pipeline::open(dir, arbor::text::InputMode::Raw, tch::Device::Cpu)?;
    /// let sentences = pipeline.parse_text("The children were playing outside.")?;
    /// let lemmas: Vec<&str> = sentences[0].words.iter().map(|w| w.lemma.as_str()).collect();
    /// assert_eq!(lemmas, ["the", "child", "be", "play", "outside", "."]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn open(dir: impl AsRef<Path>, mode: InputMode, device: Device) -> Result<Pipeline> {
        let parts = parts(dir)?;
        let tokenizer = crate::load_tokenizer(&parts.tokenizer, mode, device)?;
        let mut pipeline = Pipeline::new(tokenizer, Parser::load(&parts.parser, device)?);
        if let Some(lemmatizer) = parts.lemmatizer {
            pipeline = pipeline.with_lemmatizer(Lemmatizer::load(lemmatizer)?);
        }
        Ok(pipeline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbor_core::Metadata;

    /// A directory `models/` with a pipeline `en_ewt` (all three stages), the rules lexicon, and
    /// a bare parser directory `other`; only metadata, which is all `choose` reads.
    fn bundle() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let model = |dir: PathBuf, kind: &str| {
            ModelDir::create(dir).unwrap().write_metadata(&Metadata::new(kind, 1)).unwrap();
        };
        let en = root.path().join(BUNDLED);
        model(en.clone(), KIND);
        model(en.join(TOKENIZER_DIR), "tokenizer");
        model(en.join(PARSER_DIR), "parser");
        model(en.join(LEMMATIZER_DIR), "lemmatizer");
        model(root.path().join(BUNDLED_RULES), "rules-tokenizer");
        model(root.path().join("other"), "parser");
        root
    }

    fn choose(root: &Path, request: Request) -> Chosen {
        request.choose(|name| Ok(root.join(name))).unwrap()
    }

    #[test]
    fn the_bundled_pipeline_gives_every_stage_and_flags_replace_one() {
        let root = bundle();
        let (r, en) = (root.path(), root.path().join(BUNDLED));
        let text = Request { tokenize: true, ..Request::default() };
        let all = choose(r, text.clone());
        assert_eq!(all.parser, en.join(PARSER_DIR));
        assert_eq!(all.tokenizer, Some(en.join(TOKENIZER_DIR)));
        assert_eq!(all.lemmatizer, Some(en.join(LEMMATIZER_DIR)));
        let rules = choose(r, Request { rules: true, ..text.clone() });
        assert_eq!(rules.tokenizer, Some(r.join(BUNDLED_RULES)));
        let mine = choose(r, Request { tokenizer: Some("mine".into()), rules: true, ..text.clone() });
        assert_eq!(mine.tokenizer, Some(PathBuf::from("mine")));
        assert_eq!(choose(r, Request { no_lemmas: true, ..text.clone() }).lemmatizer, None);
        assert_eq!(choose(r, Request::default()).tokenizer, None, "CoNLL-U input needs no tokenizer");
    }

    #[test]
    fn a_parser_directory_takes_the_bundled_tokenizer_and_no_lemmatizer_unless_given_one() {
        let root = bundle();
        let r = root.path();
        let request = Request { model: Some(r.join("other")), tokenize: true, ..Request::default() };
        let chosen = choose(r, request.clone());
        assert_eq!(chosen.parser, r.join("other"));
        assert_eq!(chosen.tokenizer, Some(r.join(BUNDLED).join(TOKENIZER_DIR)));
        assert_eq!(chosen.lemmatizer, None);
        let with = choose(r, Request { lemmatizer: Some("lem".into()), ..request });
        assert_eq!(with.lemmatizer, Some(PathBuf::from("lem")));
    }

    #[test]
    fn a_missing_bundle_is_an_error_naming_it() {
        let e = Request::default().choose(|name| Err(crate::Error::Bundled(format!("no {name}")))).unwrap_err();
        assert_eq!(e.to_string(), "no en_ewt");
    }
}
