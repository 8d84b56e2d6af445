#!/usr/bin/env python3
"""Run the UDPipe 1 peer: udpipe_run.py MODEL MODE INPUT OUTPUT

MODE: tokenize (raw text -> tokens and sentences), parse (gold-tokenized CoNLL-U -> tags and
trees), pipeline (raw text -> tokens, tags, trees). Prints the seconds spent in UDPipe's
process() call (the model load excluded) on stderr.
"""
import sys
import time

from ufal.udpipe import Model, Pipeline, ProcessingError


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    model_path, mode, src, dst = sys.argv[1:]
    model = Model.load(model_path)
    if model is None:
        sys.exit(f"cannot load {model_path}")
    if mode == "tokenize":
        pipe = Pipeline(model, "tokenize", Pipeline.NONE, Pipeline.NONE, "conllu")
    elif mode == "parse":
        pipe = Pipeline(model, "conllu", Pipeline.DEFAULT, Pipeline.DEFAULT, "conllu")
    elif mode == "pipeline":
        pipe = Pipeline(model, "tokenize", Pipeline.DEFAULT, Pipeline.DEFAULT, "conllu")
    else:
        sys.exit(f"unknown mode {mode}")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    error = ProcessingError()
    start = time.time()
    out = pipe.process(text, error)
    seconds = time.time() - start
    if error.occurred():
        sys.exit(f"udpipe: {error.message}")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(out)
    print(f"udpipe {mode}: {seconds:.2f} s in process()", file=sys.stderr)


if __name__ == "__main__":
    main()
