import Foundation
import Testing

/// The operator commands as real processes: `export` and `--redact` on `print`.
@Suite("operator commands", .serialized)
struct OperatorCommandTests {
    @Test func exportWritesTheFilteredSortedListAsCSV() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let out = directory.appendingPathComponent("open.csv").path
        let result = try BinaryRunner.run([
            "export", "Resources/sample-orders.json", "--out", out, "--filter", "status:open", "--sort", "amount:desc",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("exported"))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("order_number,id,created_at") == true)
        #expect(lines.count >= 2)
        #expect(lines.dropFirst().allSatisfy { $0.contains(",open,") })
    }

    @Test func exportRedactedJSONReopensAndHoldsNoNames() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let out = directory.appendingPathComponent("all.json").path
        let plain = try BinaryRunner.run(["print", "Resources/sample-orders.json"])
        let result = try BinaryRunner.run(["export", "Resources/sample-orders.json", "--out", out, "--redact"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let printed = try BinaryRunner.run(["print", out])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("[redacted]"))
        // The plain table shows customers that the redacted one does not.
        let redactedPrint = try BinaryRunner.run(["print", "Resources/sample-orders.json", "--redact"])
        #expect(redactedPrint.stdout == printed.stdout)
        #expect(plain.stdout != printed.stdout)
    }

    @Test func exportRefusesAnUnknownFormat() throws {
        let result = try BinaryRunner.run(["export", "Resources/sample-orders.json", "--out", "x.txt"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(".csv, .json or .ndjson"))
    }

    @Test func aBadConfigStopsStartupWithExitTwoBeforeTheScreenIsTaken() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("config.toml")
        try "[keys]\nquitt = [\"Q\"]\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let result = try BinaryRunner.run(["demo"], environment: ["ORDERSCOPE_CONFIG": file.path, "TERM": "xterm"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)  // nothing was sent to the terminal
        #expect(result.stderr.contains("config.toml:2:1: unknown key command \"quitt\" in [keys] (did you mean `quit`?)"))
    }

    @Test func aConfigRebindsKeysInTheRealBinary() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("config.toml")
        try "redact = true\n[keys]\nhelp = [\"F1\"]\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let result = try BinaryRunner.run(
            ["demo", "--config", file.path, "--screen-dump", "100x40", "--keys", "F1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("F1"))
        #expect(result.stdout.contains("Help"))
        let defaults = try BinaryRunner.run(["config", "--print-defaults"])
        #expect(defaults.stdout.contains("page_size = 100"))
    }
}
