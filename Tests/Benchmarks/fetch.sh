#!/usr/bin/env bash
# fetch benchmark (issue 18): `orderscope fetch` against `orderscope mock-api --latency MS` (every
# request, the token's too, answered after MS milliseconds), measured in the same run:
#   - lists that carry complete orders (include_events): one request per page;
#   - lists of summaries (--list-without-events): one request per order at --concurrency C for
#     each C given, C = 1 being the serial time (what fetch did before: one order at a time).
# For each: wall seconds, CPU seconds of the fetch process (user + sys, GNU time), orders saved
# (checked against the dump with jq) and the speed-up over the serial run.
#
# With --tls the mock serves https with a throwaway self-signed certificate (made with openssl
# in DIR) and fetch trusts it with --ca-file.
#
#   Tests/Benchmarks/fetch.sh [--binary PATH] [--orders N] [--latency MS]
#                             [--concurrency "1 8 64"] [--out-dir DIR] [--tls]
set -euo pipefail

binary=""
orders=10000
latency=50
concurrencies="1 8 64"
out_dir="/tmp/orderscope-fetch-bench"
tls=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --orders) orders="$2"; shift 2 ;;
        --latency) latency="$2"; shift 2 ;;
        --concurrency) concurrencies="$2"; shift 2 ;;
        --out-dir) out_dir="$2"; shift 2 ;;
        --tls) tls=1; shift ;;
        *) echo "fetch.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "$binary" ]]; then
    (cd "$root" && swift build -c release --scratch-path .build-bench --product orderscope >&2)
    binary="$root/.build-bench/release/orderscope"
fi
mkdir -p "$out_dir"
dump="$out_dir/orders-$orders.json"
[[ -s "$dump" ]] || "$binary" generate --count "$orders" --seed 18 --out "$dump" >&2
expected=$(jq length "$dump")
tls_serve=()
tls_trust=()
if [[ -n "$tls" ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$out_dir/key.pem" \
        -out "$out_dir/cert.pem" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
    tls_serve=(--tls-cert "$out_dir/cert.pem" --tls-key "$out_dir/key.pem")
    tls_trust=(--ca-file "$out_dir/cert.pem")
fi

export DINTERO_ACCOUNT_ID=T12345678 DINTERO_CLIENT_ID=mock-client-id DINTERO_CLIENT_SECRET=mock-client-secret
export XDG_CONFIG_HOME=/nonexistent
mock_pid=""
stop_mock() { if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; mock_pid=""; fi; }
trap stop_mock EXIT

# Starts the mock with extra flags; sets $base.
start_mock() {
    "$binary" mock-api --dump "$dump" --port 0 --latency "$latency" "${tls_serve[@]}" "$@" > "$out_dir/mock.out" 2>&1 &
    mock_pid=$!
    base=""
    for _ in $(seq 1 200); do
        base=$(sed -n 's/^base URL: //p' "$out_dir/mock.out")
        [[ -n "$base" ]] && return 0
        sleep 0.05
    done
    echo "fetch.sh: the mock did not start" >&2; exit 2
}

serial=""
# run LABEL CONCURRENCY: fetches into a fresh file, prints a table row.
run() {
    local label="$1" concurrency="$2" out="$out_dir/fetched.json"
    rm -f "$out" "$out".progress.*
    /usr/bin/time -f "%e %U %S" -o "$out_dir/time" \
        "$binary" fetch --api-base "$base" "${tls_trust[@]}" --concurrency "$concurrency" --out "$out" 2> "$out_dir/fetch.err" >/dev/null
    read -r wall user sys < "$out_dir/time"
    local saved; saved=$(jq length "$out")
    [[ "$saved" == "$expected" ]] || { echo "fetch.sh: saved $saved of $expected" >&2; exit 1; }
    local cpu; cpu=$(echo "$user + $sys" | bc)
    [[ "$label" == *serial* ]] && serial="$wall"
    local ratio="—"
    [[ -n "$serial" ]] && ratio=$(echo "scale=1; $serial / $wall" | bc)
    printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$concurrency" "$saved" "$wall" "$cpu" "$ratio"
}

echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(uname -sr)"
echo "- binary: $binary ($("$binary" --version 2>/dev/null || echo '?')); commit $(git -C "$root" rev-parse --short HEAD)"
echo "- $orders orders ($(du -m "$dump" | cut -f1) MB dump), mock latency $latency ms per request${tls:+, https}"
echo
echo "| lists | --concurrency | orders saved | wall s | fetch CPU s | × serial |"
echo "|---|---:|---:|---:|---:|---:|"
start_mock --list-without-events
for c in $concurrencies; do
    if [[ "$c" == 1 ]]; then run "summaries, one request per order (serial)" 1; else run "summaries, one request per order" "$c"; fi
done
stop_mock
start_mock
run "complete orders (include_events), one request per page" 8
stop_mock
