#!/usr/bin/env bash
# `arbor classify` beside fastText supervised and TF-IDF + logistic regression on the four
# sentiment sets of ../shared/data/sentiment (research use only: nothing trained on them is kept).
# Arbor: the defaults (BiLSTM 128 + attention pooling, Adam 1e-3, best epoch on dev), each seed
# its own run, with and (on the English sets) without word2vec initialisation from enwiki
# vectors; the peers choose their settings on dev (benches/classify_peers.py). Every system
# gets one thread. Prints one JSON line per run to $OUT (default classify-runs.jsonl) and a
# Markdown summary to stdout.
#
#   ARBOR_DATA=../shared/data benches/classify_vs_peers.sh [SEEDS (default "1 2 3")] [SETS]
#
# INITS="none w2v" (default: both on the English sets, none elsewhere) picks the Arbor runs, e.g.
# INITS=w2v to add the word2vec runs to an earlier $OUT.
#
# The vectors: $ARBOR_VECTORS, else made once with the command models/README.md records for
# the parser's vectors (skip-gram, 100 dims, 5 epochs on enwiki2015.raw.10M, tokenized and
# lowercased) into ~/.cache/arbor/enwiki-sg100.bin.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-1 2 3}"
sets="${2:-en-sentences-panglee en-reviews-panglee fr-reviews-amazon nl-reviews-bol}"
data="$(cd "${ARBOR_DATA:-$root/../shared/data}" && pwd)"
for set in $sets; do
    [ -f "$data/sentiment/$set-train.tsv" ] || { echo "error: no $data/sentiment/$set-train.tsv (set ARBOR_DATA)" >&2; exit 1; }
done
out="${OUT:-classify-runs.jsonl}"
. "$root/scripts/setup.sh"
python -c "import fasttext, sklearn" 2>/dev/null ||
    python -m pip install --quiet --disable-pip-version-check "fasttext==0.9.3" "scikit-learn==1.9.1"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
vectors="${ARBOR_VECTORS:-$HOME/.cache/arbor/enwiki-sg100.bin}"
if [ ! -f "$vectors" ]; then
    "$arbor" w2v train --corpus "$data/w2v/enwiki2015.raw.10M.txt" --out "$vectors" --tokenize --lowercase \
        --dim 100 --epochs 5 --seed 1 --max-vocab 100000 --threads 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for set in $sets; do
    d="$data/sentiment/$set"
    python "$root/benches/classify_peers.py" "$data/sentiment" "$set" $seeds | tee -a "$out"
    inits="none"
    case "$set" in en-*) inits="${INITS:-none w2v}" ;; esac
    for init in $inits; do
        extra=()
        [ "$init" = w2v ] && extra=(--embeddings "$vectors")
        for seed in $seeds; do
            start=$SECONDS
            "$arbor" classify train --train "$d-train.tsv" --dev "$d-dev.tsv" --out "$work/m" --force \
                --threads 1 --seed "$seed" "${extra[@]}" 2> "$work/log"
            seconds=$((SECONDS - start))
            "$arbor" classify eval --json --threads 1 --model "$work/m" "$d-test.tsv" > "$work/eval.json"
            python - "$set" "$init" "$seed" "$seconds" "$work/log" "$work/eval.json" "$d-train.tsv" <<'PY' | tee -a "$out"
import json, re, sys
name, init, seed, seconds, log, scores, train = sys.argv[1:]
epochs = re.findall(r"epoch +(\d+) \|.*?(\d+) texts/s.*?dev acc +([\d.]+)", open(log).read())
s = json.load(open(scores))
best = re.search(r"best dev accuracy ([\d.]+)%.*epoch (\d+)", open(log).read())
print(json.dumps({"set": name, "system": "arbor-" + init, "seed": int(seed), "test_accuracy": s["accuracy"],
                  "test_macro_f1": s["macro_f1"], "dev_accuracy": float(best.group(1)) / 100,
                  "best_epoch": int(best.group(2)), "epochs": len(epochs), "train_seconds": int(seconds),
                  "train_texts_per_s": sum(float(e[1]) for e in epochs) / max(len(epochs), 1),
                  "predict_texts_per_s": s["texts_per_second"]}))
PY
        done
    done
done

python - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
table = {}
for r in rows:
    if "fasttext" in r:
        for peer in ("fasttext", "tfidf_lr"):
            p = r[peer]
            table[(r["set"], peer)] = (p["test_accuracy"], p["train_texts_per_s"], p["train_seconds"], p["predict_texts_per_s"])
    else:
        acc = table.get((r["set"], r["system"]), ([],))[0] + [r["test_accuracy"]]
        table[(r["set"], r["system"])] = (acc, r["train_texts_per_s"], r["train_seconds"], r["predict_texts_per_s"])
print("| set | system | test accuracy (mean ± sd, %) | seeds | train texts/s | train s | predict texts/s |")
print("|---|---|---:|---|---:|---:|---:|")
for (name, system), (acc, tr, ts, pr) in sorted(table.items()):
    sd = statistics.stdev(acc) * 100 if len(acc) > 1 else 0.0
    each = " / ".join(f"{a * 100:.2f}" for a in acc)
    print(f"| {name} | {system} | {statistics.mean(acc) * 100:.2f} ± {sd:.2f} | {each} | {tr:.0f} | {ts:.1f} | {pr:.0f} |")
PY
