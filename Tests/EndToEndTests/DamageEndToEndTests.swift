import Foundation
import Testing

/// Damage is never silent to scripts, and what is not an order is refused by every command.
extension EndToEnd {
    @Suite("damaged and foreign input")
    struct DamageEndToEndTests {
        /// A 400-order array (one per line) with one broken byte in order 200.
        static func brokenDump() throws -> String {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("broken.json")
            var lines: [String] = []
            for index in 0..<400 {
                lines.append(
                    #"{"id":"o\#(index)","order_number":"SO-\#(index)","currency":"NOK","status":"open","gross_amount":\#(1000 + index)}"#
                )
            }
            lines[199] = lines[199].replacingOccurrences(of: #""status":"#, with: #""status"x"#)
            try Data(("[\n" + lines.joined(separator: ",\n") + "\n]\n").utf8).write(to: file)
            return file.path
        }

        @Test func everyCommandKeepsTheRestAndExitsOne() async throws {
            let file = try Self.brokenDump()
            let printed = try await BinaryRunner.run(["print", file])
            #expect(printed.status == 1, "stderr: \(printed.stderr)")
            #expect(printed.stdout.split(separator: "\n").count == 400)  // a header and 399 orders
            #expect(!printed.stdout.contains("SO-199 "))
            #expect(printed.stdout.contains("SO-399"))
            #expect(
                printed.stderr.contains("order 200 (id o199), which starts at line 201, column 1, is damaged")
            )

            let out = try BinaryRunner.temporaryDirectory().appendingPathComponent("out.ndjson").path
            let exported = try await BinaryRunner.run(["export", file, "--out", out])
            #expect(exported.status == 1, "stderr: \(exported.stderr)")
            #expect(BinaryRunner.readText(out).split(separator: "\n").count == 399)

            let checked = try await BinaryRunner.run(["check", file])
            #expect(checked.status == 1)
            #expect(
                checked.stdout.hasSuffix("399 orders checked, 0 with anomalies (0 in all), 1 load problem\n"))

            let screen = try await BinaryRunner.run(["browse", file, "--screen-dump", "100x20"])
            #expect(screen.status == 1)
            #expect(screen.stdout.contains("399/399 orders"), "screen: \(screen.stdout)")

            let detail = try await BinaryRunner.run(["print", file, "--order", "SO-300"])
            #expect(detail.status == 1)
            #expect(detail.stdout.contains("SO-300"))
        }

        @Test(arguments: [
            "session-list.json", "transaction-items.json", "cancellation.json",
            "session-create-response.json",
        ])
        func whatIsNotAnOrderIsRefusedByEveryCommand(name: String) async throws {
            let file = "Tests/Fixtures/dumps/dintero/" + name
            let out = try BinaryRunner.temporaryDirectory().appendingPathComponent("out.csv").path
            for arguments in [
                ["print", file], ["check", file], ["export", file, "--out", out],
                ["browse", file, "--screen-dump", "80x24"],
            ] {
                let result = try await BinaryRunner.run(arguments)
                #expect(result.status == 2, "\(arguments): \(result.stdout)")
                #expect(result.stderr.contains("holds no orders (a "), "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments) drew rows: \(result.stdout)")
            }
        }
    }
}

extension EndToEnd.DamageEndToEndTests {
    @Test func checkCountsFieldsItCannotRead() async throws {
        let file = try BinaryRunner.temporaryDirectory().appendingPathComponent("unreadable.json")
        try Data(
            #"[{"id":"a","status":"open","gross_amount":"abc"},{"id":"b","currency":"NOK","gross_amount":1e400},{"id":"c","status":"open","items":"notalist"}]"#
                .utf8
        ).write(to: file)
        let result = try await BinaryRunner.run(["check", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ gross_amount cannot be read: expected an integer, found \"abc\""))
        #expect(result.stdout.hasSuffix("3 orders checked, 3 with anomalies (3 in all)\n"))
    }
}

extension EndToEnd.DamageEndToEndTests {
    /// Size is limited per order: a too-big order is skipped and its neighbours kept (issue 22, item 8).
    @Test func anOrderOverTheSizeLimitCostsOnlyItself() async throws {
        let file = try BinaryRunner.temporaryDirectory().appendingPathComponent("big.json")
        let big = String(repeating: "x", count: 4_000)
        try Data(
            ("[\n" + #"{"id":"a","status":"open"},"# + "\n" + #"{"id":"b","status":"open","note":"\#(big)"},"#
                + "\n" + #"{"id":"c","status":"open"}"# + "\n]\n").utf8
        ).write(to: file)
        let result = try await BinaryRunner.run(
            ["print", file.path], environment: ["ORDERSCOPE_MAX_ORDER": "2K"])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 3)  // a header, a and c
        #expect(
            result.stderr.contains(
                ":3:1: an order of 3 KiB, over the limit of 2 KiB for one order (ORDERSCOPE_MAX_ORDER) was skipped"
            ),
            "stderr: \(result.stderr)")
        #expect(try await BinaryRunner.run(["print", file.path]).status == 0)
    }
}
