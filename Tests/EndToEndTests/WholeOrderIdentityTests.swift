import Foundation
import Testing

/// The whole-order work (`check`, and `export`'s anomalies column) gives exactly what it gave
/// before it was made faster (issue 19): the expected files in Tests/Fixtures/expected-whole-order
/// were written by the code before the change (commit 003f714 with the text problems of issue 22
/// item 15), from the demo data, the sample, the seed order, the hostile dump and a generated
/// dump (3,000 orders, seed 19, 90 with planted anomalies: only its rows with anomalies are kept).
/// The filtered and sorted exports' expected files were written by 60ec5a8, before the anomaly
/// counts went to the list by position.
extension EndToEnd {
    @Suite("whole-order output identity")
    struct WholeOrderIdentityTests {
        static let expected = "Tests/Fixtures/expected-whole-order/"

        static func expectedText(_ name: String) -> String {
            BinaryRunner.readText(BinaryRunner.packageRoot.appendingPathComponent(expected + name).path)
        }

        @Test(arguments: [
            ("demo", "Resources/demo-orders.json"), ("sample", "Resources/sample-orders.json"),
            ("seed", "Tests/Fixtures/model/seed-order.json"),
            ("hostile", "Tests/Fixtures/dumps/hostile.json"),
        ])
        func checkAndExportAreUnchanged(name: String, file: String) async throws {
            let check = try await BinaryRunner.run(["check", "--json", file])
            #expect(check.status == 1)
            #expect(
                check.stdout == Self.expectedText(name + ".check.json"), "check --json of \(file) changed")
            let directory = try BinaryRunner.temporaryDirectory()
            let csv = directory.appendingPathComponent("out.csv").path
            let export = try await BinaryRunner.run(["export", file, "--out", csv])
            // The hostile dump holds bytes that are not UTF-8: reported, and exit 1 (issue 22).
            #expect(export.status == (name == "hostile" ? 1 : 0), "stderr: \(export.stderr)")
            if name == "hostile" {
                #expect(export.stderr.contains("invalid UTF-8 byte 0xFF inside a string"))
            }
            #expect(
                BinaryRunner.readText(csv) == Self.expectedText(name + ".csv"),
                "the CSV export of \(file) changed")
        }

        @Test func generatedDumpChecksAndExportsAsBefore() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let dump = directory.appendingPathComponent("generated.json").path
            let generated = try await BinaryRunner.run([
                "generate", "--count", "3000", "--seed", "19", "--out", dump,
            ])
            #expect(generated.status == 0, "stderr: \(generated.stderr)")
            let check = try await BinaryRunner.run(["check", "--json", dump])
            #expect(check.status == 1)
            #expect(check.stdout == Self.expectedText("generated.check.json"))
            let csv = directory.appendingPathComponent("out.csv").path
            let export = try await BinaryRunner.run(["export", dump, "--out", csv])
            #expect(export.status == 0, "stderr: \(export.stderr)")
            // id and anomaly count of every row with anomalies, as the expected file holds them.
            let rows = BinaryRunner.readText(csv).split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(rows.count == 3000)
            let flagged = rows.filter { $0.last != "0" }.map { "\($0[1]),\($0.last ?? "")\n" }.joined()
            #expect(flagged == Self.expectedText("generated.anomalies.csv"))
            // Filtered and sorted by the counts as they arrive (by position, chunk by chunk), and
            // written row by row: the same bytes as before (expected files written by 60ec5a8).
            let sorted = directory.appendingPathComponent("sorted.csv").path
            let filtered = try await BinaryRunner.run([
                "export", dump, "--filter", "anomaly", "--sort", "anomaly:desc", "--out", sorted,
            ])
            #expect(filtered.status == 0, "stderr: \(filtered.stderr)")
            #expect(BinaryRunner.readText(sorted) == Self.expectedText("generated.anomaly-sorted.csv"))
        }

        @Test func demoFilteredWithoutAnomaliesExportsAsBefore() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let csv = directory.appendingPathComponent("open.csv").path
            let export = try await BinaryRunner.run([
                "export", "Resources/demo-orders.json", "--filter=-anomaly status:open", "--sort",
                "customer:desc",
                "--out", csv,
            ])
            #expect(export.status == 0, "stderr: \(export.stderr)")
            #expect(BinaryRunner.readText(csv) == Self.expectedText("demo.open-without-anomalies.csv"))
        }
    }
}
