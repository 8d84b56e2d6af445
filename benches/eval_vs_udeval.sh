#!/usr/bin/env bash
# Side by side: `arbor eval` against the official scorer `udeval` (udtools) on the same files,
# in the same run. Prints a Markdown table for BENCHMARKS.md. Each figure is the median wall
# time of N runs (default 5) of the whole command (process start, reading both files, scoring).
#
#   benches/eval_vs_udeval.sh [N]      (needs ARBOR_DATA, defaults to ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-5}"
data="${ARBOR_DATA:-$root/../shared/data}"
[ -d "$data/ud" ] || { echo "error: no shared data at $data (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
command -v udeval >/dev/null || python -m pip install --quiet "udtools==0.2.9"
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
arbor="$root/target/release/arbor"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_cmd() { # prints the median seconds of n runs of "$@"
    for _ in $(seq "$n"); do
        local t0 t1
        t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc -l
    done | median
}

ewt="$data/ud/UD_English-EWT"
pud="$data/ud-tools-cases/eval"
echo "| files | words | udeval -v (s) | arbor eval (s) | speed-up |"
echo "|---|---:|---:|---:|---:|"
for pair in "$pud/cs_pud-gold.conllu $pud/cs_pud-udpipe-pdtc-ud-2.17-251125.conllu" \
            "$ewt/en_ewt-ud-dev.conllu $ewt/en_ewt-ud-dev.conllu" \
            "$ewt/en_ewt-ud-train.conllu $ewt/en_ewt-ud-train.conllu"; do
    set -- $pair
    # Same answers first: the two tables must be identical.
    diff <(udeval -v "$1" "$2") <("$arbor" eval "$1" "$2") >/dev/null || { echo "error: tables differ for $1 $2" >&2; exit 1; }
    words=$(grep -cP '^\d+\t' "$1")
    tu=$(time_cmd udeval -v "$1" "$2")
    ta=$(time_cmd "$arbor" eval "$1" "$2")
    printf '| %s vs %s | %s | %.3f | %.3f | %.1fx |\n' "$(basename "$1")" "$(basename "$2")" "$words" "$tu" "$ta" "$(echo "$tu / $ta" | bc -l)"
done
