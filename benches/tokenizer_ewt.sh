#!/usr/bin/env bash
# Tokenizer on UD English EWT test from raw text: the text is rebuilt from the gold file
# (`# text` of each sentence; sentences of a paragraph joined by a space, paragraphs by a blank
# line, as `# newpar`/`# newdoc` mark them), tokenized, and scored by `arbor eval` (Tokens,
# Words, Sentences). Prints the scores and the speed in characters per second.
#
#   benches/tokenizer_ewt.sh [ARBOR TOKENIZE FLAGS...]      (needs ARBOR_DATA)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
gold="$data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
[ -f "$gold" ] || { echo "error: no $gold (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python - "$gold" > "$work/test.txt" <<'PY'
import sys
paras, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("# newdoc") or line.startswith("# newpar"):
        if cur: paras.append(" ".join(cur)); cur = []
    elif line.startswith("# text = "):
        cur.append(line[len("# text = "):].rstrip("\n"))
if cur: paras.append(" ".join(cur))
sys.stdout.write("\n\n".join(paras) + "\n")
PY
chars=$(python -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read()))" "$work/test.txt")
t0=$(date +%s.%N)
"$root/target/release/arbor" tokenize "$@" "$work/test.txt" > "$work/sys.conllu"
t1=$(date +%s.%N)
"$root/target/release/arbor" eval "$gold" "$work/sys.conllu" | sed -n '1,5p'
printf '\n%s characters in %.2f s: %.0f characters/s (process start included)\n' "$chars" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$chars / ($t1 - $t0)" | bc -l)"
