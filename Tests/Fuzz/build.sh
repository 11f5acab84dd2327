#!/bin/sh
# Builds the libFuzzer target over the dump reader and the order decoder, straight from the module
# sources (no SwiftPM: SwiftPM cannot link a libFuzzer main). Each module is compiled on its own
# with coverage (-sanitize=fuzzer) and AddressSanitizer (memory errors and leaks), then linked
# with the entry point in DumpFuzzTarget.swift. The C block scanner (Sources/CScan) is compiled
# with the toolchain's clang and the same sanitizers.
#
# Usage: Tests/Fuzz/build.sh [OUTDIR [SANITIZERS]]   (default .build-fuzz, fuzzer,address); prints
# the binary's path. SANITIZERS=fuzzer alone runs about three times as fast but finds no leaks;
# fuzzer,leak links the standalone LeakSanitizer instead of ASan: leaks are found (libFuzzer
# re-runs an input whose mallocs outnumber its frees under LSan) at about half the plain speed
# (LSan's allocator and the checks), memory errors are not.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/.build-fuzz}
sanitize=${2:-fuzzer,address}
mkdir -p "$out"
# swiftc has no -sanitize=leak: LSan needs no instrumentation, only its runtime at link time, and
# swiftc's own fuzzer link adds the UBSan runtime, which clashes with it; so the Swift modules are
# compiled for the fuzzer alone and clang's driver links fuzzer + leak.
swift_sanitize=$sanitize
link_sanitize=-sanitize=$sanitize
if [ "$sanitize" = fuzzer,leak ]; then
    swift_sanitize=fuzzer
    link_sanitize="-Xclang-linker -fsanitize=fuzzer,leak"
fi
flags="-swift-version 6 -O -g -sanitize=$swift_sanitize -parse-as-library -enable-testing -wmo -package-name orderscope -I $out -I $root/Sources/CZlib -I $root/Sources/CScan/include -I $root/Sources/CAtomicCells/include"

rebuilt=no
module() {  # module NAME SOURCE-DIR; skipped when its object is newer than its sources and
            # no module before it was rebuilt
    if [ $rebuilt = no ] && [ -f "$out/$1.o" ] && [ -z "$(find "$2" -name '*.swift' -newer "$out/$1.o")" ]; then
        return
    fi
    rebuilt=yes
    # shellcheck disable=SC2046,SC2086
    swiftc $flags -module-name "$1" -emit-module -emit-module-path "$out/$1.swiftmodule" \
        -c -o "$out/$1.o" $(find "$2" -name '*.swift' -not -path '*/API/*' | sort)
}

module JSONCore "$root/Sources/JSONCore"
module OrderModel "$root/Sources/OrderModel"
# The toolchain's clang (the one next to swiftc), so its sanitizer runtime matches swiftc's; a
# change here rebuilds OrderIndex (which imports its header) and what follows it.
clang=$(dirname "$(command -v swiftc)")/clang
if [ ! -f "$out/CScan.o" ] || [ -n "$(find "$root/Sources/CScan" -newer "$out/CScan.o")" ]; then
    rebuilt=yes
    "$clang" -O2 -g -fsanitize="$sanitize" -I "$root/Sources/CScan/include" \
        -c -o "$out/CScan.o" "$root/Sources/CScan/cscan.c"
fi
module OrderIndex "$root/Sources/OrderIndex"
# The API client (SwiftNIO) is left out: the target reads dumps, never the network.
module OrderSources "$root/Sources/OrderSources"
module OrderAnalysis "$root/Sources/OrderAnalysis"
module OrderViewModel "$root/Sources/OrderViewModel"
module TerminalCore "$root/Sources/TerminalCore"
# shellcheck disable=SC2086
swiftc $flags -module-name OrderScopeFuzz -c -o "$out/OrderScopeFuzz.o" "$root/Tests/Fuzz/DumpFuzzTarget.swift"
# shellcheck disable=SC2086
swiftc $link_sanitize "$out/CScan.o" "$out/JSONCore.o" "$out/OrderModel.o" "$out/OrderIndex.o" "$out/OrderSources.o" "$out/OrderAnalysis.o" "$out/OrderViewModel.o" \
    "$out/TerminalCore.o" "$out/OrderScopeFuzz.o" -lz -o "$out/orderscope-fuzz" 2>"$out/link.log" \
    || { cat "$out/link.log" >&2; exit 1; }
echo "$out/orderscope-fuzz"
