#!/usr/bin/env bash
# A pipeline directory from `arbor train pipeline` beside UDPipe 1 trained on the same files, on
# one treebank's test file from raw text (sentences of a paragraph joined by a space, paragraphs
# by a blank line) and from gold tokens: Tokens, Sentences, Words, UPOS, Lemmas, LAS by the
# official `udeval`, and seconds of each whole command.
#
#   benches/pipeline_vs_udpipe.sh TEST.conllu ARBOR_PIPELINE_DIR UDPIPE_MODEL
#       (`pip install ufal.udpipe udtools`; the UDPipe model from benches/udpipe_train.py)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gold="${1:?usage: pipeline_vs_udpipe.sh TEST.conllu ARBOR_PIPELINE_DIR UDPIPE_MODEL}"
arbor_dir="${2:?}"
udpipe_model="${3:?}"
[ -f "$gold" ] || { echo "error: no $gold" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python "$root/benches/ewt_raw_text.py" "$gold" > "$work/test.txt"
now() { date +%s.%N; }
secs() { python -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }
scores() {
    udeval -v "$gold" "$1" | awk -F'|' '
        { gsub(/ /, "", $1); gsub(/ /, "", $4); f[$1] = $4 }
        END { printf "%s | %s | %s | %s | %s | %s", f["Tokens"], f["Sentences"], f["Words"], f["UPOS"], f["Lemmas"], f["LAS"] }'
}
echo "$(basename "$gold"): $(grep -cP '^\d+\t' "$gold") words; $(nproc) cores; $(date -u +%F)"
echo "| system | input | Tokens | Sentences | Words | UPOS | Lemmas | LAS | seconds |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
t0=$(now); "$arbor" parse --quiet --threads 1 --model "$arbor_dir" --file "$work/test.txt" > "$work/arbor-raw.conllu"; t1=$(now)
echo "| Arbor (\`arbor parse --model DIR\`) | raw text | $(scores "$work/arbor-raw.conllu") | $(secs "$t0" "$t1") |"
t0=$(now); python "$root/benches/udpipe_run.py" "$udpipe_model" pipeline "$work/test.txt" "$work/udpipe-raw.conllu" 2>/dev/null; t1=$(now)
echo "| UDPipe 1 | raw text | $(scores "$work/udpipe-raw.conllu") | $(secs "$t0" "$t1") |"
t0=$(now); "$arbor" parse --quiet --threads 1 --model "$arbor_dir" --input conllu "$gold" > "$work/arbor-gold.conllu"; t1=$(now)
echo "| Arbor | gold tokens | $(scores "$work/arbor-gold.conllu") | $(secs "$t0" "$t1") |"
t0=$(now); python "$root/benches/udpipe_run.py" "$udpipe_model" parse "$gold" "$work/udpipe-gold.conllu" 2>/dev/null; t1=$(now)
echo "| UDPipe 1 | gold tokens | $(scores "$work/udpipe-gold.conllu") | $(secs "$t0" "$t1") |"
if udvalidate --lang it --level 2 "$work/arbor-raw.conllu" > "$work/validate.txt" 2>&1; then
    echo "Arbor's raw-text output passes udvalidate --level 2."
else
    echo "udvalidate --level 2 on Arbor's raw-text output: $(tail -1 "$work/validate.txt")"
fi
