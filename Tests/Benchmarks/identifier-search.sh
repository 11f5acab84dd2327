#!/usr/bin/env bash
# Identifier search benchmark (issue 16 item 3): the real binary in tmux on a dump, once the
# index and the background anomaly check are done, `f TEXT Enter` (and `/ TEXT Enter`) timed from
# the keys sent to the status bar's answer (screen polled every 20 ms, so ±20 ms), with the
# process's RssAnon polled every 20 ms in /proc/PID/status (peak before and during the searches).
#
#   Tests/Benchmarks/identifier-search.sh --binary PATH --dump FILE [--needle TEXT]...
#
# Each --needle is searched once with f and once with / (default: the last PSP payment id of
# the dump, a rare text; "nok", in every order's bytes but in no identifier: every order is
# parsed, the worst case). Prints `name value unit` lines.
set -euo pipefail

binary=""
dump=""
needles=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --dump) dump="$2"; shift 2 ;;
        --needle) needles+=("$2"); shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ -x "$binary" && -f "$dump" ]] || { echo "need --binary and --dump" >&2; exit 2; }
if [[ ${#needles[@]} -eq 0 ]]; then
    needles=("$(tail -c 300000 "$dump" | grep -o '"payment_id":"[^"]*"' | tail -1 | cut -d'"' -f4)" "nok")
fi

socket="orderscope-idsearch-$$"
rss_log=$(mktemp)
tmux -L "$socket" new-session -d -x 160 -y 40 "$binary browse '$dump' --no-mouse"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -f "$rss_log"; }
trap cleanup EXIT
screen() { tmux -L "$socket" capture-pane -p; }
now() { date +%s.%N; }

pid=""
for _ in $(seq 1 200); do
    pid=$(pgrep -n -f "$binary browse $dump" || true)
    [[ -n "$pid" ]] && break
    sleep 0.05
done
[[ -n "$pid" ]] || { echo "the browser did not start" >&2; exit 1; }
( while kill -0 "$pid" 2>/dev/null; do
      awk -v t="$(now)" '/^RssAnon/ {print t, $2}' "/proc/$pid/status" 2>/dev/null || true
      sleep 0.02
  done ) > "$rss_log" &

# Settled: the index is done (the count has no "indexing") and the anomaly check has finished.
start=$(now)
while true; do
    text=$(screen)
    if ! grep -q -i "indexing\|checking" <<< "$text" && grep -q "orders" <<< "$text"; then break; fi
    sleep 0.2
done
settled=$(now)
echo "settled_seconds $(echo "$settled - $start" | bc) s"
peak_before=$(awk '{print $2}' "$rss_log" | sort -n | tail -1)

run() {  # keys..., then waits for the answer in the status bar
    local label="$1" needle="$2" prompt="$3" answer="$4"
    tmux -L "$socket" send-keys Escape Escape
    sleep 0.3
    local t0
    t0=$(now)
    tmux -L "$socket" send-keys "$prompt"
    tmux -L "$socket" send-keys -l "$needle"
    tmux -L "$socket" send-keys Enter
    while ! screen | grep -q "$answer"; do sleep 0.02; done
    echo "$label $(echo "$(now) - $t0" | bc) s"
    screen | grep -o "$answer[^│]*" | head -1 | sed 's/^/# /'
}
for needle in "${needles[@]}"; do
    run "find_${needle}" "$needle" f "match [0-9]* of\|no order matches"
    run "filter_${needle}" "$needle" / "match.* $needle\|filter stopped"
    # The same filter again, sorted: answered from the cached hits.
    run "filter_again_${needle}" "$needle" / "match.* $needle"
done
sleep 0.1
peak=$(awk '{print $2}' "$rss_log" | sort -n | tail -1)
echo "rss_anon_before_kb $peak_before kB"
echo "rss_anon_peak_kb $peak kB"
echo "dump_bytes $(stat -c %s "$dump") B"
