#!/usr/bin/env bash
# Arbor beside UDPipe 1 on UD English EWT test, in one run on one machine:
#   1. tokenizers on the raw text (Arbor trained, Arbor rules, UDPipe): Tokens/Words/Sentences
#      F1 by `arbor eval` and by the official `udeval`, characters per second;
#   2. taggers+parsers on the gold-tokenized test file: UPOS/LAS, words per second;
#   3. full pipelines on the raw text: UPOS/LAS/Sentences by udeval, words per second,
#      `udvalidate --lang en --level 2` on Arbor's output.
# Times are wall-clock seconds of the whole command (process start and model loading included)
# for both tools. The raw text: sentences of a paragraph joined by a space, paragraphs by a
# blank line (`# newpar`/`# newdoc`).
#
#   benches/ewt_vs_udpipe.sh UDPIPE_MODEL      (needs ARBOR_DATA; `pip install ufal.udpipe udtools`;
#                                              the model from benches/udpipe_train.py)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
gold="$data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
udpipe_model="${1:?usage: ewt_vs_udpipe.sh UDPIPE_MODEL}"
[ -f "$gold" ] || { echo "error: no $gold (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python "$root/benches/ewt_raw_text.py" "$gold" > "$work/test.txt"
# udeval needs a tree: give tokenizer-only output a flat one (word 1 the root, the rest under
# it); Tokens, Words and Sentences do not look at it.
flat() {
    python - "$1" <<'PY'
import sys
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    cols = line.rstrip("\n").split("\t")
    if len(cols) == 10 and cols[0].isdigit():
        cols[6], cols[7] = ("0", "root") if cols[0] == "1" else ("1", "dep")
        line = "\t".join(cols) + "\n"
    out.append(line)
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
}
now() { date +%s.%N; }
rate() { python -c "import sys; print(f'{float(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):,.0f}')" "$@"; }
secs() { python -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }
f1() { udeval -v "$gold" "$1" | awk -v m="$2" -F'|' '$1 ~ "^"m" " { gsub(/ /, "", $4); print $4 }'; }
chars=$(python -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read()))" "$work/test.txt")
words=$(grep -cP '^\d+\t' "$gold")
echo "EWT test: $chars characters, $words words; $(nproc) cores; $(date -u +%F)"

echo; echo "## Tokenizers (raw text)"
echo "| tokenizer | Tokens | Words | Sentences | udeval Tokens/Words/Sentences | seconds | chars/s |"
tok() { # name, command...
    local name="$1"; shift
    local t0 t1; t0=$(now); "$@"; t1=$(now)
    local ours; ours=$("$arbor" eval --json "$gold" "$work/tok.conllu" 2>/dev/null | python -c "
import json, sys; e = json.load(sys.stdin)
print(' | '.join(f\"{e[m]['f1'] * 100:.2f}\" for m in ('Tokens', 'Words', 'Sentences')))" 2>/dev/null || echo "? | ? | ?")
    flat "$work/tok.conllu"
    echo "| $name | $ours | $(f1 "$work/tok.conllu" Tokens) / $(f1 "$work/tok.conllu" Words) / $(f1 "$work/tok.conllu" Sentences) | $(secs "$t0" "$t1") | $(rate "$chars" "$t0" "$t1") |"
}
tok "Arbor trained (en_ewt/tokenizer)" sh -c "'$arbor' tokenize '$work/test.txt' > '$work/tok.conllu'"
tok "Arbor rules (en_ewt-rules)" sh -c "'$arbor' tokenize --rules '$work/test.txt' > '$work/tok.conllu'"
tok "UDPipe 1" python "$root/benches/udpipe_run.py" "$udpipe_model" tokenize "$work/test.txt" "$work/tok.conllu"

echo; echo "## Taggers and parsers (gold tokenization)"
echo "| parser | UPOS | LAS | udeval UPOS / LAS | seconds | words/s |"
par() {
    local name="$1"; shift
    local t0 t1; t0=$(now); "$@"; t1=$(now)
    local ours; ours=$("$arbor" eval --json "$gold" "$work/par.conllu" | python -c "
import json, sys; e = json.load(sys.stdin)
print(' | '.join(f\"{e[m]['f1'] * 100:.2f}\" for m in ('UPOS', 'LAS')))")
    echo "| $name | $ours | $(f1 "$work/par.conllu" UPOS) / $(f1 "$work/par.conllu" LAS) | $(secs "$t0" "$t1") | $(rate "$words" "$t0" "$t1") |"
}
par "Arbor (en_ewt/parser)" sh -c "'$arbor' parse --quiet --input conllu '$gold' > '$work/par.conllu'"
par "UDPipe 1" python "$root/benches/udpipe_run.py" "$udpipe_model" parse "$gold" "$work/par.conllu"

echo; echo "## Full pipelines (raw text)"
echo "| pipeline | udeval Sentences | Words | UPOS | LAS | seconds | words/s |"
pipe() {
    local name="$1"; shift
    local t0 t1; t0=$(now); "$@"; t1=$(now)
    echo "| $name | $(f1 "$work/pipe.conllu" Sentences) | $(f1 "$work/pipe.conllu" Words) | $(f1 "$work/pipe.conllu" UPOS) | $(f1 "$work/pipe.conllu" LAS) | $(secs "$t0" "$t1") | $(rate "$words" "$t0" "$t1") |"
}
pipe "Arbor (en_ewt/tokenizer + en_ewt/parser)" sh -c "'$arbor' parse --quiet --file '$work/test.txt' > '$work/pipe.conllu'"
cp "$work/pipe.conllu" "$work/arbor-pipe.conllu"
pipe "UDPipe 1" python "$root/benches/udpipe_run.py" "$udpipe_model" pipeline "$work/test.txt" "$work/pipe.conllu"
echo
udvalidate --lang en --level 2 "$work/arbor-pipe.conllu" && echo "udvalidate --lang en --level 2: Arbor's pipeline output is valid"
