"""The spaCy bridge: a converted Doc renders with displaCy and carries Arbor's analyses."""

import pytest

import arbor

spacy = pytest.importorskip("spacy", reason="the spaCy bridge needs spaCy (pip install spacy)")


def test_a_converted_doc_round_trips_heads_labels_tags_and_lemmas(nlp):
    doc = nlp("I saw a girl with a telescope. She didn't see me.")
    sdoc = arbor.to_spacy(doc, spacy.blank("en").vocab)
    words = doc.words
    assert [t.text for t in sdoc] == [w.form for w in words]
    assert [len(list(s)) for s in sdoc.sents] == [len(s) for s in doc]
    base = 0
    for sentence in doc:
        for w in sentence:
            t = sdoc[base + w.id - 1]
            head = t.head.i - base + 1 if t.head.i != t.i else 0
            assert (head, t.dep_, t.pos_, t.tag_, t.lemma_) == (w.head, w.deprel, w.upos, w.xpos, w.lemma)
            assert str(t.morph) == ("" if w.feats == "_" else w.feats)
        base += len(sentence)
    # The text comes back with its spacing, didn't included.
    assert sdoc.text == "I saw a girl with a telescope. She didn't see me. "[: len(sdoc.text)]
    assert "didn't" in sdoc.text


def test_displacy_renders_a_converted_doc(nlp):
    from spacy import displacy

    sdoc = arbor.to_spacy(nlp("She saw a dog."), spacy.blank("en").vocab)
    svg = displacy.render(sdoc, style="dep", jupyter=False)
    assert "<svg" in svg and "nsubj" in svg and "dog" in svg
