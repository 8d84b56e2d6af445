#!/usr/bin/env python3
"""Train the UDPipe 1 peer (tokenizer, tagger, parser) on a CoNLL-U training file.

Usage: udpipe_train.py TRAIN DEV OUT.udpipe [TOKENIZER_OPTS TAGGER_OPTS PARSER_OPTS]

The peer of Arbor's tokenizer/parser/pipeline benchmarks (`pip install ufal.udpipe`). The
options default to shortened schedules (UDPipe's own defaults train for hours on this 2-core
machine); BENCHMARKS.md records the ones used.
"""
import sys
import time

from ufal.udpipe import InputFormat, ProcessingError, Sentence, Sentences, Trainer


def read(path: str) -> Sentences:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    reader = InputFormat.newConlluInputFormat()
    reader.setText(text)
    out, error = Sentences(), ProcessingError()
    while True:
        s = Sentence()
        if not reader.nextSentence(s, error):
            break
        out.append(s)
    if error.occurred():
        sys.exit(f"{path}: {error.message}")
    return out


def main() -> None:
    if len(sys.argv) not in (4, 7):
        sys.exit(__doc__)
    train, dev, out = sys.argv[1:4]
    tok, tag, par = (sys.argv[4:7] if len(sys.argv) == 7 else
                     ("epochs=5",
                      "iterations=2",
                      "iterations=2"))
    train_text, dev_text = read(train), read(dev)
    start = time.time()
    error = ProcessingError()
    model = Trainer.train("morphodita_parsito", train_text, dev_text, tok, tag, par, error)
    if error.occurred():
        sys.exit(f"udpipe training failed: {error.message}")
    with open(out, "wb") as f:
        f.write(model.encode("utf-8", "surrogateescape") if isinstance(model, str) else model)
    print(f"trained in {time.time() - start:.0f} s: tokenizer '{tok}', tagger '{tag}', parser '{par}'")


if __name__ == "__main__":
    main()
