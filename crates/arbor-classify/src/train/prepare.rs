//! What training starts from: the model directory's tokenizer, the texts as word ids, the
//! vocabulary and labels, and pretrained vectors copied into the embeddings.

use std::path::Path;

use tch::Tensor;

use super::spec::{Observer, TrainSpec};
use crate::config::{ClassifierConfig, Tokenization, TOKENIZER_DIR};
use crate::data::Example;
use crate::error::{Error, Result};
use crate::model::ClassifierNet;
use crate::text::{TextReader, Tokens};
use crate::vocab::{Labels, Words};

/// Copy the tokenizer directory `from` into the model directory `out` (its `checkpoint/`
/// left out), unless the run resumes with it already there.
pub(super) fn install_tokenizer(spec: &TrainSpec, out: &Path, resuming: bool) -> Result<()> {
    let target = out.join(TOKENIZER_DIR);
    match (spec.model.tokenization, &spec.tokenizer) {
        (Tokenization::Model, _) if resuming && target.is_dir() => Ok(()),
        (Tokenization::Model, Some(from)) => {
            arbor_core::ModelDir::metadata(from)?; // a model directory, or a clear error
            copy_dir(from, &target)
        }
        (Tokenization::Model, None) => Err(Error::Config("tokenization 'model' needs a tokenizer directory".into())),
        (_, Some(from)) => Err(Error::Config(format!(
            "a tokenizer directory ({}) was given, but the config's tokenization is '{:?}'",
            from.display(),
            spec.model.tokenization
        ))),
        _ => Ok(()),
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let io = |path: &Path, error| Error::from(arbor_core::Error::Io { path: path.to_path_buf(), error });
    std::fs::create_dir_all(to).map_err(|e| io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| io(from, e))? {
        let entry = entry.map_err(|e| io(from, e))?;
        let (source, name) = (entry.path(), entry.file_name());
        if name == "checkpoint" {
            continue;
        }
        if source.is_dir() {
            copy_dir(&source, &to.join(&name))?;
        } else {
            std::fs::copy(&source, to.join(&name)).map_err(|e| io(&source, e))?;
        }
    }
    Ok(())
}

/// The tokens of every example; a note on how many were cut to `max_tokens`.
pub(super) fn tokenize(
    reader: &TextReader,
    examples: &[Example],
    path: &Path,
    max_tokens: usize,
    observer: &mut dyn Observer,
) -> Vec<Tokens> {
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let tokens = reader.read_many(&texts);
    let cut = tokens.iter().filter(|t| t.cut_from.is_some()).count();
    if cut > 0 {
        observer.message(&format!("{}: {cut} texts longer than {max_tokens} tokens were cut", path.display()));
    }
    tokens
}

/// The class of every example; a label the training data does not have is an error.
pub(super) fn gold(labels: &Labels, examples: &[Example], path: &Path) -> Result<Vec<usize>> {
    examples
        .iter()
        .map(|e| {
            labels.id(&e.label).ok_or_else(|| Error::Line {
                path: path.into(),
                line: e.line,
                problem: format!(
                    "label '{}' is not among the training labels ({})",
                    e.label,
                    labels.names().join(", ")
                ),
            })
        })
        .collect()
}

/// The vocabulary of the training tokens, plus the first pretrained words.
pub(super) fn words(tokens: &[Tokens], spec: &TrainSpec, vectors: Option<&arbor_word2vec::Embeddings>) -> Words {
    let mut words =
        Words::from_counts(tokens.iter().flat_map(|t| t.tokens.iter().map(String::as_str)), spec.config.min_count);
    if let Some(e) = vectors {
        for w in e.words().iter().take(spec.config.pretrained_words) {
            words.add(&if spec.model.lowercase { w.to_lowercase() } else { w.clone() });
        }
    }
    words
}

/// Read the vectors of `path`, whose width must be the model's embedding width.
pub(super) fn read_vectors(path: &Path, model: &ClassifierConfig) -> Result<arbor_word2vec::Embeddings> {
    let e = arbor_word2vec::read_vectors(path)?;
    if e.dim() as i64 != model.embedding {
        return Err(Error::Data {
            path: path.into(),
            problem: format!(
                "the vectors have {} dimensions, the model's embeddings {}: give --embedding {}",
                e.dim(),
                model.embedding,
                e.dim()
            ),
        });
    }
    Ok(e)
}

/// Copy the vectors of the words they know into the embeddings (scaled to unit variance, like
/// the random rows); returns how many words got one.
pub(super) fn init_embeddings(net: &mut ClassifierNet, words: &Words, e: &arbor_word2vec::Embeddings) -> usize {
    let (mut rows, mut data) = (Vec::new(), Vec::new());
    for id in 0..words.len() as i64 {
        if let Some(v) = words.word(id).and_then(|w| e.vector(w)) {
            rows.push(id);
            data.extend_from_slice(v);
        }
    }
    if rows.is_empty() {
        return 0;
    }
    let vectors = Tensor::from_slice(&data).view([rows.len() as i64, e.dim() as i64]); // [rows, dim]
    let vectors = &vectors / vectors.std(false).clamp_min(1e-6);
    net.init_embeddings(&rows, &vectors);
    rows.len()
}
