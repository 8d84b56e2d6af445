#!/usr/bin/env bash
# How `arbor classify`'s default pooling was chosen: each pooling (last, max, mean, attention)
# trained with the other defaults and word2vec initialisation on the English sentence polarity
# set, SEEDS each; the dev accuracy of the selected epoch (what model selection sees) and, for
# the record, test accuracy. Prints one line per run.
#
#   ARBOR_DATA=../shared/data ARBOR_VECTORS=enwiki-sg100.bin benches/classify_pooling.sh [SEEDS]
#
# POOLINGS (default "last max mean attention") picks the poolings to run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds="${1:-1 2 3}"
d="$(cd "${ARBOR_DATA:-$root/../shared/data}" && pwd)/sentiment/en-sentences-panglee"
vectors="${ARBOR_VECTORS:-$HOME/.cache/arbor/enwiki-sg100.bin}"
[ -f "$d-train.tsv" ] || { echo "error: no $d-train.tsv (set ARBOR_DATA)" >&2; exit 1; }
[ -f "$vectors" ] || { echo "error: no vectors at $vectors (see benches/classify_vs_peers.sh)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for pooling in ${POOLINGS:-last max mean attention}; do
    for seed in $seeds; do
        "$arbor" classify train --train "$d-train.tsv" --dev "$d-dev.tsv" --out "$work/m" --force --quiet \
            --threads 1 --seed "$seed" --pooling "$pooling" --embeddings "$vectors" 2> "$work/log"
        dev=$(grep -o 'best dev accuracy [0-9.]*%' "$work/log")
        test=$("$arbor" classify eval --model "$work/m" "$d-test.tsv" | grep '^accuracy')
        echo "pooling $pooling seed $seed | $dev | test $test"
    done
done
