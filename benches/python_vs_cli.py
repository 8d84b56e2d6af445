"""Arbor's Python package beside the `arbor parse` CLI on the same text, same machine, same
moment: words/s of `nlp(text)` (one call, the whole text), of `nlp.pipe(paragraphs)`, of two
Python threads sharing one pipeline (each half of the paragraphs), and of the CLI, each with
the same libtorch threads. Also checks that the Python output equals the CLI's byte for byte.

    . scripts/setup.sh && scripts/install-python
    python benches/python_vs_cli.py TEXT_FILE [--threads 1] [--repeat 3]

TEXT_FILE e.g. EWT test as running text: python benches/ewt_raw_text.py \
    ../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu > ewt-test.txt
"""

import argparse
import json
import pathlib
import re
import subprocess
import threading
import time

import arbor

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("--threads", type=int, default=1, help="libtorch threads (the CLI: --threads)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = pathlib.Path(args.text).read_text()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    arbor.set_num_threads(args.threads)
    nlp = arbor.load()
    words = sum(len(s) for s in nlp(text))
    exe = ROOT / "target" / "release" / "arbor"
    cli_out = subprocess.run([str(exe), "parse", "--quiet", "--threads", str(args.threads), "--file", args.text],
                             capture_output=True, check=True).stdout.decode()
    identical = nlp(text).to_conllu() == cli_out

    def timed(f):
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            f()
            best = min(best, time.perf_counter() - t)
        return words / best

    def cli():
        err = subprocess.run([str(exe), "parse", "--quiet", "--profile", "--threads", str(args.threads), "--file", args.text],
                             capture_output=True, check=True).stderr.decode()
        # The CLI's own rate after loading (the models load once, as in Python).
        return float(re.search(r"\((\d+) words, (\d+) words/s\)", err).group(2))

    def two_threads():
        halves = [paragraphs[0::2], paragraphs[1::2]]
        ts = [threading.Thread(target=lambda h=h: list(nlp.pipe(h, batch_size=64))) for h in halves]
        [t.start() for t in ts]
        [t.join() for t in ts]

    rows = {}
    for round_ in range(args.repeat):  # interleaved, so that drift hits every system alike
        for name, f in [("cli", None), ("python nlp(text)", lambda: nlp(text)),
                        ("python pipe(paragraphs)", lambda: list(nlp.pipe(paragraphs, batch_size=64))),
                        ("python 2 threads x pipe", two_threads)]:
            if name == "cli":
                rate = cli()
            else:
                t = time.perf_counter()
                f()
                rate = words / (time.perf_counter() - t)
            rows[name] = max(rows.get(name, 0), rate)
    result = {"words": words, "paragraphs": len(paragraphs), "libtorch_threads": args.threads,
              "identical_to_cli": identical, "words_per_s": {k: round(v) for k, v in rows.items()},
              "ratio_to_cli": {k: round(v / rows["cli"], 3) for k, v in rows.items()}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
