import Foundation
import Testing

/// `orderscope check` as a real process: findings, JSON, and the exit codes 0, 1 and 2.
extension EndToEnd {
    @Suite("check command")
    struct CheckCommandTests {
        @Test func sampleDumpHasTheTwoKnownAnomalousOrders() throws {
            let result = try BinaryRunner.run(["check", "Resources/sample-orders.json"])
            #expect(result.status == 1, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("SO-100004"))
            #expect(result.stdout.contains("✗ captured 3 600 JPY is more than the 3 000 JPY authorized"))
            #expect(result.stdout.hasSuffix("6 orders checked, 2 with anomalies (19 in all)\n"))
        }

        @Test func demoDatasetReportsItsPlantedAnomaliesAsJSON() throws {
            let result = try BinaryRunner.run(["check", "Resources/demo-orders.json", "--json"])
            #expect(result.status == 1)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(json?["checked"] as? Int == 300)
            #expect(json?["orders_with_anomalies"] as? Int == 18)
        }

        @Test func cleanDumpExitsZero() throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("clean.json")
            let generated = try BinaryRunner.run(["generate", "--count", "40", "--seed", "7", "--anomaly-rate", "0", "--out", file.path])
            #expect(generated.status == 0, "stderr: \(generated.stderr)")
            let result = try BinaryRunner.run(["check", file.path])
            #expect(result.status == 0, "stdout: \(result.stdout)")
            #expect(result.stdout.contains("40 orders checked, 0 with anomalies"))
        }

        @Test func unusableInputExitsTwo() throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let result = try BinaryRunner.run(["check", directory.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("is a directory"))
        }
    }
}
