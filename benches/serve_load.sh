#!/usr/bin/env bash
# `arbor serve` under load, beside `arbor parse` on the same text in the same run: EWT test as
# raw text, its paragraphs sent to /process (tokenize, tag, parse) by 32 concurrent keep-alive
# clients for SECONDS, then the same with 10% malformed requests mixed in (which must get 4xx
# while every good one succeeds). The server's RSS is sampled every 5 s. Everything runs on
# 127.0.0.1, bounded in time. Prints JSON lines and a Markdown summary.
#
#   ARBOR_DATA=../shared/data benches/serve_load.sh [SECONDS (default 60)] [THREADS (default 2)]
#
# CLIENTS (default 32) sets the concurrent clients; SERVE_ARGS adds options to `arbor serve`
# (e.g. `--threads 1 --intra-threads 2`; given, it replaces `--threads THREADS`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
threads="${2:-2}"
gold="$(cd "${ARBOR_DATA:-$root/../shared/data}" && pwd)/ud/UD_English-EWT/en_ewt-ud-test.conllu"
[ -f "$gold" ] || { echo "error: no $gold (set ARBOR_DATA)" >&2; exit 1; }
. "$root/scripts/setup.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-cli
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p arbor-serve --example load
arbor="$root/target/release/arbor"
load="$root/target/release/examples/load"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
python "$root/benches/ewt_raw_text.py" "$gold" > "$work/test.txt"

# The single process: words/s after loading, as `arbor parse --profile` reports it.
"$arbor" parse --quiet --profile --threads "$threads" --file "$work/test.txt" > /dev/null 2> "$work/parse.err"
parse_wps=$(awk '/wall time after loading/ { gsub(/[(,]/, ""); for (i = 1; i <= NF; i++) if ($(i+1) == "words/s)") print $i }' "$work/parse.err")

# shellcheck disable=SC2086
"$arbor" serve --port 0 --quiet ${SERVE_ARGS:---threads $threads} 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.err" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.err" | head -1)
rss() { awk '/VmRSS/ { print $2 }' "/proc/$server/status"; }
"$load" "$url" "$work/test.txt" --clients 4 --seconds 5 > /dev/null   # warm-up
for malformed in 0 0.1; do
    rss_start=$(rss)
    ( while sleep 5; do rss >> "$work/rss.$malformed"; done ) &
    sampler=$!
    "$load" "$url" "$work/test.txt" --clients "${CLIENTS:-32}" --seconds "$seconds" --malformed "$malformed" > "$work/load.$malformed"
    kill "$sampler"
    python - "$work/load.$malformed" "$rss_start" "$work/rss.$malformed" "$parse_wps" "$malformed" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
samples = [int(x) for x in open(sys.argv[3]).read().split()]
r.update({"malformed_share": float(sys.argv[5]), "rss_start_mb": int(sys.argv[2]) / 1024,
          "rss_max_mb": max(samples) / 1024, "rss_end_mb": samples[-1] / 1024,
          "arbor_parse_words_per_s": float(sys.argv[4])})
r["ratio_to_arbor_parse"] = r["words_per_s"] / r["arbor_parse_words_per_s"]
print(json.dumps(r))
PY
done
kill -TERM "$server"; wait "$server"; server=""
