#!/bin/sh
# Runs the libFuzzer target (build.sh) over the dump reader and the order decoder for a bounded
# number of executions or time, at the lowest CPU priority.
#
# Usage: Tests/Fuzz/run.sh [RUNS] [SECONDS] [extra libFuzzer flags...]
#   RUNS     executions before stopping (default 1000000; -1 = no limit)
#   SECONDS  wall-clock limit (default 600; 0 = no limit)
# Seeds come from Tests/Fixtures, Resources/sample-orders.json and the first orders of
# Resources/demo-orders.json; the corpus grows in .build-fuzz/corpus and is reused by later runs.
# A crash, hang (-timeout) or leak stops the run and writes the input to .build-fuzz/artifacts/;
# turn each into a regression test (Tests/OrderSourcesTests/FuzzRegressionTests.swift).
# FUZZ_SANITIZERS=fuzzer (default fuzzer,address) builds without AddressSanitizer: about three
# times the executions per second, no leak or memory-error detection. FUZZ_SANITIZERS=fuzzer,leak
# keeps leak detection (standalone LeakSanitizer) at about half of that speed.
# Exit status: libFuzzer's (0 = nothing found).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
out=$root/.build-fuzz
[ "$sanitizers" = fuzzer,address ] || out=$root/.build-fuzz-$(echo "$sanitizers" | tr ',' '-')
runs=${1:-1000000}
seconds=${2:-600}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
binary=$("$root/Tests/Fuzz/build.sh" "$out" "$sanitizers" 2>&1 | grep -v 'ld.gold: warning' | tail -1)
[ -x "$binary" ] || { echo "build failed: $binary" >&2; exit 2; }

seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "$out/corpus" "$out/artifacts"
# Every fixture file, in subfolders too (Tests/Fixtures/dumps/dintero/...).
find "$root/Tests/Fixtures" -type f | while read -r file; do
    cp "$file" "$seeds/$(echo "$file" | sed "s|$root/||; s|/|_|g")"
done
cp "$root/Resources/sample-orders.json" "$seeds/Resources_sample-orders.json"
# One seed per order: the scanner sees each order shape without a 2 MB input.
head -n 41 "$root/Resources/demo-orders.json" | tail -n 40 | sed 's/,$//' | split -l 1 - "$seeds/demo-order-"

# -jobs writes fuzz-N.log into the working directory: keep them with the build products.
cd "$out"
echo "fuzzing: $binary, runs=$runs, max_total_time=$seconds s, seeds: $(ls "$seeds" | wc -l)" >&2
# The Swift runtime's backtracer would catch the trap (SIGILL) first and the process would die
# before libFuzzer writes the crashing input: leave crashes to libFuzzer.
export SWIFT_BACKTRACE=enable=no
# The standalone LSan runtime keeps memory for every thread that ever ran (a thread per input:
# flat without it, ~200 bytes per thread with it), and the target's forced two-thread split starts
# one for every array it can split: a leak-checking process grew by ~0.43 MB per 1,000
# executions (460 MB after 800,000), so ~2.3 GB after 5 million.
rss_limit=2048
[ "$sanitizers" = fuzzer,leak ] && rss_limit=6144
exec nice -n 19 "$binary" -runs="$runs" -max_total_time="$seconds" -rss_limit_mb=$rss_limit -timeout=10 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$out/artifacts/" "$@" "$out/corpus" "$seeds"
