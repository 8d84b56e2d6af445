#!/usr/bin/env bash
# Two builds of arbor on the same inputs: are the outputs byte-identical? For a change that must
# not change behaviour (a refactor). Inputs come from the shared data (ARBOR_DATA):
# EWT test (raw text rebuilt from `# text`, and the gold CoNLL-U), 3 MB of enwiki for Word2Vec,
# 3,000 PTB lines for the language model.
#
#   OLD=/path/to/old/release/arbor benches/compare_builds.sh [NEW]   (NEW: target/release/arbor)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
OLD="${OLD:?set OLD to the arbor binary of the other build}"
NEW="$(realpath "${1:-$root/target/release/arbor}")"
G="$data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
[ -f "$G" ] || { echo "error: no $G (set ARBOR_DATA)" >&2; exit 1; }
export ARBOR_MODELS="$root/models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$root/benches/ewt_raw_text.py" "$G" > test.txt
head -c 3000000 "$data/w2v/enwiki2015.lower.10M.txt" | head -n -1 > w2v.txt
head -n 3000 "$data/lm/ptb/ptb.train.txt" > lm-train.txt
head -n 300 "$data/lm/ptb/ptb.valid.txt" > lm-valid.txt
differ=0
same() { # label, files...
    local label=$1; shift
    local ok=1
    for f in "$@"; do cmp -s "old/$f" "new/$f" || ok=0; done
    if [ $ok = 1 ]; then echo "SAME  $label"; else echo "DIFF  $label"; differ=1; fi
}
mkdir -p old new
for v in old new; do
    bin=$OLD; [ $v = new ] && bin=$NEW
    "$bin" parse --quiet --threads 1 --file test.txt > $v/parse-raw
    "$bin" parse --quiet --threads 1 --input conllu "$G" > $v/parse-gold
    "$bin" parse --quiet --threads 1 --format json --rules --file test.txt > $v/parse-json
    "$bin" tokenize test.txt > $v/tok-trained
    "$bin" tokenize --rules test.txt > $v/tok-rules
    "$bin" tokenize --rules --format text --stem english test.txt > $v/tok-text
    "$bin" eval "$G" $v/parse-gold > $v/eval
    "$bin" validate < $v/parse-raw > $v/validate
    for m in skipgram cbow; do
        "$bin" w2v train --quiet --corpus w2v.txt --out $v/w2v-$m --format text --model $m --threads 1 \
            --epochs 2 --dim 32 --seed 3 2> /dev/null
    done
    "$bin" w2v train --quiet --corpus w2v.txt --out $v/w2v-batched --format text --batched --batch-size 4096 \
        --threads 1 --epochs 1 --dim 32 --seed 3 2> /dev/null
    "$bin" lm train --quiet --train lm-train.txt --valid lm-valid.txt --out $v/lm --epochs 2 --emsize 32 \
        --nhid 32 --threads 1 --device cpu 2> /dev/null
    "$bin" lm eval --model $v/lm lm-valid.txt > $v/lm-eval 2>&1
    "$bin" lm score --model $v/lm lm-valid.txt > $v/lm-score
done
for f in parse-raw parse-gold parse-json tok-trained tok-rules tok-text eval validate; do same "$f" "$f"; done
same "w2v skip-gram, CBOW and batched vectors" w2v-skipgram w2v-cbow w2v-batched
same "lm weights, eval and score" lm/weights.safetensors lm-eval lm-score
exit $differ
