#!/usr/bin/env bash
# Side by side: `arbor w2v train` and gensim 4.3.3 (pip) on the same corpus with the same
# settings (dim 100, window 5, negative 5, min-count 5, sample 1e-3, 5 epochs, 2 threads),
# skip-gram and CBOW, one run at a time on this machine. Every vectors file is then scored by
# `arbor w2v eval` (whose figures match gensim's own evaluate_word_analogies and
# evaluate_word_pairs; see BENCHMARKS.md). Prints a Markdown table.
#
#   benches/w2v_vs_gensim.sh [--write] [CORPUS] [EPOCHS]
#
# CORPUS defaults to $ARBOR_DATA/w2v/enwiki2015.lower.10M.txt. With --write, the table also
# replaces the section between the w2v-table markers in BENCHMARKS.md.
set -euo pipefail
write=0
if [ "${1:-}" = "--write" ]; then write=1; shift; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
corpus="${1:-$data/w2v/enwiki2015.lower.10M.txt}"
epochs="${2:-5}"
evald="$data/w2v-eval"
[ -f "$corpus" ] || { echo "error: no corpus at $corpus (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
python -c "import gensim" 2>/dev/null || python -m pip install --quiet "gensim==4.3.3"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
words=$(wc -w < "$corpus")

cat > "$work/gensim_train.py" <<'PY'
import sys, time
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
corpus, out, sg, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
m = Word2Vec(LineSentence(corpus), vector_size=100, window=5, negative=5, min_count=5, sample=1e-3,
             epochs=epochs, workers=2, sg=sg, seed=1)
m.wv.save_word2vec_format(out, binary=True)
PY

score() { # vectors -> "analogy ws353 simlex men rw"
    "$arbor" w2v eval --vectors "$1" --analogies "$evald/questions-words.txt" \
        --similarity "$evald/wordsim353.tsv" "$evald/simlex999.txt" "$evald/MEN-3k.txt" "$evald/RW-Stanford.txt" > "$work/eval.txt"
    local an; an=$(awk '$1 == "total" {print $2}' "$work/eval.txt" | tr -d '%')
    echo "$an $(awk '/spearman/ {printf "%s ", $3}' "$work/eval.txt")"
}

exec > >(tee "$work/table.md")
echo "corpus: $(basename "$corpus") ($words words), $epochs epochs, 2 threads, $(date -u +%Y-%m-%d)"
echo
echo "| model | tool | wall time (s) | words/s | analogy acc. (%) | WS-353 | SimLex-999 | MEN | RW |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for model in skipgram cbow; do
    sg=1; [ "$model" = cbow ] && sg=0
    t0=$(date +%s.%N)
    python "$work/gensim_train.py" "$corpus" "$work/gensim-$model.bin" "$sg" "$epochs" 2> "$work/gensim-$model.log"
    t1=$(date +%s.%N)
    "$arbor" w2v train --corpus "$corpus" --out "$work/arbor-$model.bin" --model "$model" --dim 100 --window 5 \
        --negative 5 --min-count 5 --sample 1e-3 --epochs "$epochs" --threads 2 --seed 1 --quiet 2> "$work/arbor-$model.log"
    t2=$(date +%s.%N)
    for tool in gensim arbor; do
        if [ $tool = gensim ]; then s=$(echo "$t1 - $t0" | bc -l); else s=$(echo "$t2 - $t1" | bc -l); fi
        read -r an ws sl men rw <<< "$(score "$work/$tool-$model.bin")"
        printf '| %s | %s | %.1f | %.0f | %s | %s | %s | %s | %s |\n' "$model" "$tool" "$s" "$(echo "$words * $epochs / $s" | bc -l)" "$an" "$ws" "$sl" "$men" "$rw"
    done
done
echo
echo "wall time: the whole command (reading the corpus to count words, training, writing the binary vectors file); words/s = corpus words x epochs / wall time."

if [ "$write" = 1 ]; then
    exec >&2
    sleep 1
    python - "$root/BENCHMARKS.md" "$work/table.md" <<'PY'
import re, sys
bench, table = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(bench).read()
new = "<!-- w2v-table (written by benches/w2v_vs_gensim.sh --write) -->\n" + table + "\n<!-- /w2v-table -->"
text, n = re.subn(r"<!-- w2v-table.*?<!-- /w2v-table -->", lambda m: new, text, flags=re.S)
if n != 1:
    sys.exit("BENCHMARKS.md has no w2v-table markers")
open(bench, "w").write(text)
PY
    echo "table written into BENCHMARKS.md" >&2
fi
