#!/bin/sh
# Builds the libFuzzer target over the dump reader and the order decoder, straight from the module
# sources (no SwiftPM: SwiftPM cannot link a libFuzzer main). Each module is compiled on its own
# with coverage (-sanitize=fuzzer) and AddressSanitizer (memory errors and leaks), then linked
# with the entry point in DumpFuzzTarget.swift.
#
# Usage: Tests/Fuzz/build.sh [OUTDIR [SANITIZERS]]   (default .build-fuzz, fuzzer,address); prints
# the binary's path. SANITIZERS=fuzzer alone runs about twice as fast but finds no leaks.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/.build-fuzz}
sanitize=${2:-fuzzer,address}
mkdir -p "$out"
flags="-swift-version 6 -O -g -sanitize=$sanitize -parse-as-library -enable-testing -wmo -I $out -I $root/Sources/CZlib"

rebuilt=no
module() {  # module NAME SOURCE-DIR; skipped when its object is newer than its sources and
            # no module before it was rebuilt
    if [ $rebuilt = no ] && [ -f "$out/$1.o" ] && [ -z "$(find "$2" -name '*.swift' -newer "$out/$1.o")" ]; then
        return
    fi
    rebuilt=yes
    # shellcheck disable=SC2046,SC2086
    swiftc $flags -module-name "$1" -emit-module -emit-module-path "$out/$1.swiftmodule" \
        -c -o "$out/$1.o" $(find "$2" -name '*.swift' | sort)
}

module OrderModel "$root/Sources/OrderModel"
module OrderSources "$root/Sources/OrderSources"
module OrderViewModel "$root/Sources/OrderViewModel"
module TerminalCore "$root/Sources/TerminalCore"
# shellcheck disable=SC2086
swiftc $flags -module-name OrderScopeFuzz -c -o "$out/OrderScopeFuzz.o" "$root/Tests/Fuzz/DumpFuzzTarget.swift"
swiftc -sanitize=$sanitize "$out/OrderModel.o" "$out/OrderSources.o" "$out/OrderViewModel.o" \
    "$out/TerminalCore.o" "$out/OrderScopeFuzz.o" -lz -o "$out/orderscope-fuzz" 2>"$out/link.log" \
    || { cat "$out/link.log" >&2; exit 1; }
echo "$out/orderscope-fuzz"
