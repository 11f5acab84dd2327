import Foundation
import Testing

/// The operator commands as real processes: `export` and `--redact` on `print`.
extension EndToEnd {
    @Suite("operator commands")
    struct OperatorCommandTests {
        @Test func exportWritesTheFilteredSortedListAsCSV() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let out = directory.appendingPathComponent("open.csv").path
            let result = try await BinaryRunner.run([
                "export", "Resources/sample-orders.json", "--out", out, "--filter", "status:open", "--sort",
                "amount:desc",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.contains("exported"))
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("order_number,id,created_at") == true)
            #expect(lines.count >= 2)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",open,") })
        }

        @Test func exportRedactedJSONReopensAndHoldsNoNames() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let out = directory.appendingPathComponent("all.json").path
            let plain = try await BinaryRunner.run(["print", "Resources/sample-orders.json"])
            let result = try await BinaryRunner.run([
                "export", "Resources/sample-orders.json", "--out", out, "--redact",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let printed = try await BinaryRunner.run(["print", out])
            #expect(printed.status == 0)
            #expect(printed.stdout.contains("[redacted]"))
            // The plain table shows customers that the redacted one does not.
            let redactedPrint = try await BinaryRunner.run([
                "print", "Resources/sample-orders.json", "--redact",
            ])
            #expect(redactedPrint.stdout == printed.stdout)
            #expect(plain.stdout != printed.stdout)
        }

        @Test func exportRunsTheAnomalyChecksBeforeAnAnomalyFilter() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            var counts: [Int] = []
            for filter in ["anomaly", "-anomaly"] {
                let out = directory.appendingPathComponent("not\(filter).csv").path
                // `--filter=-anomaly`: a value that starts with `-` must be glued to its option.
                let result = try await BinaryRunner.run([
                    "export", "Resources/demo-orders.json", "--out", out, "--filter=\(filter)",
                ])
                #expect(result.status == 0, "stderr: \(result.stderr)")
                let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
                counts.append(lines.count - 1)  // less the header
            }
            // The demo dataset plants anomalies in some orders, not all: both filters keep some,
            // and together they keep every one of the 300 orders.
            #expect(counts[0] > 0 && counts[1] > 0, "\(counts)")
            #expect(counts[0] + counts[1] == 300, "\(counts)")
        }

        @Test func exportFillsTheAnomaliesColumnAndSortsByIt() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let out = directory.appendingPathComponent("by-anomaly.csv").path
            let result = try await BinaryRunner.run([
                "export", "Resources/demo-orders.json", "--out", out, "--sort", "anomaly:desc",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n").dropFirst()
            let counts = rows.map { Int($0.split(separator: ",").last ?? "") }
            #expect(counts.allSatisfy { $0 != nil }, "an empty anomalies cell")
            let values = counts.compactMap { $0 }
            #expect(values.count == 300)
            #expect(values == values.sorted(by: >), "not sorted by anomalies, most first")
            #expect(values.first ?? 0 > 0 && values.last == 0)

            let bad = try await BinaryRunner.run([
                "export", "Resources/demo-orders.json", "--out", out, "--sort", "amount:down",
            ])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("COLUMN:asc or COLUMN:desc"))
        }

        @Test func aScreenDumpWaitsForTheAnomalyCheck() async throws {
            // The demo plants anomalies in 18 of its 300 orders; the check runs in the background.
            let result = try await BinaryRunner.run([
                "demo", "--screen-dump", "120x30", "--keys", "/ anomaly Enter",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("18 shown · 300/300 orders · filter anomaly"), "\(result.stdout)")
        }

        @Test func exportRefusesAnUnknownFormat() async throws {
            let result = try await BinaryRunner.run([
                "export", "Resources/sample-orders.json", "--out", "x.txt",
            ])
            #expect(result.status != 0)
            #expect(result.stderr.contains(".csv, .json or .ndjson"))
        }

        @Test func aBadConfigStopsStartupWithExitTwoBeforeTheScreenIsTaken() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("config.toml")
            try "[keys]\nquitt = [\"Q\"]\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            let result = try await BinaryRunner.run(
                ["demo"], environment: ["ORDERSCOPE_CONFIG": file.path, "TERM": "xterm"])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)  // nothing was sent to the terminal
            #expect(
                result.stderr.contains(
                    "config.toml:2:1: unknown key command \"quitt\" in [keys] (did you mean `quit`?)"))
        }

        @Test func aConfigRebindsKeysInTheRealBinary() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("config.toml")
            try "redact = true\n[keys]\nhelp = [\"F1\"]\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            let result = try await BinaryRunner.run(
                ["demo", "--config", file.path, "--screen-dump", "100x40", "--keys", "F1"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("F1"))
            #expect(result.stdout.contains("Help"))
            let defaults = try await BinaryRunner.run(["config", "--print-defaults"])
            #expect(defaults.stdout.contains("page_size = 100"))
        }

        /// An empty config file and an empty key script are valid. Reading either leaked a 4 KB
        /// buffer (Foundation's read of an empty file), so the AddressSanitizer build exited 1.
        @Test func anEmptyConfigFileAndAnEmptyKeyScriptAreAccepted() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let config = directory.appendingPathComponent("config.toml")
            let script = directory.appendingPathComponent("empty.keys")
            let owner: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
            #expect(FileManager.default.createFile(atPath: config.path, contents: Data(), attributes: owner))
            #expect(FileManager.default.createFile(atPath: script.path, contents: Data()))
            let result = try await BinaryRunner.run(
                ["demo", "--config", config.path, "--script", script.path, "--screen-dump", "80x24"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("/300 orders"))
        }

        @Test func demoScriptWorksWithScreenDump() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let script = directory.appendingPathComponent("demo.keys")
            try "# find the SEK orders\n/ currency:SEK\nsleep 0.2\nEnter\n".write(
                to: script, atomically: true, encoding: .utf8)
            let result = try await BinaryRunner.run([
                "demo", "--script", script.path, "--screen-dump", "120x30",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("/currency:SEK"))
            try "Entr\n".write(to: script, atomically: true, encoding: .utf8)
            let bad = try await BinaryRunner.run(["demo", "--script", script.path, "--screen-dump", "120x30"])
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("demo.keys: line 1: unknown key \"Entr\""))
        }

        @Test func theManPageMentionsEverySubcommandAndOption() async throws {
            let man = try await BinaryRunner.run(["man"])
            #expect(man.status == 0)
            #expect(man.stdout.hasPrefix(".TH ORDERSCOPE 1"))
            // The command tree as ArgumentParser itself describes it, independent of the man code.
            let dump = try await BinaryRunner.run(["--experimental-dump-help"])
            let tool = try #require(
                try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
            let root = try #require(tool["command"] as? [String: Any])
            let subcommands = try #require(root["subcommands"] as? [[String: Any]])
            var checked = 0
            for command in subcommands where (command["shouldDisplay"] as? Bool) ?? true {
                guard let name = command["commandName"] as? String, name != "help" else { continue }
                let marker = ".SS \(name)\n"
                #expect(man.stdout.contains(marker), "no section for \(name)")
                guard let start = man.stdout.range(of: marker) else { continue }
                let rest = man.stdout[start.upperBound...]
                let section = rest.range(of: ".SS ").map { rest[..<$0.lowerBound] } ?? rest
                for argument in command["arguments"] as? [[String: Any]] ?? [] {
                    guard (argument["shouldDisplay"] as? Bool) ?? true,
                        let names = argument["names"] as? [[String: Any]],
                        let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String
                    else { continue }
                    #expect(section.contains("--" + long), "\(name): --\(long) missing from the man page")
                    checked += 1
                }
            }
            #expect(checked > 40)
        }

        @Test func shellCompletionScriptsCoverTheCommands() async throws {
            for shell in ["bash", "zsh", "fish"] {
                let result = try await BinaryRunner.run(["--generate-completion-script", shell])
                #expect(result.status == 0)
                for word in ["browse", "export", "config", "redact", "script", "print-defaults"] {
                    #expect(result.stdout.contains(word), "\(shell) completion lacks \(word)")
                }
            }
        }
    }
}
