import Foundation
import Testing

/// `orderscope man`: fits an 80-column terminal and holds every key binding.
extension EndToEnd {
    @Suite("manual page")
    struct ManPageEndToEndTests {
        static func page() async throws -> String {
            let result = try await BinaryRunner.run(["man"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return result.stdout
        }

        /// The text of a roff source line as it will be shown: escapes (`\e`, `\-`, `\&`, fonts)
        /// take one column or none.
        static func shownText(_ line: Substring) -> String {
            line.replacingOccurrences(of: "\\f[BIRP]", with: "", options: .regularExpression)
                .replacingOccurrences(of: "\\&", with: "")
                .replacingOccurrences(of: "\\e", with: "\\")
                .replacingOccurrences(of: "\\-", with: "-")
        }

        /// Filled text is wrapped by man; preformatted (`.nf`) lines are not, and man indents a
        /// section's body by 7 columns, so they must stay within 72 to fit 80.
        @Test func preformattedLinesFitEightyColumns() async throws {
            var preformatted = false
            var checked = 0
            for line in try await Self.page().split(separator: "\n", omittingEmptySubsequences: false) {
                if line == ".nf" { preformatted = true; continue }
                if line == ".fi" { preformatted = false; continue }
                guard preformatted else { continue }
                checked += 1
                let shown = Self.shownText(line)
                #expect(shown.count <= 72, "\(shown.count) columns: \(shown)")
            }
            #expect(checked > 100, "only \(checked) preformatted lines: the command sections are missing")
        }

        /// Every binding's help sentence in `KeyTable.standard` (read from its source, the one
        /// key table) is in the page, under a subsection per mode.
        @Test func holdsTheWholeKeyTable() async throws {
            let page = try await Self.page()
            let keysSection =
                page.components(separatedBy: ".SH KEYS\n").dropFirst().first?
                .components(separatedBy: "\n.SH ").first ?? ""
            #expect(!keysSection.isEmpty, "no KEYS section")
            let source = BinaryRunner.readText(BinaryRunner.fixture("Sources/OrderTUI/Keys/KeyTable.swift"))
            let helps = source.matches(of: /help: "((?:[^"\\]|\\.)*)"\)/).map {
                String($0.1).replacingOccurrences(of: "\\\"", with: "\"")
            }
            #expect(helps.count > 30, "read only \(helps.count) bindings from KeyTable.swift")
            for help in helps {
                #expect(keysSection.contains(help), "binding missing from the man page: \(help)")
            }
            // Every mode with bindings of its own (the timeline has none: it takes the global ones).
            for title in [
                "Everywhere", "Order list", "Detail", "Raw JSON", "Help and boxes",
                "Copy menu (C)", "Typing a filter, search or command",
            ] {
                #expect(keysSection.contains(".SS \(title)\n"), "no subsection \(title)")
            }
            #expect(keysSection.contains(".TP\n\\fBq\\fR\n"), "the quit key is missing")
        }

        @Test func listsManAndEveryCommand() async throws {
            let page = try await Self.page()
            for command in [
                "browse", "demo", "print", "check", "export", "fetch", "config", "man", "generate",
                "mock-api",
            ] {
                #expect(page.contains(".SS \(command)\n"), "no section for \(command)")
            }
        }

        /// Rendered by groff at 80 columns, no line is longer (groff is not needed by the checks
        /// above; this one runs where it is installed).
        @Test(
            .enabled(
                if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "groff is not installed"))
        func rendersWithinEightyColumnsInGroff() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            try await Self.page().write(
                to: directory.appendingPathComponent("orderscope.1"), atomically: true, encoding: .utf8)
            let result = try await BinaryRunner.shell(
                #"groff -man -Tutf8 -rLL=80n -P-c -P-b -P-u "$DIR/orderscope.1""#,
                environment: ["DIR": directory.path])
            #expect(result.status == 0, "groff: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count > 200)
            for line in lines {
                #expect(line.count <= 80, "\(line.count) columns: \(line)")
            }
            #expect(result.stdout.contains("KEYS"))
        }
    }
}
