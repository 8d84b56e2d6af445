"""Arbor for Python: tokenize, tag, parse and lemmatize text with Arbor's models on libtorch.

    import arbor
    nlp = arbor.load()                     # the bundled English (UD EWT) pipeline
    doc = nlp("I saw a girl with a telescope. She waved.")
    for sentence in doc:
        for word in sentence:
            print(word.id, word.form, word.lemma, word.upos, word.head, word.deprel)
    print(doc.to_conllu())

    for doc in nlp.pipe(open("corpus.txt"), batch_size=64):   # streaming, one Doc per text
        ...

Every call that computes releases the GIL: Python threads parse side by side (call
``arbor.set_num_threads(1)`` first, as ``arbor parse`` runs one libtorch thread per worker).
Errors are ``arbor.ArborError`` with Arbor's message.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Iterable, Iterator, List, Optional, Sequence, Union

from ._arbor import (
    ArborError,
    Doc,
    LanguageModel,
    Pipeline,
    Sentence,
    Word,
    Word2Vec,
    __version__,
    bundled_model,
    from_conllu,
    get_num_threads,
    read_conllu as _read_conllu,
    evaluate_json as _evaluate_json,
    set_num_threads,
)

__all__ = [
    "ArborError",
    "Doc",
    "Language",
    "LanguageModel",
    "Sentence",
    "Word",
    "Word2Vec",
    "__version__",
    "bundled_model",
    "evaluate",
    "from_conllu",
    "get_num_threads",
    "load",
    "read_conllu",
    "set_num_threads",
    "to_spacy",
]

PathLike = Union[str, "os.PathLike[str]"]


class Language:
    """A loaded pipeline: call it on a text, or ``pipe`` many texts."""

    def __init__(self, pipeline: Pipeline, path: Optional[str]):
        self._pipeline = pipeline
        self.path = path

    def __call__(self, text: Union[str, Sequence[Sequence[str]]]) -> Doc:
        """Parse a text (paragraphs between blank lines), or sentences given as token lists."""
        if isinstance(text, str):
            return self._pipeline.parse_texts([text])[0]
        if isinstance(text, (list, tuple)):
            return self.parse_tokens(text)
        raise TypeError(f"expected a str or a list of token lists, got {type(text).__name__}")

    def parse_tokens(self, sentences: Sequence[Sequence[str]]) -> Doc:
        """Tag and parse pretokenized sentences (each a list of tokens); no tokenizer runs."""
        return self._pipeline.parse_tokens([list(s) for s in sentences])

    def parse_conllu(self, conllu: str) -> Doc:
        """Tag and parse the sentences of a CoNLL-U text, keeping its tokenization."""
        return self._pipeline.parse_conllu(conllu)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Parse texts lazily, ``batch_size`` texts per call (tokenized and parsed together);
        one Doc per text, in order. The iterable is read as the results are consumed."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        it = iter(texts)
        while True:
            batch = list(itertools.islice(it, batch_size))
            if not batch:
                return
            for i, t in enumerate(batch):
                if not isinstance(t, str):
                    raise TypeError(f"pipe takes str texts; item {i} of this batch is {type(t).__name__}")
            yield from self._pipeline.parse_texts(batch)

    def __repr__(self) -> str:
        return f"arbor.Language({self.path or 'bundled English EWT'!r})"


def load(
    path: Optional[PathLike] = None,
    *,
    tokenizer: Optional[PathLike] = None,
    lemmatizer: Optional[PathLike] = None,
    lemmas: bool = True,
    rules: bool = False,
    device: str = "cpu",
    batch_words: Optional[int] = None,
) -> Language:
    """Load a pipeline, as ``arbor parse`` does.

    path: None for the bundled English EWT models (found in ``$ARBOR_MODELS`` or the source
    checkout the package was built from), a pipeline directory (``arbor train pipeline``), or a
    parser directory (then the bundled tokenizer, and no lemmatizer unless given).
    tokenizer, lemmatizer: model directories that replace the pipeline's own.
    lemmas: False leaves LEMMA empty. rules: the rule tokenizer instead of the trained one.
    device: "cpu", "cuda", "cuda:N" or "auto". batch_words: words per parsing batch.
    """
    fs = lambda p: None if p is None else os.fspath(p)
    pipeline = Pipeline(
        fs(path),
        tokenizer=fs(tokenizer),
        lemmatizer=fs(lemmatizer),
        lemmas=lemmas,
        rules=rules,
        device=device,
        batch_words=batch_words,
    )
    return Language(pipeline, fs(path))


def read_conllu(path: PathLike) -> Doc:
    """Read a CoNLL-U file into a Doc (errors name the file, line and problem)."""
    return _read_conllu(os.fspath(path))


def _as_doc(x: Union[Doc, PathLike]) -> Doc:
    return x if isinstance(x, Doc) else read_conllu(x)


def evaluate(gold: Union[Doc, PathLike], system: Union[Doc, PathLike], *, multiple_roots_okay: bool = False) -> dict:
    """The CoNLL 2018 shared-task evaluation (the table ``arbor eval`` and ``udeval`` print) as
    a dict: metric name → {"precision", "recall", "f1", "aligned_accuracy", ...}."""
    return json.loads(_evaluate_json(_as_doc(gold), _as_doc(system), multiple_roots_okay))


def to_spacy(doc: Doc, vocab):
    """A spaCy ``Doc`` holding Arbor's words, sentences, heads, labels, tags and lemmas (needs
    spaCy: ``pip install spacy``). See ``arbor.spacy``."""
    from .spacy import to_spacy as convert

    return convert(doc, vocab)
