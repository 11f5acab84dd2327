import Foundation
import Testing

/// `orderscope check` as a real process: findings, JSON, and the exit codes 0, 1 and 2.
extension EndToEnd {
    @Suite("check command")
    struct CheckCommandTests {
        @Test func sampleDumpHasTheTwoKnownAnomalousOrders() async throws {
            let result = try await BinaryRunner.run(["check", "Resources/sample-orders.json"])
            #expect(result.status == 1, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("SO-100004"))
            #expect(result.stdout.contains("✗ captured 3 600 JPY is more than the 3 000 JPY authorized"))
            #expect(result.stdout.hasSuffix("6 orders checked, 2 with anomalies (20 in all)\n"))
        }

        @Test func demoDatasetReportsItsPlantedAnomaliesAsJSON() async throws {
            let result = try await BinaryRunner.run(["check", "Resources/demo-orders.json", "--json"])
            #expect(result.status == 1)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(json?["checked"] as? Int == 300)
            #expect(json?["orders_with_anomalies"] as? Int == 18)
            // Exactly the planted anomalies (one per order, every kind the generator plants): no false ones.
            let findings = json?["findings"] as? [[String: Any]] ?? []
            let kinds = findings.flatMap {
                ($0["anomalies"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            }
            #expect(kinds.count == 18)
            #expect(
                Set(kinds) == [
                    "totals", "overCaptured", "overRefunded", "payoutChildren", "paymentStatus",
                    "failedOperation", "danglingLineID",
                ])
        }

        @Test func cleanDumpExitsZero() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("clean.json")
            let generated = try await BinaryRunner.run([
                "generate", "--count", "1000", "--seed", "7", "--anomaly-rate", "0", "--out", file.path,
            ])
            #expect(generated.status == 0, "stderr: \(generated.stderr)")
            let result = try await BinaryRunner.run(["check", file.path])
            #expect(result.status == 0, "stdout: \(result.stdout)")
            #expect(result.stdout.hasSuffix("1000 orders checked, 0 with anomalies (0 in all)\n"))
            let json = try await BinaryRunner.run(["check", file.path, "--json"])
            #expect(json.status == 0)
            #expect(json.stdout.contains("\"load_problems\": [\n  ]"))
        }

        @Test func aDamagedDumpIsReportedAndIsNotClean() async throws {
            let files = [
                "Tests/Fixtures/dumps/truncated-array.json", "Tests/Fixtures/dumps/orders-bad-line.ndjson",
            ]
            let text = try await BinaryRunner.run(["check"] + files)
            #expect(text.status == 1, "stdout: \(text.stdout)")
            #expect(
                text.stdout.contains("  ✗ Tests/Fixtures/dumps/truncated-array.json:22:25: the file ends"))
            #expect(
                text.stdout.contains(
                    "  ✗ Tests/Fixtures/dumps/orders-bad-line.ndjson:4:1: line 4 is not a valid order"))
            #expect(text.stdout.hasSuffix("5 orders checked, 0 with anomalies (0 in all), 3 load problems\n"))

            let json = try await BinaryRunner.run(["check", files[1], "--json"])
            #expect(json.status == 1)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let problems = try #require(report["load_problems"] as? [[String: Any]])
            #expect(problems.map { $0["line"] as? Int } == [2, 4])
            #expect(problems.allSatisfy { $0["file"] as? String == files[1] && $0["column"] is Int })
        }

        @Test func rawControlCharactersAndInvalidUTF8AreLoadProblems() async throws {
            // Issue 22, item 15: read (the order is checked and printed) but not clean.
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("text.json")
            let bytes: [UInt8] =
                Array("[\n{\"id\": \"a\", \"status\": \"open\", \"comment\": \"x\ty\"},\n".utf8)
                + Array("{\"id\": \"b\", \"status\": \"open\", \"comment\": \"".utf8) + [0xFF]
                + Array("\"}\n]\n".utf8)
            try Data(bytes).write(to: file)
            let result = try await BinaryRunner.run(["check", file.path])
            #expect(result.status == 1, "stdout: \(result.stdout)")
            #expect(
                result.stdout.contains(
                    "text.json:2:44: order a: raw control character U+0009 inside a string"))
            #expect(
                result.stdout.contains("text.json:3:43: order b: invalid UTF-8 byte 0xFF inside a string"))
            #expect(
                result.stdout.hasSuffix("2 orders checked, 0 with anomalies (0 in all), 2 load problems\n"))
            let detail = try await BinaryRunner.run(["print", file.path, "--order", "a"])
            #expect(detail.status == 1)
            #expect(detail.stdout.contains(#"x\ty"#), "stdout: \(detail.stdout)")
            #expect(
                detail.stderr.contains(
                    "text.json:2:44: order a: raw control character U+0009 inside a string"))
        }

        @Test func unusableInputExitsTwo() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let result = try await BinaryRunner.run(["check", directory.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("is a directory"))
        }
    }
}
