import Foundation
import Testing

/// The real binary in tmux: keys in, screen out, and the terminal exactly as it was afterwards.
extension EndToEnd {
    @Suite("browse in tmux", .enabled(if: TmuxSession.isAvailable))
    struct BrowseEndToEndTests {
        /// Wraps the command so the shell records `stty -a` (less the window size, which a resize
        /// test changes on purpose) before and after it, under dash.
        static func wrapped(_ arguments: String, marker: URL) -> String {
            let before = marker.appendingPathComponent("before").path
            let after = marker.appendingPathComponent("after").path
            return
                "stty -a | sed 's/rows [0-9]*; columns [0-9]*;//' > '\(before)'; '\(BinaryRunner.binary)' \(arguments); code=$?; stty -a | sed 's/rows [0-9]*; columns [0-9]*;//' > '\(after)'; "
                + "if cmp -s '\(before)' '\(after)'; then echo \"TTY-SAME code=$code\"; else echo \"TTY-CHANGED code=$code\"; fi"
        }

        @Test func demoOpensBrowsesDrillsAndQuitsCleanly() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await TmuxSession(
                command: Self.wrapped("demo", marker: dir), width: 120, height: 40)
            defer { session.close() }
            try await session.waitForText("demo dataset")
            try await session.waitFor("the list to fill") { $0.contains("/300 orders") }
            try await session.send("j")
            try await session.send("j")
            try await session.send("Enter")
            let detail = try await session.waitFor("the detail pane focused with a summary", settled: true) {
                $0.contains("Summary") && $0.contains("Gross")
            }
            #expect(detail.contains("Orders") || detail.contains("▾"))
            try await session.send("?")
            try await session.waitForText("Help")
            // G scrolls the help to its end, where the filter terms are; the border says so.
            try await session.send("G")
            let helpEnd = try await session.waitForText("Filter terms", settled: true)
            #expect(helpEnd.contains("j/k"), "screen: \(helpEnd)")
            try await session.send("Escape")
            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }

        @Test func demoScriptReplaysWithPausesAndQuitsByItself() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let script = dir.appendingPathComponent("demo.keys")
            try "sleep 0.5\nj j Enter\nsleep 0.3\n?\nsleep 0.3\nEsc\nq\n".write(
                to: script, atomically: true, encoding: .utf8)
            let session = try await TmuxSession(
                command: Self.wrapped("demo --script '\(script.path)'", marker: dir), width: 120, height: 40)
            defer { session.close() }
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }

        @Test func filterPromptAndCommandLineWork() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await TmuxSession(
                command: Self.wrapped("Resources/sample-orders.json", marker: dir), width: 120, height: 30)
            defer { session.close() }
            try await session.waitFor("the sample orders") { $0.contains("6/6 orders") }
            try await session.send("/")
            try await session.type("currency:SEK")
            try await session.send("Enter")
            let filtered = try await session.waitForText("filter currency:SEK", settled: true)
            #expect(filtered.contains("Åsa Lindström"))
            #expect(!filtered.contains("Kari Nordmann"))
            try await session.send("Escape")
            try await session.waitFor("the filter cleared") {
                !$0.contains("filter currency:SEK") && $0.contains("Kari Nordmann")
            }
            try await session.send(":")
            try await session.type("order SO-100004")
            try await session.send("Enter")
            try await session.waitFor("the jump to SO-100004") {
                $0.contains("Yuki Tanaka") && $0.contains("SO-100004") && $0.contains("─ SO-100004")
            }
            try await session.send(":")
            try await session.type("q")
            try await session.send("Enter")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"))
        }

        @Test func loadProblemsAreListedWhole() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let files =
                "Tests/Fixtures/dumps/truncated-array.json Tests/Fixtures/dumps/orders-bad-line.ndjson"
            let session = try await TmuxSession(
                command: Self.wrapped(files, marker: dir), width: 100, height: 30)
            defer { session.close() }
            // What was valid is shown, and the status bar counts what was not.
            let list = try await session.waitForText("3 load problems (P)", settled: true)
            #expect(list.contains("T-1") && list.contains("n4"), "screen: \(list)")
            try await session.send("P")
            let box = try await session.waitForText("3 load problems · Esc closes", settled: true)
            // Each problem says where (file:line:column) and, wrapped, ends on screen.
            #expect(box.contains("truncated-array.json:22:25:"), "screen: \(box)")
            #expect(
                box.contains("orders-bad-line.ndjson:2:26:") && box.contains("orders-bad-line.ndjson:4:1:"))
            #expect(box.components(separatedBy: "the line was skipped").count == 3, "screen: \(box)")
            try await session.send("Escape")
            try await session.waitFor("the box closed") { !$0.contains("Esc closes") }
            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }

        /// SEGV and ABRT stand in for a crash: the fatal-signal handler must restore the terminal
        /// before the process dies.
        @Test(arguments: ["TERM", "INT", "HUP", "SEGV", "ABRT"])
        func signalsRestoreTheTerminal(signal: String) async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let pidFile = dir.appendingPathComponent("pid").path
            // A background job does not own the terminal; run it in the foreground and signal it by pid instead.
            let foreground =
                "stty -a | sed 's/rows [0-9]*; columns [0-9]*;//' > '\(dir.path)/before'; sh -c 'echo $$ > \"\(pidFile)\"; exec \"\(BinaryRunner.binary)\" demo'; code=$?; "
                + "stty -a | sed 's/rows [0-9]*; columns [0-9]*;//' > '\(dir.path)/after'; if cmp -s '\(dir.path)/before' '\(dir.path)/after'; then echo \"TTY-SAME code=$code\"; else echo \"TTY-CHANGED code=$code\"; fi"
            // The Swift runtime crash reporter would wait for a key and print pages; not under test here.
            let session = try await TmuxSession(
                command: foreground, width: 100, height: 30, environment: ["SWIFT_BACKTRACE": "enable=no"])
            defer { session.close() }
            try await session.waitFor("the demo list") { $0.contains("/300 orders") }
            let pidText = BinaryRunner.readText(pidFile).trimmingCharacters(in: .whitespacesAndNewlines)
            let pid = Int32(pidText) ?? 0
            #expect(pid > 0)
            let numbers: [String: Int32] = [
                "TERM": SIGTERM, "INT": SIGINT, "HUP": SIGHUP, "SEGV": SIGSEGV, "ABRT": SIGABRT,
            ]
            let number = numbers[signal] ?? SIGTERM
            kill(pid, number)
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=\(128 + number)"), "screen: \(end)")
        }

        @Test func startupFailurePrintsAnErrorAndLeavesTheScreenAlone() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await TmuxSession(
                command: Self.wrapped("browse no-such-dump.json", marker: dir), width: 100, height: 20)
            defer { session.close() }
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("no-such-dump.json: no such file"))
            #expect(end.contains("TTY-SAME code=2"))
        }

        @Test func resizeReLaysOutAndTinySizesDoNotCrash() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await TmuxSession(
                command: Self.wrapped("Resources/sample-orders.json", marker: dir), width: 200, height: 50)
            defer { session.close() }
            try await session.waitFor("three panes side by side") {
                $0.contains("Payments") && $0.contains("6/6 orders")
            }
            try await session.resize(width: 15, height: 5)
            try await session.waitFor("the too-small message") { $0.contains("too") && $0.contains("small") }
            try await session.resize(width: 80, height: 24)
            try await session.waitFor("the stacked layout") {
                $0.contains("6/6 orders") && !$0.contains("too small")
            }
            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"))
        }
    }
}
