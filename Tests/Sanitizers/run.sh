#!/bin/sh
# Runs the whole test suite under AddressSanitizer and ThreadSanitizer, each in its own scratch
# path (.build-asan, .build-tsan: a full rebuild each, 10+ minutes on a 2-core machine), at the
# lowest CPU priority, and prints how long each took.
#
# Usage: Tests/Sanitizers/run.sh [address|thread]...   (default: address thread)
#        Extra `swift test` arguments go in SWIFT_TEST_ARGS (e.g. "--filter OrderModelTests").
# The end-to-end tests run the orderscope binary built with the same sanitizer
# (ORDERSCOPE_BIN), so a race or a leak in the binary fails them too. Every wait of the tests
# (screen polls, mock start, retries, time limits) is stretched by ORDERSCOPE_TEST_TIME_SCALE
# (Tests/TestTiming): 3 under ASan and 10 under TSan unless set, from the measured slowdown
# of the tests that wait. Exit status: 0 when every run passed.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
sanitizers=${*:-address thread}
status=0
for sanitizer in $sanitizers; do
    case $sanitizer in
        address) scratch=.build-asan scale=3 ;;
        thread) scratch=.build-tsan scale=10 ;;
        *) echo "unknown sanitizer: $sanitizer (address or thread)" >&2; exit 2 ;;
    esac
    mkdir -p "$scratch"
    log=$scratch/sanitizer-run.log
    start=$(date +%s)
    # halt_on_error keeps a report from scrolling away; leaks are checked at every exit, the
    # test runner's and each orderscope process's. lsan.supp names the third-party libraries
    # whose leaks are not ours to fix (libcurl under URLSession, XCTest); nothing else.
    # handle_segv=0 (both): the crash-restore tests send SIGSEGV on purpose and check the app's own
    # handler restores the tty; ASan's handler would take the signal first.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:handle_segv=0}"
    export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/Tests/Sanitizers/lsan.supp:print_suppressions=0}"
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:handle_segv=0}"
    # shellcheck disable=SC2086
    if nice -n 19 swift build --scratch-path "$scratch" --sanitize="$sanitizer" --build-tests >"$log" 2>&1 \
        && ORDERSCOPE_BIN="$root/$scratch/debug/orderscope" \
            ORDERSCOPE_TEST_TIME_SCALE="${ORDERSCOPE_TEST_TIME_SCALE:-$scale}" nice -n 19 swift test --scratch-path "$scratch" \
            --sanitize="$sanitizer" --skip-build ${SWIFT_TEST_ARGS:-} >>"$log" 2>&1; then
        result=passed
    else
        result=FAILED
        status=1
    fi
    end=$(date +%s)
    summary=$(grep -E "^(✔|✘) Test run with" "$log" | tail -1)
    # A report printed when a process exits (a leak at the test runner's exit) fails the run
    # after every test has passed: say so rather than leave a passing summary alone.
    reports=$(grep -cE "^==[0-9]+==ERROR: (AddressSanitizer|LeakSanitizer)|^WARNING: ThreadSanitizer" "$log")
    [ "$reports" -gt 0 ] && summary="$summary; $reports sanitizer report(s) in the log"
    echo "$sanitizer: $result in $(( (end - start) / 60 )) min $(( (end - start) % 60 )) s (build + tests; log: $log) $summary"
done
exit $status
