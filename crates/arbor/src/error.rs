//! The crate's one error type.

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Parser(#[from] arbor_parser::Error),
    #[error(transparent)]
    Tokenizer(#[from] arbor_segment::Error),
    #[error(transparent)]
    Text(#[from] arbor_text::Error),
    #[error(transparent)]
    Conllu(#[from] arbor_conllu::Error),
    #[error(transparent)]
    Lemmatizer(#[from] arbor_lemma::Error),
    #[error(transparent)]
    Model(#[from] arbor_nn::Error),
    /// Reading input or a model directory.
    #[error(transparent)]
    Core(#[from] arbor_core::Error),
    /// The consumer of a stream failed (e.g. writing the output).
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
    /// A bundled model not found: the message names the places looked in.
    #[error("{0}")]
    Bundled(String),
    #[error("this pipeline has no tokenizer: it takes tokenized sentences or CoNLL-U only")]
    NoTokenizer,
}
