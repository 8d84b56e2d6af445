#!/usr/bin/env bash
# Side by side: `arbor lm train` and PyTorch's word_language_model example (pytorch/examples),
# same config (2x200 LSTM, bptt 35, batch 20, dropout 0.2, lr 20, clip 0.25, SGD annealed /4),
# same data, same libtorch (the PyTorch 2.11.0 wheel), default threads, run one after the
# other on this machine. Prints a Markdown table for BENCHMARKS.md.
#
#   PEER_DIR=/path/to/pytorch-examples/word_language_model benches/lm_vs_pytorch.sh [EPOCHS] [CORPUS]
#
# CORPUS: ptb (default) or wikitext-2, read from $ARBOR_DATA/lm (default ../shared/data).
# ARBOR_ARGS adds options to `arbor lm train` (e.g. "--precision bf16").
# ORDER=arbor-first runs Arbor before the peer (default: the peer first); alternate the two
# across runs, the machine's speed drifts.
# PEER_DIR must hold the example's main.py, model.py and data.py (a checkout of
# https://github.com/pytorch/examples; not part of Arbor).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-1}"
corpus="${2:-ptb}"
data="${ARBOR_DATA:-$root/../shared/data}"
[ -f "${PEER_DIR:-}/main.py" ] || { echo "error: set PEER_DIR to pytorch/examples' word_language_model folder" >&2; exit 1; }
case "$corpus" in
    ptb) src="$data/lm/ptb"; tr="$src/ptb.train.txt"; va="$src/ptb.valid.txt"; te="$src/ptb.test.txt" ;;
    wikitext-2) src="$data/lm/wikitext-2"; tr="$src/wiki.train.tokens"; va="$src/wiki.valid.tokens"; te="$src/wiki.test.tokens" ;;
    *) echo "error: unknown corpus $corpus" >&2; exit 1 ;;
esac
[ -f "$tr" ] || { echo "error: no $tr (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
cp "$tr" "$work/data/train.txt"; cp "$va" "$work/data/valid.txt"; cp "$te" "$work/data/test.txt"
common=(--emsize 200 --nhid 200 --bptt 35 --dropout 0.2 --lr 20 --clip 0.25 --seed 1111 --epochs "$epochs")

run_peer() {
    local t0; t0=$(date +%s.%N)
    (cd "$PEER_DIR" && python main.py --data "$work/data" --nlayers 2 --batch_size 20 --save "$work/peer.pt" "${common[@]}") > "$work/peer.log" 2>&1
    peer_s=$(echo "$(date +%s.%N) - $t0" | bc -l)
}
run_arbor() {
    local t0; t0=$(date +%s.%N)
    "$root/target/release/arbor" lm train --train "$work/data/train.txt" --valid "$work/data/valid.txt" --out "$work/arbor" \
        --layers 2 --batch-size 20 --checkpoint-every 0 "${common[@]}" ${ARBOR_ARGS:-} > "$work/arbor.log" 2>&1
    "$root/target/release/arbor" lm eval --model "$work/arbor" "$work/data/test.txt" >> "$work/arbor.log" 2>&1
    arbor_s=$(echo "$(date +%s.%N) - $t0" | bc -l)
}
if [ "${ORDER:-peer-first}" = arbor-first ]; then run_arbor; run_peer; else run_peer; run_arbor; fi

tokens=$(awk '{n += NF + 1} END {print n}' "$work/data/train.txt")
peer_ppl=$(grep -o 'test ppl *[0-9.]*' "$work/peer.log" | awk '{print $3}')
peer_valid=$(grep -o 'valid ppl *[0-9.]*' "$work/peer.log" | tail -1 | awk '{print $3}')
arbor_ppl=$(grep -o '^perplexity [0-9.]*' "$work/arbor.log" | awk '{print $2}')
arbor_valid=$(cat "$work/arbor/metadata.json" | python -c 'import json,sys; print(round(json.load(sys.stdin)["scores"]["valid_ppl"], 2))')
tok_s() { echo "$tokens * $epochs / $1" | bc -l; }
echo "order: ${ORDER:-peer-first}; arbor options: ${ARBOR_ARGS:-none}"
echo "| $corpus, $epochs epoch(s), 2x200 LSTM | wall time, whole run (s) | train tokens/s (whole run) | best valid ppl | test ppl |"
echo "|---|---:|---:|---:|---:|"
printf '| PyTorch word_language_model | %.1f | %.0f | %s | %s |\n' "$peer_s" "$(tok_s "$peer_s")" "$peer_valid" "$peer_ppl"
printf '| arbor lm train + eval | %.1f | %.0f | %s | %s |\n' "$arbor_s" "$(tok_s "$arbor_s")" "$arbor_valid" "$arbor_ppl"
printf '\nspeed ratio arbor/peer: %.2fx; test ppl ratio arbor/peer: %.3f\n' "$(echo "$peer_s / $arbor_s" | bc -l)" "$(echo "$arbor_ppl / $peer_ppl" | bc -l)"
echo; echo "peer per-epoch lines:"; grep 'end of epoch' "$work/peer.log" || true
echo "arbor per-epoch lines:"; grep '^epoch' "$work/arbor.log" || true
