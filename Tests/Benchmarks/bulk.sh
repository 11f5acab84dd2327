#!/usr/bin/env bash
# The bulk property runs: the tests whose loops are benchmark-sized run with ORDERSCOPE_BULK=1
# (thousands of generated documents, byte flips and orders instead of the few hundred of the
# default `swift test`). Run by the full benchmark (`Tests/Benchmarks/run.sh` without --quick),
# or alone. Prints how long they took; exits non-zero when any of them fails.
#
#   Tests/Benchmarks/bulk.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."

# The suites with an ORDERSCOPE_BULK switch (grep -rl ORDERSCOPE_BULK Tests).
filter='ScannerBlockPassTests|DumpSalvageTests|RedactionTests|LargeListTests|TextSearchTests|PackedKeySortTests'

export LANG=C.UTF-8
start=$(date +%s.%N)
ORDERSCOPE_BULK=1 swift test --filter "$filter" "$@" >&2  # progress to stderr, the figure to stdout
end=$(date +%s.%N)
echo "bulk property runs (ORDERSCOPE_BULK=1, --filter '$filter'): $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') s wall, load average $(cut -d' ' -f1-3 /proc/loadavg)"
