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
        func expectUsageError(_ arguments: [String], saying message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 2, "\(arguments): status \(result.status), stderr: \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(message), "\(arguments): stderr: \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("--help"), "\(arguments): no help hint in \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        }

        @Test func export() throws {
            let out = try BinaryRunner.temporaryDirectory().appendingPathComponent("x.csv").path
            try expectUsageError(["export", Self.sample, "--out", out, "--filter", "created>=yesterdayish"], saying: "--filter")
            try expectUsageError(["export", Self.sample, "--out", out, "--sort", "colour"], saying: "--sort needs a column")
            try expectUsageError(["export", Self.sample, "--out", out, "--sort", "amount:sideways"], saying: "--sort takes COLUMN")
            try expectUsageError(["export", Self.sample, "--out", out + ".txt"], saying: "end --out in .csv")
            try expectUsageError(["export", Self.sample, "--out", out, "--format", "xml"], saying: "--format must be csv, json or ndjson")
            try expectUsageError(["export", Self.sample], saying: "--out")
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        @Test func print() throws {
            try expectUsageError(["print"], saying: "give at least one dump file")
            try expectUsageError(["print", Self.sample, "--colour"], saying: "--colour")
            try expectUsageError(["print", "--api", "--store", "s1"], saying: "print --api needs --order ID")
        }

        @Test func check() throws {
            try expectUsageError(["check"], saying: "Missing expected argument")
            try expectUsageError(["check", Self.sample, "--yaml"], saying: "--yaml")
        }

        @Test func fetch() throws {
            try expectUsageError(["fetch", "--status", "shipped", "--out", "x.json"], saying: "--status must be one of open, closed, cancelled")
            try expectUsageError(["fetch", "--payment-status", "unpaid", "--out", "x.json"], saying: "--payment-status must be one of")
            try expectUsageError(["fetch", "--limit", "500", "--out", "x.json"], saying: "--limit must be 1...100")
            try expectUsageError(["fetch", "--limit", "many", "--out", "x.json"], saying: "many")
        }

        @Test func browseAndDemo() throws {
            try expectUsageError(["browse", "--follow", "5", Self.sample], saying: "--follow needs --api")
            try expectUsageError(["browse", "--api", Self.sample], saying: "give either dump files or --api, not both")
            try expectUsageError([Self.sample, "--screen-dump", "wide"], saying: "--screen-dump needs a size")
            try expectUsageError(["demo", "--keys", "j"], saying: "--keys needs --screen-dump")
        }

        @Test func config() throws {
            try expectUsageError(["config", "--print-everything"], saying: "--print-everything")
            try expectUsageError(["config", "--config"], saying: "Missing value for '--config")
        }

        @Test func generate() throws {
            try expectUsageError(["generate", "--count", "10", "--anomaly-rate", "2"], saying: "--anomaly-rate must be between 0 and 1")
            try expectUsageError(["generate", "--count", "10", "--format", "csv"], saying: "--format must be 'array' or 'ndjson'")
        }

        @Test func mockAPI() throws {
            try expectUsageError(["mock-api", "--dump", Self.sample, "--port", "70000"], saying: "--port must be 0...65535")
            try expectUsageError(["mock-api", "--dump", Self.sample, "--tls-cert", "c.pem"], saying: "--tls-cert and --tls-key go together")
        }

        @Test func manAndTheTopLevel() throws {
            try expectUsageError(["man", "extra"], saying: "Unexpected argument 'extra'")
            try expectUsageError([Self.sample, "--no-such-option"], saying: "Unknown option '--no-such-option'")
        }

        /// The message quotes what was typed; control bytes in it are made visible, not sent to
        /// the terminal.
        @Test func theMessageIsSanitized() throws {
            let result = try BinaryRunner.run(["export", Self.sample, "--out", "x.csv", "--format", "\u{1B}]0;owned\u{07}xml"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--format must be csv"))
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(!result.stderr.contains("\u{07}"))
        }

        /// Help, the version and the completion scripts are not errors.
        @Test func helpAndVersionStillExitZero() throws {
            let help = try BinaryRunner.run(["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("man "), "man missing from --help: \(help.stdout)")
            #expect(try BinaryRunner.run(["export", "--help"]).status == 0)
            #expect(try BinaryRunner.run(["--version"]).status == 0)
        }
    }
}
