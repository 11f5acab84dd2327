import Foundation
import Testing

/// The shell completion scripts the binary generates: bash's is sourced and its function called
/// as bash would on Tab; zsh and fish are not installed on the build machine, so their scripts
/// are checked for the value lists and file completion they hand to the shell.
extension EndToEnd {
    @Suite("shell completion")
    struct CompletionEndToEndTests {
        static let formats = ["csv", "json", "ndjson"]
        static let columns = ["number", "created", "customer", "status", "payment", "amount", "anomaly"]
        static let statuses = ["open", "closed", "cancelled"]
        static let paymentStatuses = ["pending", "partially_paid", "paid", "partially_refunded", "refunded"]

        /// A folder with the generated bash script, a driver that plays bash's part on Tab, and
        /// files of several kinds to complete.
        struct BashFixture {
            let directory: URL

            init() async throws {
                directory = try BinaryRunner.temporaryDirectory()
                let generated = try await BinaryRunner.run(["--generate-completion-script", "bash"])
                #expect(generated.status == 0, "stderr: \(generated.stderr)")
                try generated.stdout.write(
                    to: directory.appendingPathComponent("orderscope.bash"), atomically: true, encoding: .utf8
                )
                // What bash does on Tab: COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set, then the
                // function `complete -p` names called with the command, the word and the one before.
                let driver = """
                    cd "$1/files" || exit 3
                    source "$1/orderscope.bash" || exit 4
                    function=$(complete -p orderscope | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')
                    [ -n "$function" ] || exit 5
                    mapfile -t COMP_WORDS <<< "$WORDS"
                    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                    COMP_LINE="${COMP_WORDS[*]}"
                    COMP_POINT=${#COMP_LINE}
                    COMPREPLY=()
                    "$function" orderscope "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                    printf '%s\\n' "${COMPREPLY[@]}"
                    """
                try driver.write(
                    to: directory.appendingPathComponent("driver.bash"), atomically: true, encoding: .utf8)
                let files = directory.appendingPathComponent("files")
                try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
                for name in ["orders.json", "notes.txt", "report.csv", "settings.toml"] {
                    try Data("x".utf8).write(to: files.appendingPathComponent(name))
                }
            }

            /// The completions bash offers for `words` (the last one is the word being completed).
            func complete(_ words: [String]) async throws -> [String] {
                let result = try await BinaryRunner.shell(
                    #"bash "$DIR/driver.bash" "$DIR""#,
                    environment: [
                        "DIR": directory.path, "WORDS": (["orderscope"] + words).joined(separator: "\n"),
                    ])
                #expect(result.status == 0, "driver failed (\(result.status)): \(result.stderr)")
                return result.stdout.split(separator: "\n").map(String.init).sorted()
            }
        }

        @Test func bashOffersTheValuesOfFormatSortAndStatusOptions() async throws {
            let bash = try await BashFixture()
            await #expect(try bash.complete(["export", "--format", ""]) == Self.formats.sorted())
            await #expect(try bash.complete(["export", "--format", "nd"]) == ["ndjson"])
            await #expect(try bash.complete(["export", "--sort", ""]) == Self.columns.sorted())
            await #expect(try bash.complete(["fetch", "--status", ""]) == Self.statuses.sorted())
            await #expect(
                try bash.complete(["browse", "--api", "--status", "c"]) == ["cancelled", "closed"])
            await #expect(
                try bash.complete(["fetch", "--payment-status", ""]) == Self.paymentStatuses.sorted())
            await #expect(try bash.complete(["generate", "--format", ""]) == ["array", "ndjson"])
        }

        @Test func bashCompletesFileNamesForFileArguments() async throws {
            let bash = try await BashFixture()
            let everyFile = ["notes.txt", "orders.json", "report.csv", "settings.toml"]
            await #expect(try bash.complete(["print", ""]) == everyFile)
            await #expect(try bash.complete(["check", "or"]) == ["orders.json"])
            await #expect(
                try bash.complete(["export", "orders.json", "--out", "orders.json", ""]) == everyFile)
            await #expect(try bash.complete(["mock-api", "--dump", ""]) == everyFile)
            await #expect(try bash.complete(["fetch", "--out", "o"]) == ["orders.json"])
            // --out of export takes only the extensions it can write, --config only TOML.
            await #expect(
                try bash.complete(["export", "orders.json", "--out", ""]) == ["orders.json", "report.csv"])
            await #expect(try bash.complete(["browse", "--config", ""]) == ["settings.toml"])
        }

        @Test func bashOffersEveryCommandIncludingMan() async throws {
            let bash = try await BashFixture()
            let commands = try await bash.complete([""])
            for command in [
                "browse", "demo", "print", "check", "export", "fetch", "config", "man", "generate",
                "mock-api",
            ] {
                #expect(commands.contains(command), "\(command) missing from \(commands)")
            }
        }

        @Test func zshScriptCompletesFilesAndValueLists() async throws {
            let result = try await BinaryRunner.run(["--generate-completion-script", "zsh"])
            #expect(result.status == 0)
            let script = result.stdout
            #expect(script.hasPrefix("#compdef orderscope"))
            for list in [Self.formats, Self.columns, Self.statuses, Self.paymentStatuses] {
                let array = "=(" + list.map { "'\($0)'" }.joined(separator: " ") + ")"
                #expect(script.contains(array), "no value list \(array)")
            }
            #expect(
                script.contains(
                    #"--out[The file to write; its extension (.csv, .json, .ndjson) picks the format.]:FILE:_files -g '\''*.csv *.json *.ndjson *.jsonl'\''"#
                ))
            #expect(script.contains(#":FILE:_files -g '\''*.toml'\''"#))
            for command in ["browse", "print", "check", "export"] {
                let function =
                    script.components(separatedBy: "_orderscope_\(command)() {\n").dropFirst().first?
                    .components(separatedBy: "\n}\n").first ?? ""
                #expect(
                    function.contains("'*:files:_files'"), "\(command)'s files do not complete file names")
            }
        }

        @Test func fishScriptCompletesFilesAndValueLists() async throws {
            let result = try await BinaryRunner.run(["--generate-completion-script", "fish"])
            #expect(result.status == 0)
            let script = result.stdout
            for (option, list) in [
                ("format", Self.formats), ("sort", Self.columns), ("status", Self.statuses),
                ("payment-status", Self.paymentStatuses),
            ] {
                let line = script.split(separator: "\n").first {
                    $0.contains("-l '\(option)'") && $0.contains("-rfka")
                }
                #expect(
                    line?.hasSuffix("-rfka '" + list.joined(separator: " ") + "'") == true,
                    "--\(option): \(line ?? "none")")
            }
            for command in ["browse", "print", "check", "export"] {
                #expect(
                    script.contains("positional \"orderscope \(command)\" -ge 1' -F"),
                    "\(command)'s files do not complete file names")
            }
            #expect(script.contains(#"set -l exts \'csv\' \'json\' \'ndjson\' \'jsonl\'"#))
        }
    }
}
