#!/usr/bin/env bash
# The Spark example job (crates/arbor-py/examples/spark_parse.py, local[2], one model per
# Python worker) beside the single-process CLI on the same documents: the first WORDS
# (default 100,000) whitespace words of enwiki raw text, one document per line. Checks that both
# give the same sentences (as sets: ids and offsets aside) and prints words/s of each.
#
#   ARBOR_DATA=../shared/data benches/spark_vs_cli.sh [WORDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
words="${1:-100000}"
corpus="$(cd "${ARBOR_DATA:-$root/../shared/data}" && pwd)/w2v/enwiki2015.raw.10M.txt"
[ -f "$corpus" ] || { echo "error: no $corpus (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
python -c "import arbor, pyspark" 2>/dev/null || { echo "error: run scripts/test-python first (arbor, pyspark)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
awk -v max="$words" '{ n += NF; print; if (n >= max) exit }' "$corpus" > "$work/docs.txt"
awk '{ print; print "" }' "$work/docs.txt" > "$work/paragraphs.txt"
for threads in 1 2; do
    "$root/target/release/arbor" parse --quiet --profile --threads "$threads" --file "$work/paragraphs.txt" \
        > "$work/cli.conllu" 2> "$work/cli.$threads.err"
done
cd "$root/crates/arbor-py/examples"
python - "$work" <<'PY'
import json, re, sys, time, pathlib
import spark_parse
work = pathlib.Path(sys.argv[1])
summary = spark_parse.main(["--master", "local[2]", "--input", str(work / "docs.txt"), "--output", str(work / "out"),
                            "--partitions", "2"])
spark = "".join(p.read_text() for p in sorted((work / "out").glob("part-*")))
cli = (work / "cli.conllu").read_text()
rate = lambda t: float(re.search(r"\((\d+) words, (\d+) words/s\)", (work / f"cli.{t}.err").read_text()).group(2))
same = spark_parse.sentence_set(spark) == spark_parse.sentence_set(cli)
print(json.dumps({"documents": summary["documents"], "words": summary["words"], "same_sentences_as_cli": same,
                  "spark_local2_words_per_s": summary["words_per_s"], "spark_seconds_incl_startup": summary["seconds"],
                  "cli_1_thread_words_per_s": rate(1), "cli_2_threads_words_per_s": rate(2),
                  "spark_over_cli_2_threads": round(summary["words_per_s"] / rate(2), 3),
                  "worker_processes": summary["worker_processes"], "model_loads": summary["model_loads"]}))
PY
