import Foundation
import Testing

/// Inputs that are streams, not files: read once, spilled to an unlinked temporary file, bounded
/// (issue 22, items 1, 11 and 12).
extension EndToEnd {
    @Suite("streamed input")
    struct StreamInputEndToEndTests {
        /// Runs a dash command line with `$B` set to the binary under test.
        static func shell(_ script: String, environment: [String: String] = [:]) async throws
            -> BinaryRunner.Result
        {
            try await BinaryRunner.shell("B=\"$BIN\"; " + script, environment: environment)
        }

        @Test func aFIFOAndStandardInputAreReadOnceForBothPasses() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let fifo = directory.appendingPathComponent("orders.fifo").path
            let fromFIFO = try await Self.shell(
                "mkfifo '\(fifo)' && (cat Resources/sample-orders.json > '\(fifo)' &) && \"$B\" print '\(fifo)'"
            )
            #expect(fromFIFO.status == 0, "stderr: \(fromFIFO.stderr)")
            #expect(fromFIFO.stdout.split(separator: "\n").count == 7)  // a header and 6 orders
            let fromStdin = try await Self.shell("cat Resources/sample-orders.json | \"$B\" print /dev/stdin")
            #expect(fromStdin.status == 0, "stderr: \(fromStdin.stderr)")
            #expect(fromStdin.stdout.contains("order123456"))
        }

        @Test func aFileNameThatIsNotUTF8Opens() async throws {
            let directory = try BinaryRunner.temporaryDirectory().path
            let result = try await Self.shell(
                "name=\"\(directory)/bestilling_$(printf '\\370').json\"; cp Resources/sample-orders.json \"$name\" && "
                    + "\"$B\" print \"$name\" && \"$B\" check \"$name\" >/dev/null; echo \"check=$?\"")
            #expect(result.stdout.contains("order123456"), "stderr: \(result.stderr)")
            #expect(result.stdout.contains("check=1"))  // the sample's known anomalies, not "no such file"
        }

        @Test func endlessOrHostileStreamsAreRefusedAtOnce() async throws {
            let zero = try await BinaryRunner.run(["print", "/dev/zero"])
            #expect(zero.status == 2)
            #expect(
                zero.stderr.contains("/dev/zero: cannot be read (byte 0 is a NUL: this is not JSON text)"))
            let random = try await BinaryRunner.run(["check", "/dev/urandom"])
            #expect(random.status == 2)
            #expect(random.stderr.contains("is a NUL"))
        }

        @Test func aGzipBombIsRefusedBeyondTheLimit() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let bomb = directory.appendingPathComponent("b.gz").path
            // 4 MiB of spaces between `[` and an order, in three gzip members.
            let made = try await Self.shell(
                "{ printf '[' | gzip; head -c 4194304 /dev/zero | tr '\\0' ' ' | gzip -9; "
                    + "printf '{\"id\":\"x\",\"status\":\"open\"}]' | gzip; } > '\(bomb)'")
            #expect(made.status == 0)
            let refused = try await BinaryRunner.run(
                ["print", bomb], environment: ["ORDERSCOPE_MAX_INPUT": "6M"])
            #expect(refused.status == 2)
            #expect(
                refused.stderr.contains("more than 3 MiB without a JSON string"), "stderr: \(refused.stderr)")
            let demo = directory.appendingPathComponent("demo.json.gz").path
            #expect(try await Self.shell("gzip -c Resources/demo-orders.json > '\(demo)'").status == 0)
            let big = try await BinaryRunner.run(
                ["print", demo], environment: ["ORDERSCOPE_MAX_INPUT": "1M"])
            #expect(big.status == 2)
            #expect(
                big.stderr.contains(
                    "the input is bigger than 1 MiB (set ORDERSCOPE_MAX_INPUT to allow more)"),
                "stderr: \(big.stderr)")
            let allowed = try await BinaryRunner.run(["print", bomb])
            #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
            #expect(allowed.stdout.contains("x "))
            // Nothing is left behind in the temporary directory.
            let spill = try await Self.shell("ls \"${TMPDIR:-/tmp}\" | grep -c orderscope-spill || true")
            #expect(spill.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }
}
