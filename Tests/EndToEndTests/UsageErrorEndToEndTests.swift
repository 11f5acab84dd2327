import Foundation
import Testing

/// A usage error (a bad option value, a missing or unexpected argument, options that do not go
/// together) ends every command with exit status 2, as README's "Exit status" says, never
/// ArgumentParser's own 64; the message says what was wrong and how to get help.
extension EndToEnd {
    @Suite("usage errors exit 2")
    struct UsageErrorEndToEndTests {
        static let sample = "Resources/sample-orders.json"

        /// Runs a bad command line and checks the status, the message and that nothing was
        /// written to standard output.
        func expectUsageError(
            _ arguments: [String], saying message: String, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let result = try await BinaryRunner.run(arguments)
            #expect(
                result.status == 2, "\(arguments): status \(result.status), stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains(message), "\(arguments): stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains("--help"), "\(arguments): no help hint in \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        }

        @Test func export() async throws {
            let out = try BinaryRunner.temporaryDirectory().appendingPathComponent("x.csv").path
            try await expectUsageError(
                ["export", Self.sample, "--out", out, "--filter", "created>=yesterdayish"], saying: "--filter"
            )
            try await expectUsageError(
                ["export", Self.sample, "--out", out, "--sort", "colour"], saying: "--sort needs a column")
            try await expectUsageError(
                ["export", Self.sample, "--out", out, "--sort", "amount:sideways"],
                saying: "--sort takes COLUMN")
            try await expectUsageError(
                ["export", Self.sample, "--out", out + ".txt"], saying: "end --out in .csv")
            try await expectUsageError(
                ["export", Self.sample, "--out", out, "--format", "xml"],
                saying: "--format must be csv, json or ndjson")
            try await expectUsageError(["export", Self.sample], saying: "--out")
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        @Test func print() async throws {
            try await expectUsageError(["print"], saying: "give at least one dump file")
            try await expectUsageError(["print", Self.sample, "--colour"], saying: "--colour")
            try await expectUsageError(
                ["print", "--api", "--store", "s1"], saying: "print --api needs --order ID")
        }

        @Test func check() async throws {
            try await expectUsageError(["check"], saying: "Missing expected argument")
            try await expectUsageError(["check", Self.sample, "--yaml"], saying: "--yaml")
        }

        @Test func fetch() async throws {
            try await expectUsageError(
                ["fetch", "--status", "shipped", "--out", "x.json"],
                saying: "--status must be one of open, closed, cancelled")
            try await expectUsageError(
                ["fetch", "--payment-status", "unpaid", "--out", "x.json"],
                saying: "--payment-status must be one of")
            try await expectUsageError(
                ["fetch", "--limit", "500", "--out", "x.json"], saying: "--limit must be 1...100")
            try await expectUsageError(["fetch", "--limit", "many", "--out", "x.json"], saying: "many")
        }

        @Test func browseAndDemo() async throws {
            try await expectUsageError(
                ["browse", "--follow", "5", Self.sample], saying: "--follow needs --api")
            try await expectUsageError(
                ["browse", "--api", Self.sample], saying: "give either dump files or --api, not both")
            try await expectUsageError(
                [Self.sample, "--screen-dump", "wide"], saying: "--screen-dump needs a size")
            try await expectUsageError(["demo", "--keys", "j"], saying: "--keys needs --screen-dump")
        }

        @Test func config() async throws {
            try await expectUsageError(["config", "--print-everything"], saying: "--print-everything")
            try await expectUsageError(["config", "--config"], saying: "Missing value for '--config")
        }

        @Test func generate() async throws {
            try await expectUsageError(
                ["generate", "--count", "10", "--anomaly-rate", "2"],
                saying: "--anomaly-rate must be between 0 and 1")
            try await expectUsageError(
                ["generate", "--count", "10", "--format", "csv"],
                saying: "--format must be 'array' or 'ndjson'")
        }

        @Test func mockAPI() async throws {
            try await expectUsageError(
                ["mock-api", "--dump", Self.sample, "--port", "70000"], saying: "--port must be 0...65535")
            try await expectUsageError(
                ["mock-api", "--dump", Self.sample, "--tls-cert", "c.pem"],
                saying: "--tls-cert and --tls-key go together")
        }

        @Test func manAndTheTopLevel() async throws {
            try await expectUsageError(["man", "extra"], saying: "Unexpected argument 'extra'")
            try await expectUsageError(
                [Self.sample, "--no-such-option"], saying: "Unknown option '--no-such-option'")
        }

        /// The message quotes what was typed; control bytes in it are made visible, not sent to
        /// the terminal.
        @Test func theMessageIsSanitized() async throws {
            let result = try await BinaryRunner.run([
                "export", Self.sample, "--out", "x.csv", "--format", "\u{1B}]0;owned\u{07}xml",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--format must be csv"))
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(!result.stderr.contains("\u{07}"))
        }

        /// Help, the version and the completion scripts are not errors.
        @Test func helpAndVersionStillExitZero() async throws {
            let help = try await BinaryRunner.run(["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("man "), "man missing from --help: \(help.stdout)")
            await #expect(try BinaryRunner.run(["export", "--help"]).status == 0)
            await #expect(try BinaryRunner.run(["--version"]).status == 0)
        }
    }
}
