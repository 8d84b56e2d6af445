"""Peers of `arbor classify` on a labelled set (label<TAB>text; train/dev/test): fastText
supervised and TF-IDF + logistic regression (scikit-learn). Each peer's settings are chosen on
dev from a small grid (as Arbor selects its epoch on dev), then it is trained with each seed and
scored on test. Prints one JSON object: test accuracy per seed, the chosen settings, training
texts per second (passes over the data counted: fastText's epochs) and seconds in all, and
prediction texts per second (one thread each).

usage: python benches/classify_peers.py DATA_DIR SET [SEEDS...]
"""
import itertools
import json
import os
import sys
import tempfile
import time

import fasttext
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def read(path):
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            labels.append(label)
            texts.append(text)
    return labels, texts


def ft_text(text):
    # fastText reads one example a line, whitespace-separated; lowercased like Arbor's default.
    return " ".join(text.lower().split())


def fasttext_run(train, texts, seed, epoch, lr, ngrams):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for label, text in zip(*train):
            f.write(f"__label__{label} {ft_text(text)}\n")
    start = time.perf_counter()
    model = fasttext.train_supervised(f.name, epoch=epoch, lr=lr, wordNgrams=ngrams, dim=100, seed=seed,
                                      thread=1, verbose=0, minCount=1)
    train_s = time.perf_counter() - start
    os.unlink(f.name)
    start = time.perf_counter()
    # model.predict breaks on numpy 2 (fasttext 0.9.3); the binding's own predict does not.
    predicted = [model.f.predict(ft_text(t) + "\n", 1, 0.0, "strict")[0][1][len("__label__"):] for t in texts]
    predict_s = time.perf_counter() - start
    return predicted, train_s, predict_s


def lr_run(train, texts, c):
    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    model = LogisticRegression(C=c, max_iter=5000).fit(vectorizer.fit_transform(train[1]), train[0])
    train_s = time.perf_counter() - start
    start = time.perf_counter()
    predicted = list(model.predict(vectorizer.transform(texts)))
    return predicted, train_s, time.perf_counter() - start


def accuracy(gold, predicted):
    return float(np.mean(np.array(gold) == np.array(predicted)))


def main():
    data, name = sys.argv[1], sys.argv[2]
    seeds = [int(s) for s in sys.argv[3:]] or [1, 2, 3]
    train, dev, test = (read(os.path.join(data, f"{name}-{part}.tsv")) for part in ("train", "dev", "test"))
    out = {"set": name, "train": len(train[0]), "test": len(test[0])}

    grid = list(itertools.product([5, 10, 25, 50], [0.1, 0.5, 1.0], [1, 2]))

    def dev_score(g):
        try:
            return accuracy(dev[0], fasttext_run(train, dev[1], seeds[0], *g)[0])
        except RuntimeError:  # fastText diverges ("Encountered NaN") at some learning rates
            return -1.0

    best = max(grid, key=dev_score)
    runs = [fasttext_run(train, test[1], seed, *best) for seed in seeds]
    out["fasttext"] = {
        "settings": {"epoch": best[0], "lr": best[1], "wordNgrams": best[2]},
        "test_accuracy": [accuracy(test[0], r[0]) for r in runs],
        # Texts a second through training, epochs counted (as Arbor reports it), and in all.
        "train_texts_per_s": len(train[0]) * best[0] / np.mean([r[1] for r in runs]),
        "train_seconds": float(np.mean([r[1] for r in runs])),
        "predict_texts_per_s": len(test[0]) / np.mean([r[2] for r in runs]),
    }

    c = max([0.3, 1, 3, 10, 30, 100], key=lambda c: accuracy(dev[0], lr_run(train, dev[1], c)[0]))
    # The solver is deterministic: every seed gives the same model.
    run = lr_run(train, test[1], c)
    out["tfidf_lr"] = {
        "settings": {"C": c},
        "test_accuracy": [accuracy(test[0], run[0])] * len(seeds),
        "train_texts_per_s": len(train[0]) / run[1],
        "train_seconds": run[1],
        "predict_texts_per_s": len(test[0]) / run[2],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
