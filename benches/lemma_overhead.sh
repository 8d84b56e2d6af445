#!/usr/bin/env bash
# What the lemmatizer costs `arbor parse`: the same input parsed with and without lemmas
# (--no-lemmas), runs alternating so that a change of machine load hits both alike; prints the
# median wall time of each and their ratio. Input: EWT test as raw text and as gold-tokenized
# CoNLL-U.
#
#   ARBOR_DATA=../shared/data benches/lemma_overhead.sh [RUNS]      (default 7 runs of each)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
gold="$data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
runs="${1:-7}"
[ -f "$gold" ] || { echo "error: no $gold (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python "$root/benches/ewt_raw_text.py" "$gold" > "$work/test.txt"
echo "EWT test; $runs alternating runs of each; $(nproc) cores; $(date -u +%F)"
for input in text conllu; do
    file="$work/test.txt"; [ "$input" = conllu ] && file="$gold"
    : > "$work/on"; : > "$work/off"
    for _ in $(seq "$runs"); do
        for mode in on off; do
            flag=""; [ "$mode" = off ] && flag="--no-lemmas"
            t0=$(date +%s.%N)
            "$arbor" parse --quiet --threads 1 --input "$input" $flag --file "$file" > /dev/null
            t1=$(date +%s.%N)
            echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$work/$mode"
        done
    done
    python - "$input" "$work/on" "$work/off" <<'PY'
import statistics, sys
on = statistics.median(float(x) for x in open(sys.argv[2]))
off = statistics.median(float(x) for x in open(sys.argv[3]))
print(f"--input {sys.argv[1]}: with lemmas {on:.2f} s, without {off:.2f} s, ratio {on / off:.3f}")
PY
done
