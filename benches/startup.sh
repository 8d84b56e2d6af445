#!/usr/bin/env bash
# Start-up cost of the commands that need no libtorch, in one run: the light `arbor` (default
# build), the same commands through `arbor-torch` (what every command paid before the split:
# libtorch and the CUDA libraries loaded at start), and the build without the `torch` feature.
# hyperfine for time (warm file cache), /usr/bin/time for peak RSS. Optionally OLD=path/to/arbor
# adds an earlier binary to compare with.
#
#   benches/startup.sh [--write]     (--write: print the Markdown table for BENCHMARKS.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/setup.sh
command -v hyperfine >/dev/null || { echo "error: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --locked --quiet -p arbor-cli
cargo build --release --locked --quiet -p arbor-cli --no-default-features --target-dir target/no-torch
bins=("light=target/release/arbor" "arbor-torch=target/release/arbor-torch" "no-torch=target/no-torch/release/arbor")
[ -n "${OLD:-}" ] && bins+=("old=$OLD")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sample=corpora/sample.conllu
system=corpora/sample-system.conllu
cmds=("--version" "validate $sample" "eval $sample $system" "tokenize --rules corpora/sample.txt")
echo "| command | binary | mean (ms) | ± (ms) | peak RSS (MB) |"
echo "|---|---|---:|---:|---:|"
for c in "${cmds[@]}"; do
    for b in "${bins[@]}"; do
        name="${b%%=*}" bin="${b#*=}"
        hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" "$bin $c" > /dev/null 2>&1 || {
            echo "| \`arbor $c\` | $name | failed | | |"; continue; }
        read -r mean sd < <(python3 -c "import json; r=json.load(open('$work/h.json'))['results'][0]; print(f\"{r['mean']*1000:.1f} {r['stddev']*1000:.1f}\")")
        /usr/bin/time -f %M -o "$work/rss" $bin $c > /dev/null 2>&1 || true
        rss=$(python3 -c "print(f'{$(tail -1 "$work/rss")/1024:.1f}')")
        echo "| \`arbor $c\` | $name | $mean | $sd | $rss |"
    done
done
for b in "${bins[@]}"; do
    name="${b%%=*}" bin="${b#*=}"
    echo "ldd $name: $(ldd "$bin" | grep -c -E 'torch|c10|cuda') libtorch/CUDA libraries" >&2
done
