#!/usr/bin/env bash
# OrderScope benchmark (issues 6 and 19): generates synthetic dumps and measures, in the same run
# and on the same file, `cat` (I/O floor), `jq length` and python `json.load` (references),
# `orderscope print`, `browse --screen-dump` (which waits for the whole index), the same after
# `G`, `orderscope check`, `orderscope export --out x.csv` (every order decoded and checked for
# the anomalies column), the index of the same orders as NDJSON (`orderscope-bench --index-only`),
# and `orderscope-bench` (built beside orderscope, not shipped: the first screen, the background index, each key handled
# and drawn while indexing and after, sort/filter over every summary, RssAnon), plus the peak
# RssAnon of print and check (polled in /proc). Prints the machine, the command and Markdown
# tables to stdout; progress goes to stderr.
#
#   Tests/Benchmarks/run.sh [--orders N[,M...]] [--out-dir DIR] [--binary PATH] [--quick]
#                           [--runs R] [--seed S] [--keep]
#
#   --orders    dump sizes in orders (default 20000,100000,1000000; --quick: 2000)
#   --out-dir   where dumps, screens and raw timings go (default /tmp/orderscope-bench)
#   --binary    an existing orderscope binary (default: build release into .build-bench)
#   --quick     a tiny run (2,000 orders, 2 runs) that proves the script works, for CI
#               (without --quick the run ends with the bulk property tests, Tests/Benchmarks/bulk.sh)
#   --runs      timed runs per command for hyperfine / the fallback loop (default 3)
#   --seed      generator seed (default 6)
#   --check-max-orders N   skip `orderscope check` on dumps larger than N orders (default: never
#               skip; check decodes every order: about 0.14 ms of CPU per order) (export too)
#   --keep      keep the generated dumps (default: dumps are kept too; they are reused when the
#               same size and seed are asked for again, since the generator is deterministic)
#
# The references read the array as one document up to JQ_MAX_ORDERS / PYTHON_MAX_ORDERS orders
# (default 200,000: past that they need about 8x the dump in memory); above, they parse the
# same orders from the NDJSON copy one at a time (`jq length FILE.ndjson`, python `json.loads`
# of each line), and their rows say so.
#
# Wall times are the median of --runs runs (hyperfine if installed, else a loop), except for
# commands whose first (measured) run takes longer than SLOW_SECONDS (default 20): those are
# timed once. Max RSS comes from `/usr/bin/time -v` ("Maximum resident set size") on a separate
# run; it includes the pages of a mapped file that were touched, so it is not RssAnon.
# Exit status: non-zero when any measured command fails unexpectedly (`check` exiting 1 because
# the generator plants anomalies is expected).
set -euo pipefail

original_args="$*"
orders_arg=""
out_dir="/tmp/orderscope-bench"
binary=""
quick=0
runs=3
seed=6
slow_seconds="${SLOW_SECONDS:-20}"
jq_max_orders="${JQ_MAX_ORDERS:-200000}"
python_max_orders="${PYTHON_MAX_ORDERS:-200000}"
check_max_orders=0

usage() { sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//' >&2; }
die() { echo "run.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --orders) [[ $# -ge 2 ]] || die "--orders needs a value"; orders_arg="$2"; shift 2 ;;
        --orders=*) orders_arg="${1#*=}"; shift ;;
        --out-dir) [[ $# -ge 2 ]] || die "--out-dir needs a value"; out_dir="$2"; shift 2 ;;
        --out-dir=*) out_dir="${1#*=}"; shift ;;
        --binary) [[ $# -ge 2 ]] || die "--binary needs a value"; binary="$2"; shift 2 ;;
        --binary=*) binary="${1#*=}"; shift ;;
        --runs) [[ $# -ge 2 ]] || die "--runs needs a value"; runs="$2"; shift 2 ;;
        --runs=*) runs="${1#*=}"; shift ;;
        --seed) [[ $# -ge 2 ]] || die "--seed needs a value"; seed="$2"; shift 2 ;;
        --seed=*) seed="${1#*=}"; shift ;;
        --check-max-orders) [[ $# -ge 2 ]] || die "--check-max-orders needs a value"; check_max_orders="$2"; shift 2 ;;
        --check-max-orders=*) check_max_orders="${1#*=}"; shift ;;
        --quick) quick=1; shift ;;
        --keep) shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument: $1" ;;
    esac
done

if [[ -z "$orders_arg" ]]; then
    if [[ $quick -eq 1 ]]; then orders_arg="2000"; else orders_arg="20000,100000,1000000"; fi
fi
if [[ $quick -eq 1 && $runs -gt 2 ]]; then runs=2; fi
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$runs'"
[[ "$check_max_orders" =~ ^[0-9]+$ ]] || die "--check-max-orders must be a non-negative integer"
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, not '$seed'"
IFS=',' read -r -a order_counts <<< "$orders_arg"
for n in "${order_counts[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--orders takes positive integers separated by commas, not '$orders_arg'"
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
invocation="Tests/Benchmarks/run.sh${original_args:+ $original_args}"

# --- tools -------------------------------------------------------------------------------------
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install -y time)"
# Captured first: with pipefail, `grep -q` closing the pipe early would fail the check.
time_probe=$(/usr/bin/time -v true 2>&1 || true)
grep -q "Maximum resident set size" <<< "$time_probe" \
    || die "/usr/bin/time does not support -v (install GNU time: apt-get install -y time)"
have_hyperfine=0
if command -v hyperfine > /dev/null 2>&1; then have_hyperfine=1; fi
have_jq=0
if command -v jq > /dev/null 2>&1; then have_jq=1; fi
have_python=0
if command -v python3 > /dev/null 2>&1; then have_python=1; fi

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
raw_dir="$out_dir/raw"
mkdir -p "$raw_dir"

# --- build -------------------------------------------------------------------------------------
if [[ -z "$binary" ]]; then
    echo "== building release (swift build -c release --scratch-path .build-bench)" >&2
    (cd "$repo_root" && swift build -c release --scratch-path .build-bench >&2)
    binary="$repo_root/.build-bench/release/orderscope"
fi
[[ -x "$binary" ]] || die "no executable orderscope at $binary"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
# The headless driver is its own executable, built by the same `swift build` beside orderscope.
bench_binary="$(dirname "$binary")/orderscope-bench"
[[ -x "$bench_binary" ]] || die "no orderscope-bench beside $binary (swift build builds both)"

# --- helpers -----------------------------------------------------------------------------------
now_ns() { date +%s%N; }

# shell-quote for the command strings given to hyperfine / sh -c
q() { printf '%q' "$1"; }

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure LABEL OK_CODES CMDSTRING
#   OK_CODES: space-separated exit codes that count as success (e.g. "0" or "0 1").
#   CMDSTRING: a /bin/sh command (its stdout should already be redirected by the caller).
# Sets: M_WALL (s, median), M_RUNS, M_RSS_KB, M_RC. Fails the script on an unexpected exit code.
measure() {
    local label="$1" ok_codes="$2" cmd="$3"
    local tag; tag="$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '_')"
    local tfile="$raw_dir/$tag.time" rc=0 t0 t1 first_wall
    echo "   - $label" >&2
    # 1) one run under /usr/bin/time -v: max RSS, exit status; it also warms the page cache.
    t0=$(now_ns)
    /usr/bin/time -v -o "$tfile" sh -c "$cmd" || rc=$?
    t1=$(now_ns)
    first_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b-a)/1e9}')
    # /usr/bin/time reports "Command exited with non-zero status N" for N != 0
    local ok=0 c
    for c in $ok_codes; do [[ "$rc" == "$c" ]] && ok=1; done
    if [[ $ok -ne 1 ]]; then
        echo "run.sh: '$label' failed unexpectedly with exit status $rc (allowed: $ok_codes)" >&2
        echo "        command: $cmd" >&2
        sed 's/^/        /' "$tfile" >&2 || true
        exit 1
    fi
    M_RC=$rc
    M_RSS_KB=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$tfile")
    # The sh wrapper is measured too: /usr/bin/time reports the largest RSS of the process
    # tree's members (the max over sh and its child), so this is the command's own max RSS.
    # 2) wall time
    if awk -v w="$first_wall" -v s="$slow_seconds" 'BEGIN {exit !(w > s)}'; then
        M_WALL=$first_wall
        M_RUNS=1
        return
    fi
    # the command string, made to exit 0 on an allowed status so hyperfine does not stop
    local guarded="$cmd"
    if [[ "$ok_codes" != "0" ]]; then
        local cond="" c2
        for c2 in $ok_codes; do cond="${cond:+$cond || }[ \$rc -eq $c2 ]"; done
        guarded="{ $cmd; }; rc=\$?; if $cond; then exit 0; else exit \$rc; fi"
    fi
    if [[ $have_hyperfine -eq 1 ]]; then
        local json="$raw_dir/$tag.hyperfine.json"
        hyperfine --style none --runs "$runs" --warmup 0 --export-json "$json" -- "$guarded" > /dev/null \
            || { echo "run.sh: hyperfine failed on '$label'" >&2; exit 1; }
        M_WALL=$(jq -r '.results[0].median' "$json" 2> /dev/null || true)
        if [[ -z "$M_WALL" || "$M_WALL" == "null" ]]; then
            # no jq: take the mean from hyperfine's JSON with awk
            M_WALL=$(awk -F': *' '/"median"/ {gsub(/[,"]/, "", $2); print $2; exit}' "$json")
        fi
    else
        local i walls=() s e
        for ((i = 0; i < runs; i++)); do
            s=$(now_ns)
            sh -c "$guarded" || { echo "run.sh: '$label' failed on a timed run" >&2; exit 1; }
            e=$(now_ns)
            walls+=("$(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.4f", (b-a)/1e9}')")
        done
        M_WALL=$(printf '%s\n' "${walls[@]}" | median)
    fi
    M_RUNS=$runs
}

# rss_anon_peak CMDSTRING: runs the command (one process, via exec) and prints the peak RssAnon
# in kB seen by polling /proc/PID/status every 10 ms (memory the process owns; mapped file pages
# do not count), then its exit status.
rss_anon_peak() {
    local cmd="$1" pid peak=0 value
    sh -c "exec $cmd" &
    pid=$!
    while kill -0 "$pid" 2> /dev/null; do
        value=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
        if [[ -n "$value" && "$value" -gt "$peak" ]]; then peak=$value; fi
        sleep 0.01
    done
    local rc=0
    wait "$pid" || rc=$?
    echo "$peak $rc"
}

fmt() { awk -v x="$1" -v p="${2:-3}" 'BEGIN {printf "%.*f", p, x}'; }
div() { awk -v a="$1" -v b="$2" -v p="${3:-2}" 'BEGIN {if (b+0 == 0) print "n/a"; else printf "%.*f", p, a/b}'; }

# --- machine -----------------------------------------------------------------------------------
cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2> /dev/null || echo unknown)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2> /dev/null || echo unknown)
swift_version=$(swift --version 2>&1 | head -1 || echo unknown)
commit=$(git -C "$repo_root" rev-parse --short HEAD 2> /dev/null || echo unknown)
hyperfine_version=$( [[ $have_hyperfine -eq 1 ]] && hyperfine --version | head -1 || echo "not installed (loop)")
jq_version=$( [[ $have_jq -eq 1 ]] && jq --version || echo "not installed")

results=()   # table rows
index_rows=()  # array against NDJSON index rows
targets=()   # rows of the targets table
check_rows=()  # rows of the background anomaly check table
notes=()
status_lines=()

for n in "${order_counts[@]}"; do
    dump="$out_dir/orders-$n-seed$seed.json"
    echo "== $n orders: $dump" >&2
    gen_wall="reused"
    if [[ ! -s "$dump" ]]; then
        t0=$(now_ns)
        "$binary" generate --count "$n" --seed "$seed" --out "$dump.partial" --format array >&2
        mv "$dump.partial" "$dump"
        t1=$(now_ns)
        gen_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f s", (b-a)/1e9}')
    fi
    size=$(stat -c %s "$dump")
    size_mb=$(div "$size" 1000000 0)
    fq=$(q "$dump"); bq=$(q "$binary")

    # cat: warm the cache with one run, then time (the /usr/bin/time run in measure is the first)
    cat "$dump" > /dev/null
    measure "cat $n" "0" "cat $fq > /dev/null"
    cat_wall=$M_WALL; cat_rss=$M_RSS_KB; cat_runs=$M_RUNS

    # The same orders as NDJSON (same seed): for the index below, and for the references above
    # the whole-document limits.
    ndjson="$out_dir/orders-$n-seed$seed.ndjson"
    if [[ ! -s "$ndjson" ]]; then
        "$binary" generate --count "$n" --seed "$seed" --out "$ndjson.partial" --format ndjson >&2
        mv "$ndjson.partial" "$ndjson"
    fi
    nq=$(q "$ndjson")

    # The references parse every order. Up to the limits they read the array as one document;
    # above them that needs about 8x the dump in memory (55 GB for 1,000,000 orders), so they
    # read the same orders as NDJSON, one order at a time (jq takes each line as a value;
    # python json.loads each line), and the row says so.
    jq_wall=""; jq_rss=""; jq_runs=""; jq_label='`jq length FILE`'
    if [[ $have_jq -eq 1 ]]; then
        if [[ $n -le $jq_max_orders ]]; then
            measure "jq length $n" "0" "jq length $fq > $(q "$raw_dir/jq-$n.out")"
            jq_count=$(cat "$raw_dir/jq-$n.out")
        else
            cat "$ndjson" > /dev/null
            measure "jq length NDJSON $n" "0" "jq length $nq | wc -l > $(q "$raw_dir/jq-$n.out")"
            jq_count=$(tr -d ' ' < "$raw_dir/jq-$n.out")
            jq_label='`jq length FILE.ndjson` (the same orders, one at a time)'
        fi
        jq_wall=$M_WALL; jq_rss=$M_RSS_KB; jq_runs=$M_RUNS
        [[ "$jq_count" == "$n" ]] || { echo "run.sh: jq counted $jq_count orders, expected $n" >&2; exit 1; }
    fi

    py_wall=""; py_rss=""; py_runs=""; py_label='`python3 json.load(FILE)`'
    if [[ $have_python -eq 1 ]]; then
        if [[ $n -le $python_max_orders ]]; then
            measure "python json.load $n" "0" "python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1], \"rb\"))))' $fq > $(q "$raw_dir/python-$n.out")"
        else
            measure "python json.loads NDJSON $n" "0" "python3 -c 'import json, sys; print(sum(1 for line in open(sys.argv[1], \"rb\") if line.strip() and json.loads(line) is not None))' $nq > $(q "$raw_dir/python-$n.out")"
            py_label='`python3 json.loads` of each line of FILE.ndjson (the same orders)'
        fi
        py_wall=$M_WALL; py_rss=$M_RSS_KB; py_runs=$M_RUNS
        [[ "$(cat "$raw_dir/python-$n.out")" == "$n" ]] || { echo "run.sh: python counted $(cat "$raw_dir/python-$n.out") orders, expected $n" >&2; exit 1; }
    fi
    cat "$dump" > /dev/null  # the array back in the page cache for what follows

    measure "print $n" "0" "$bq print $fq > $(q "$raw_dir/print-$n.out")"
    print_wall=$M_WALL; print_rss=$M_RSS_KB; print_runs=$M_RUNS
    print_lines=$(wc -l < "$raw_dir/print-$n.out")
    [[ $print_lines -ge $n ]] || { echo "run.sh: print wrote $print_lines lines for $n orders" >&2; exit 1; }

    screen="$raw_dir/screen-$n.txt"
    measure "browse screen-dump $n" "0" "$bq browse $fq --screen-dump 120x40 > $(q "$screen")"
    browse_wall=$M_WALL; browse_rss=$M_RSS_KB; browse_runs=$M_RUNS
    [[ $(wc -l < "$screen") -ge 40 ]] || { echo "run.sh: the screen dump has fewer than 40 lines: $screen" >&2; exit 1; }

    screen_g="$raw_dir/screen-G-$n.txt"
    measure "browse screen-dump G $n" "0" "$bq browse $fq --screen-dump 120x40 --keys G > $(q "$screen_g")"
    browseg_wall=$M_WALL; browseg_rss=$M_RSS_KB; browseg_runs=$M_RUNS
    [[ $(wc -l < "$screen_g") -ge 40 ]] || { echo "run.sh: the screen dump has fewer than 40 lines: $screen_g" >&2; exit 1; }

    check_wall=""; check_rss=""; check_rc=""
    if [[ $check_max_orders -eq 0 || $n -le $check_max_orders ]]; then
        measure "check $n" "0 1" "$bq check $fq > $(q "$raw_dir/check-$n.out")"
        check_wall=$M_WALL; check_rss=$M_RSS_KB; check_runs=$M_RUNS; check_rc=$M_RC
    fi

    export_wall=""; export_rss=""; export_rc=""
    if [[ $check_max_orders -eq 0 || $n -le $check_max_orders ]]; then
        measure "export csv $n" "0 1" "$bq export $fq --out $(q "$raw_dir/export-$n.csv") 2> /dev/null"
        export_wall=$M_WALL; export_rss=$M_RSS_KB; export_runs=$M_RUNS; export_rc=$M_RC
        [[ $(wc -l < "$raw_dir/export-$n.csv") -ge $((n + 1)) ]] || { echo "run.sh: export wrote fewer than $((n + 1)) lines" >&2; exit 1; }
    fi

    # The same orders as NDJSON (generated above): the index alone, against the array's.
    cat "$ndjson" > /dev/null
    echo "   - bench --index-only NDJSON $n" >&2
    ndjson_out="$raw_dir/bench-ndjson-$n.txt"
    "$bench_binary" "$ndjson" --index-only --rounds "$runs" > "$ndjson_out"

    # orderscope's own figures: the view-model and renderer driven headless (orderscope-bench,
    # built beside the binary)
    echo "   - bench $n" >&2
    bench_out="$raw_dir/bench-$n.txt"
    "$bench_binary" "$dump" > "$bench_out"
    "$bench_binary" "$dump" --index-only --rounds "$runs" >> "$bench_out"
    b() { awk -v k="$1" '$1 == k {print $2}' "$bench_out"; }
    [[ "$(b index_orders)" == "$(b index_only_orders)" ]] || { echo "run.sh: bench indexed $(b index_orders) vs $(b index_only_orders) orders" >&2; exit 1; }
    nb() { awk -v k="$1" '$1 == k {print $2}' "$ndjson_out"; }
    [[ "$(nb index_only_orders)" == "$(b index_only_orders)" ]] || { echo "run.sh: NDJSON indexed $(nb index_only_orders) orders, the array $(b index_only_orders)" >&2; exit 1; }
    ndjson_size=$(stat -c %s "$ndjson")
    index_rows+=("| $n | $(div "$size" 1000000 0) | $(fmt "$(b index_only_seconds)" 3) | $(fmt "$(b index_only_gb_per_s)" 2) | $(fmt "$(b index_only_gb_per_cpu_s)" 2) | $(div "$ndjson_size" 1000000 0) | $(fmt "$(nb index_only_seconds)" 3) | $(fmt "$(nb index_only_gb_per_s)" 2) | $(fmt "$(nb index_only_gb_per_cpu_s)" 2) | $(div "$(nb index_only_gb_per_s)" "$(b index_only_gb_per_s)" 2) |")
    [[ "$(b first_screen_rows_visible)" == "1.000" ]] || { echo "run.sh: bench first screen shows no rows" >&2; exit 1; }

    echo "   - RssAnon of print and check $n" >&2
    read -r print_anon RA_RC < <(rss_anon_peak "$bq print $fq > /dev/null")
    [[ $RA_RC -eq 0 ]] || { echo "run.sh: print failed ($RA_RC)" >&2; exit 1; }
    check_anon="—"
    if [[ -n "$check_wall" ]]; then
        read -r check_anon RA_RC < <(rss_anon_peak "$bq check $fq > /dev/null")
        [[ $RA_RC -le 1 ]] || { echo "run.sh: check failed ($RA_RC)" >&2; exit 1; }
        check_anon=$(awk -v k="$check_anon" 'BEGIN {printf "%.1f", k*1024/1e6}')
    fi
    mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k*1024/1e6}'; }
    pct_of() { awk -v m="$1" -v s="$size" 'BEGIN {printf "%.2f", 100*m*1e6/s}'; }
    targets+=("| $n | $size_mb | $(fmt "$(b first_screen_ms)" 1) | $(fmt "$(b index_gb_per_s)" 2) | $(fmt "$(b index_only_gb_per_s)" 2) | $(fmt "$(b index_only_gb_per_cpu_s)" 2) | $(fmt "$(b key_during_index_p99_ms)" 2) / $(fmt "$(b key_during_index_max_ms)" 2) | $(fmt "$(b key_after_index_p99_ms)" 2) / $(fmt "$(b key_after_index_max_ms)" 2) | $(fmt "$(b rebuild_worst_ms)" 1) | $(fmt "$(b rss_anon_peak_mb)" 1) ($(fmt "$(b rss_anon_peak_pct_of_dump)" 2) %) | $(mb "$print_anon") | $check_anon |")

    check_rows+=("| $n | $(fmt "$(b anomaly_check_seconds)" 1) | $(fmt "$(b anomaly_check_cpu_seconds)" 1) | $(fmt "$(b anomaly_check_orders_per_s)" 0) | $(fmt "$(b anomaly_batch_median_ms)" 2) / $(fmt "$(b anomaly_batch_max_ms)" 2) | $(fmt "$(b key_during_check_p99_ms)" 2) / $(fmt "$(b key_during_check_max_ms)" 2) | $(fmt "$(b anomaly_check_progress_shown)" 0) |")

    # rows: label | wall | runs | max RSS MB | RSS % of dump | GB/s | × cat | jq ÷ this | python ÷ this
    row() {
        local label="$1" wall="$2" nruns="$3" rss_kb="$4"
        local rss_mb pct gbs xcat jqratio pyratio
        rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.0f", k*1024/1e6}')
        pct=$(awk -v k="$rss_kb" -v s="$size" 'BEGIN {printf "%.1f", 100*k*1024/s}')
        gbs=$(awk -v s="$size" -v w="$wall" 'BEGIN {if (w+0 == 0) print "n/a"; else printf "%.3f", s/1e9/w}')
        xcat=$(div "$wall" "$cat_wall" 1)
        if [[ -n "$jq_wall" ]]; then jqratio=$(div "$jq_wall" "$wall" 1); else jqratio="—"; fi
        if [[ -n "$py_wall" ]]; then pyratio=$(div "$py_wall" "$wall" 1); else pyratio="—"; fi
        results+=("| $n | $size_mb | $label | $(fmt "$wall" 3) | $nruns | $rss_mb | $pct % | $gbs | $xcat | $jqratio | $pyratio |")
    }
    row '`cat FILE > /dev/null` (I/O floor, warm)' "$cat_wall" "$cat_runs" "$cat_rss"
    if [[ -n "$jq_wall" ]]; then
        row "$jq_label" "$jq_wall" "$jq_runs" "$jq_rss"
    else
        results+=("| $n | $size_mb | \`jq length FILE\` | skipped (no jq) | | | | | | | |")
    fi
    if [[ -n "$py_wall" ]]; then
        row "$py_label" "$py_wall" "$py_runs" "$py_rss"
    else
        results+=("| $n | $size_mb | \`python3 json.load(FILE)\` | skipped (no python3) | | | | | | | |")
    fi
    row '`orderscope print FILE` (full index + table)' "$print_wall" "$print_runs" "$print_rss"
    row '`browse --screen-dump 120x40` (waits for the whole index)' "$browse_wall" "$browse_runs" "$browse_rss"
    row '`browse --screen-dump 120x40 --keys G`' "$browseg_wall" "$browseg_runs" "$browseg_rss"
    if [[ -n "$check_wall" ]]; then
        row "\`orderscope check FILE\` (exit $check_rc)" "$check_wall" "$check_runs" "$check_rss"
    else
        results+=("| $n | $size_mb | \`orderscope check FILE\` | skipped (> $check_max_orders orders, --check-max-orders) | | | | | | | |")
    fi
    if [[ -n "$export_wall" ]]; then
        row "\`orderscope export FILE --out x.csv\` (exit $export_rc)" "$export_wall" "$export_runs" "$export_rss"
    else
        results+=("| $n | $size_mb | \`orderscope export FILE --out x.csv\` | skipped (> $check_max_orders orders, --check-max-orders) | | | | | | | |")
    fi

    first_ok=$(awk -v w="$(b first_screen_ms)" 'BEGIN {print (w <= 300) ? "met" : "NOT met"}')
    index_ok=$(awk -v g="$(b index_gb_per_s)" 'BEGIN {print (g >= 1.0) ? "met" : "NOT met"}')
    key_ok=$(awk -v a="$(b key_during_index_max_ms)" -v c="$(b key_after_index_max_ms)" 'BEGIN {print (a < 10 && c < 10) ? "met" : "NOT met"}')
    rebuild_ok=$(awk -v w="$(b rebuild_worst_ms)" 'BEGIN {print (w < 300) ? "met" : "NOT met"}')
    rss_ok=$(awk -v p="$(b rss_anon_peak_pct_of_dump)" 'BEGIN {print (p < 10) ? "met" : "NOT met"}')
    status_lines+=("- $n orders ($size_mb MB, generated: $gen_wall): first screen $(fmt "$(b first_screen_ms)" 1) ms (≤ 300 ms: $first_ok); background index $(fmt "$(b index_gb_per_s)" 2) GB/s wall (≥ 1 GB/s: $index_ok), index alone $(fmt "$(b index_only_gb_per_s)" 2) GB/s wall, $(fmt "$(b index_only_gb_per_cpu_s)" 2) GB per CPU second; slowest key $(fmt "$(b key_during_index_max_ms)" 2) ms while indexing, $(fmt "$(b key_after_index_max_ms)" 2) ms after (< 10 ms: $key_ok); slowest sort/filter over $(b rebuild_summaries | cut -d. -f1) summaries $(fmt "$(b rebuild_worst_ms)" 1) ms (< 300 ms: $rebuild_ok); browse RssAnon peak $(fmt "$(b rss_anon_peak_pct_of_dump)" 2) % of the dump (< 10 %: $rss_ok).")
done

# --- report ------------------------------------------------------------------------------------
echo "## OrderScope benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $cpu_model, $mem_total RAM, $(uname -sr)"
echo "- swift: $swift_version"
echo "- commit: $commit; binary: $binary"
echo "- hyperfine: $hyperfine_version; jq: $jq_version"
echo "- command: \`$invocation\`"
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times)"
echo "- wall = median of $runs runs (1 run when the first run took > ${slow_seconds} s); max RSS from \`/usr/bin/time -v\`, which counts touched pages of mapped files (not RssAnon)"
echo
echo "| orders | dump MB | command | wall s | runs | max RSS MB | RSS % of dump | GB/s | × cat | jq ÷ this | python ÷ this |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
echo
echo "Index alone (\`orderscope bench FILE --index-only\`, best of $runs rounds), the same orders as an array and as NDJSON:"
echo
echo "| orders | array MB | array s | array GB/s | array GB per CPU s | NDJSON MB | NDJSON s | NDJSON GB/s | NDJSON GB per CPU s | NDJSON ÷ array speed |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${index_rows[@]}"
echo
echo "Targets (orderscope-bench; RssAnon polled in /proc): first screen = open + first page + first order decoded + first frame drawn; keys = handle + effects + draw, p99 / max over j, PgDn, G, k, g, Enter, Esc; sort/filter = the slowest of 3 sorts and 4 filters over every summary (off the loop, on both cores; wall time)."
echo
echo "| orders | dump MB | first screen ms | index GB/s (background, keys pressed) | index GB/s (alone) | index GB per CPU s | key ms while indexing p99 / max | key ms after p99 / max | worst sort/filter ms | browse RssAnon peak MB (% of dump) | print RssAnon MB | check RssAnon MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${targets[@]}"
echo
echo "Background anomaly check (orderscope-bench: AnomalyScan after the index, its batches handled by the state as the loop does, keys every 20 ms meanwhile; targets for 1,000,000 orders: 20 s, keys under 10 ms, progress in the status bar):"
echo
echo "| orders | check s | check CPU s | orders/s | batch on the loop median / max ms | key ms during the check p99 / max | progress shown |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${check_rows[@]}"
echo
printf '%s\n' "${status_lines[@]}"

# --- bulk property tests (full run only) --------------------------------------------------------
if [[ $quick -eq 0 ]]; then
    echo
    echo "## Bulk property tests"
    echo
    bash "$(dirname "$0")/bulk.sh"
fi
