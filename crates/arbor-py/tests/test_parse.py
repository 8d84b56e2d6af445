"""The pipeline: parsing, streaming, pretokenized input, offsets, equality with `arbor parse`."""

import threading
import time

import pytest

import arbor
from conftest import ROOT, data_path

TEXT = "I saw a girl with a telescope. She didn't see me.\n\nA second paragraph."


def test_a_text_gives_sentences_of_analysed_words(nlp):
    doc = nlp(TEXT)
    assert [s.text for s in doc] == ["I saw a girl with a telescope.", "She didn't see me.", "A second paragraph."]
    saw = doc.sentences[0][1]
    assert (saw.form, saw.lemma, saw.upos, saw.head, saw.deprel) == ("saw", "see", "VERB", 0, "root")
    for sentence in doc:
        assert sum(w.head == 0 for w in sentence) == 1
        assert all(w.head is not None and 0 <= w.head <= len(sentence) for w in sentence)
    # didn't: one token, two words, each pointing at the token's characters.
    she = doc.sentences[1]
    assert she.multiword_tokens == [(2, 3, "didn't")]
    assert [(w.form, w.lemma) for w in she][1:3] == [("did", "do"), ("n't", "not")]


def test_offsets_point_into_the_text(nlp):
    doc = nlp(TEXT)
    words = doc.words
    assert len(words) == sum(len(s) for s in doc)
    for w in words:
        assert w.start is not None and w.end is not None
        span = TEXT[w.start:w.end]
        assert span == w.form or span == "didn't", (w, span)
    assert doc.sentences[1][1].space_after is False  # inside didn't
    assert doc.sentences[0][6].space_after is False  # telescope.


def test_doc_conllu_equals_arbor_parse(nlp, cli):
    text = (ROOT / "corpora" / "sample.txt").read_text()
    assert nlp(text).to_conllu() == cli("parse", "--quiet", "--file", str(ROOT / "corpora" / "sample.txt"))


def test_doc_conllu_equals_arbor_parse_on_ewt_test(nlp, cli, tmp_path):
    gold = data_path("ud/UD_English-EWT/en_ewt-ud-test.conllu")
    raw = tmp_path / "test.txt"
    raw.write_text(cli_raw_text(gold))
    expected = cli("parse", "--quiet", "--file", str(raw))
    assert nlp(raw.read_text()).to_conllu() == expected


def cli_raw_text(gold):
    """EWT test as running text: each document's paragraphs, as benches/ewt_raw_text.py makes it."""
    import runpy
    import io
    import contextlib
    import sys

    out = io.StringIO()
    argv = sys.argv
    try:
        sys.argv = ["ewt_raw_text.py", str(gold)]
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(ROOT / "benches" / "ewt_raw_text.py"), run_name="__main__")
    finally:
        sys.argv = argv
    return out.getvalue()


def test_pipe_streams_one_doc_per_text_in_order(nlp):
    texts = ["First text. Two sentences.", "", "Third text here.", "Fourth."] * 5
    consumed = []

    def source():
        for t in texts:
            consumed.append(t)
            yield t

    stream = nlp.pipe(source(), batch_size=4)
    first = next(stream)
    assert len(consumed) == 4  # lazily: one batch read, not the whole input
    docs = [first, *stream]
    assert len(docs) == len(texts)
    for t, d in zip(texts, docs):
        assert d.text == t
        assert d.to_conllu() == nlp(t).to_conllu()
    assert len(docs[1]) == 0


def test_pipe_rejects_bad_arguments(nlp):
    with pytest.raises(ValueError):
        list(nlp.pipe(["x"], batch_size=0))
    with pytest.raises(TypeError):
        list(nlp.pipe(["fine", 3]))


def test_pretokenized_sentences_keep_their_tokens(nlp):
    doc = nlp([["New", "York", "is", "big", "."], ["Hi", "!"]])
    assert [[w.form for w in s] for s in doc] == [["New", "York", "is", "big", "."], ["Hi", "!"]]
    assert [s.sent_id for s in doc] == ["1", "2"]
    assert doc.sentences[0][3].upos == "ADJ"
    assert all(sum(w.head == 0 for w in s) == 1 for s in doc)
    assert doc.text is None


def test_pretokenized_input_errors(nlp):
    with pytest.raises(arbor.ArborError, match="sentence 2 has no tokens"):
        nlp([["a"], []])
    with pytest.raises(arbor.ArborError, match="whitespace"):
        nlp([["two words"]])
    with pytest.raises(TypeError):
        nlp(42)


def test_conllu_input_is_retagged_and_reparsed(nlp):
    doc = nlp.parse_conllu((ROOT / "corpora" / "sample.conllu").read_text())
    gold = arbor.read_conllu(ROOT / "corpora" / "sample.conllu")
    assert [[w.form for w in s] for s in doc] == [[w.form for w in s] for s in gold]
    assert all(w.upos != "_" for w in doc.words)


def test_the_gil_is_released_while_parsing(nlp):
    """While one thread parses, another runs Python code: were the GIL held for the whole
    call, the counter could not move until the parse returned."""
    text = TEXT * 200
    done = threading.Event()
    ticks_during = []

    def parse():
        nlp(text)
        done.set()

    worker = threading.Thread(target=parse)
    ticks = 0
    worker.start()
    time.sleep(0.05)
    while not done.is_set():
        ticks += 1
        if ticks % 1000 == 0:
            ticks_during.append(done.is_set())
    worker.join()
    assert sum(1 for d in ticks_during if not d) > 10, "the main thread did not run while parsing"


def test_two_threads_share_one_pipeline_and_agree(nlp):
    texts = [f"Sentence number {i} is here. And another one." for i in range(40)]
    expected = [nlp(t).to_conllu() for t in texts]
    results = [None] * len(texts)

    def work(k):
        for i in range(k, len(texts), 2):
            results[i] = nlp(texts[i]).to_conllu()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_a_parser_directory_loads_with_the_bundled_tokenizer_and_no_lemmatizer():
    nlp = arbor.load(ROOT / "models" / "en_ewt/parser")
    doc = nlp("She waved.")
    assert [w.form for w in doc.words] == ["She", "waved", "."]
    assert all(w.lemma == "_" for w in doc.words)
    assert arbor.load(ROOT / "models" / "en_ewt/parser", lemmatizer=ROOT / "models" / "en_ewt/lemmatizer")("She waved.").words[1].lemma == "wave"
    rules = arbor.load(rules=True, lemmas=False)
    assert [w.form for w in rules("Don't go.").words][:2] == ["Do", "n't"]
    assert all(w.lemma == "_" for w in rules("Don't go.").words)
