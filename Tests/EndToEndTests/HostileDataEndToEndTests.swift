import Foundation
import TestTiming
import Testing

/// Orders whose text tries to take over the terminal (Tests/Fixtures/dumps/hostile.json, written
/// by make-hostile.py): every pane and drill-down shows the escapes as text, and neither the
/// tmux pane (title, modes, paste buffers) nor the tty changes because of them.
extension EndToEnd {
    @Suite("hostile data end to end", .enabled(if: TmuxSession.isAvailable))
    struct HostileDataEndToEndTests {
        static let fixture = "Tests/Fixtures/dumps/hostile.json"

        /// What an escape sequence reaching tmux could change: titles, window name, screen and mouse
        /// modes, cursor, keypad, scroll region, copy mode.
        static let paneState = [
            "pane_title", "window_name", "alternate_on", "mouse_any_flag", "mouse_standard_flag",
            "mouse_button_flag",
            "mouse_all_flag", "mouse_sgr_flag", "mouse_utf8_flag", "cursor_flag", "insert_flag",
            "keypad_cursor_flag",
            "keypad_flag", "wrap_flag", "origin_flag", "pane_in_mode", "scroll_region_upper",
            "scroll_region_lower",
        ].map { "\($0)=#{\($0)}" }.joined(separator: "|")

        /// The pane's state, its options, and the paste buffers (where an OSC 52 write would land).
        static func terminalState(_ session: TmuxSession) async throws -> String {
            let flags = try await session.tmux(["display-message", "-p", "-t", session.name, paneState])
            let options = try await session.tmux(["show-options", "-p", "-t", session.name])
            let buffers = try await session.tmux(["list-buffers"])
            return "\(flags)\noptions:\n\(options)\nbuffers:\n\(buffers)"
        }

        /// Starts the browser on the hostile dump once tmux accepts OSC 52 and renames, so that an
        /// escape getting through would show up in the state.
        static func start(width: Int = 120, height: Int = 40) async throws -> (
            TmuxSession, before: String, URL
        ) {
            let dir = try BinaryRunner.temporaryDirectory()
            let gate = dir.appendingPathComponent("go").path
            let command =
                "while [ ! -e '\(gate)' ]; do sleep 0.05; done; "
                + BrowseEndToEndTests.wrapped("browse \(fixture)", marker: dir)
            let session = try await TmuxSession(command: command, width: width, height: height)
            try await session.tmux(["set-option", "-g", "set-clipboard", "on"])
            try await session.tmux(["set-option", "-g", "allow-rename", "on"])
            try await session.tmux(["set-window-option", "-g", "automatic-rename", "off"])
            let before = try await terminalState(session)
            _ = FileManager.default.createFile(atPath: gate, contents: nil)
            return (session, before, dir)
        }

        /// The text of the screen and its lines with attributes (to find the highlighted row).
        static func styledLines(_ session: TmuxSession) async throws -> [String] {
            try await session.tmux(["capture-pane", "-e", "-p", "-t", session.name]).components(
                separatedBy: "\n")
        }

        static func stripStyles(_ line: String) -> String {
            line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        }

        static func isHighlighted(_ line: String) -> Bool {
            line.range(of: "\u{1B}\\[([0-9]*;)*7(;[0-9]*)*m", options: .regularExpression) != nil
        }

        /// The highlighted rows of the screen, with their line numbers.
        static func highlighted(_ session: TmuxSession) async throws -> [String] {
            try await styledLines(session).enumerated().filter { isHighlighted($0.element) }.map {
                "\($0.offset):\(stripStyles($0.element))"
            }
        }

        /// The highlighted rows once they differ from `previous` (unless `previous` is nil) and two
        /// looks 60 ms apart agree: the frame for the last key is wholly drawn. `previous` again
        /// when nothing moved within `patience` seconds (the cursor is at the end).
        static func settledHighlight(
            _ session: TmuxSession, after previous: [String]? = nil, patience: Double = 20
        )
            async throws -> [String]
        {
            let deadline = Date().addingTimeInterval(TestTime.seconds(patience))
            var last = try await highlighted(session)
            while Date() < deadline {
                try await Task.sleep(for: .milliseconds(60))
                let now = try await highlighted(session)
                if now == last && !now.isEmpty && now != previous { return now }
                last = now
            }
            return previous ?? last
        }

        /// Moves the cursor of the focused pane from the top until the highlighted row shows
        /// `text`: when the row is on screen, as many `j` (or `k`) as there are screen rows between
        /// it and the highlight, in one go (keys are handled in order); when it is not, ten `j`.
        /// After each batch it waits for the frame to settle and looks again, so a row the cursor
        /// steps over (or a miscount) is corrected on the next turn.
        static func select(
            _ text: String, in session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation
        )
            async throws
        {
            try await session.send("g")
            var current = try await settledHighlight(session)
            for _ in 0..<100 {
                if current.contains(where: { $0.contains(text) }) { return }
                // The cursor's row: highlighted inside a box (the title and status bars are too).
                let inBox = current.last { $0.drop { $0 != ":" }.dropFirst().hasPrefix("│") }
                let at = inBox.flatMap { Int($0.prefix { $0 != ":" }) } ?? 0
                let lines = try await session.screen().components(separatedBy: "\n")
                let shown = lines.indices.filter { lines[$0].contains(text) }
                // The nearest showing row, below the highlight first (the walk starts at the top).
                let target = shown.first { $0 > at } ?? shown.last { $0 < at }
                let steps = target.map { $0 - at } ?? 10
                let keys = Array(repeating: steps > 0 ? "j" : "k", count: abs(steps))
                try await session.tmux(["send-keys", "-t", session.name] + keys)
                // The default patience: a loaded machine can take seconds to handle the keys, and
                // only a cursor at the last row (which fails below anyway) waits it out.
                let next = try await settledHighlight(session, after: current)
                if next == current { break }  // the cursor no longer moves: the last row
                current = next
            }
            Issue.record(
                "no row showing \"\(text)\" could be selected; highlighted: \(current)\n\(try await session.screen())",
                sourceLocation: sourceLocation)
            throw TmuxSession.TmuxError.timeout(text)
        }

        /// After every step: the frame is intact (title bar on top, status bar at the bottom, every
        /// box's right border in its column, no control characters on screen) and the pane state is
        /// the browser's own.
        static func expectIntact(
            _ session: TmuxSession, running: String, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            // A whole frame: a capture between two chunks of one frame is half new, half old.
            let screen = try await session.waitFor(
                "a settled frame", settled: true, sourceLocation: sourceLocation
            ) {
                _ in true
            }
            let lines = screen.components(separatedBy: "\n").filter { !$0.isEmpty }
            #expect(
                lines.first?.contains("OrderScope") == true, "title bar gone:\n\(screen)",
                sourceLocation: sourceLocation)
            #expect(
                lines.dropLast().last?.contains("3/3 orders") == true
                    || lines.last?.contains("3/3 orders") == true,
                "status bar gone:\n\(screen)", sourceLocation: sourceLocation)
            let controls = screen.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
            }
            #expect(
                controls.isEmpty, "control characters on screen: \(controls.map(\.value))",
                sourceLocation: sourceLocation)
            // A width the terminal counts differently from the grid shifts the rest of the row:
            // its right border moves or falls off the pane.
            let broken = FrameCheck.brokenRows(screen)
            #expect(
                broken.isEmpty, "frame broken:\n\(broken.joined(separator: "\n"))\nscreen:\n\(screen)",
                sourceLocation: sourceLocation)
            let state = try await terminalState(session)
            #expect(
                state == running, "pane state changed:\n\(state)\nwas:\n\(running)",
                sourceLocation: sourceLocation)
        }

        @Test func everyPaneAndDrillDownShowsEscapesAsText() async throws {
            let (session, before, _) = try await Self.start()
            defer { session.close() }
            let first = try await session.waitFor("the hostile orders") { $0.contains("3/3 orders") }
            #expect(first.contains(#"HOSTILE-1\e]0"#))
            let running = try await Self.terminalState(session)
            #expect(running.contains("pane_title=\(Self.value("pane_title", in: before))|"))
            try await Self.expectIntact(session, running: running)

            // HOSTILE-1: the docs example with every string poisoned.
            try await session.send("Enter")
            // The label column's width follows the section's labels: match the row, not its spacing.
            try await session.waitFor("the order number row, escaped") { screen in
                screen.split(separator: "\n").contains {
                    $0.contains("Order number ") && $0.contains(#" HOSTILE-1\e]0;PWNED-TITLE\a"#)
                }
            }
            try await Self.expectIntact(session, running: running)
            let visits: [(row: String, expect: String)] = [
                ("Stablestol", "Item 1"), ("Bus reservation", "Bus"), ("Ferry reservation", "Ferry"),
                ("Train reservation", "Train"), ("Tram reservation", "Tram"), ("Car reservation", "Car"),
                ("event <string>", "Event"), ("session 278.40", "Session"), ("Discount <string>", "Discount"),
                ("cancellation 278.40", "ancellation"),
            ]
            for visit in visits {
                try await Self.select(visit.row, in: session)
                try await session.send("Enter")
                try await session.waitFor("the \(visit.expect) screen") {
                    $0.contains("› \(visit.expect)") || $0.contains("›\(visit.expect)")
                        || $0.contains(visit.expect)
                }
                try await Self.expectIntact(session, running: running)
                try await session.send("r")
                try await session.waitFor("the raw JSON of \(visit.row)") {
                    $0.contains("\"") && $0.contains("{")
                }
                try await Self.expectIntact(session, running: running)
                try await session.send("r")
                try await session.send("Escape")
            }
            // The payment timeline and the help screen.
            try await session.send("3")
            try await session.waitFor("the timeline") { $0.contains("authorization") && $0.contains("capt") }
            try await Self.expectIntact(session, running: running)
            try await session.send("G")
            try await Self.expectIntact(session, running: running)
            try await session.send("?")
            try await session.waitForText("Help")
            try await Self.expectIntact(session, running: running)
            try await session.send("Escape")

            // HOSTILE-2: Int64 limits and a poisoned train booking.
            try await session.send("1")
            try await session.send("j")
            try await session.send("Enter")
            try await session.waitForText(#"HOSTILE-2\e[?1049h"#)
            try await Self.expectIntact(session, running: running)
            try await Self.select("Train reservation", in: session)
            try await session.send("Enter")
            try await session.waitForText("Train")
            try await Self.expectIntact(session, running: running)
            try await session.send("Escape")

            // HOSTILE-3: a 1 MB description and a 1,000-level payout tree.
            try await session.send("1")
            try await session.send("j")
            try await session.send("Enter")
            try await session.waitForText("─ HOSTILE-3 ")
            try await Self.select("MEGA-START", in: session)
            try await session.send("Enter")
            try await session.waitForText("HOSTILE-3 › Item 1", timeout: 60)
            try await Self.expectIntact(session, running: running)
            // The item screen ends with Lines (tax lines, payout) and the item store: from the last
            // row, two up is the payout row, three up the tax lines (keys are handled in order).
            try await session.send("G", "k", "k", "Enter")
            // Opening this order decodes its 1 MB string and 1,000-level tree: time for a loaded machine.
            try await session.waitFor("the payout tree", timeout: 60) {
                $0.contains("› Payout") && $0.contains("children add up")
            }
            try await session.send("G")
            try await session.waitFor("the deepest payout level", timeout: 60) {
                $0.contains("100% of parent  ✓ children add up\n") == false && $0.contains("› Payout")
                    && $0.components(separatedBy: "\n").contains {
                        $0.contains("100% of parent") && !$0.contains("children")
                    }
            }
            try await Self.expectIntact(session, running: running)
            try await session.send("Escape")
            try await session.waitFor("the item screen again", timeout: 60) { !$0.contains("› Payout") }
            try await session.send("G", "k", "k", "k", "Enter")
            try await session.waitFor("the tax lines", timeout: 60) { $0.contains("› Tax lines") }
            try await Self.expectIntact(session, running: running)
            try await session.send("Escape")
            try await session.waitFor("the item screen again", timeout: 60) { !$0.contains("› Tax lines") }
            try await session.send("g", "r")  // the top row shows the whole item
            try await session.waitFor("the raw JSON of the item", timeout: 60) {
                $0.contains("MEGA-START") && $0.contains("\"description\"")
            }
            try await Self.expectIntact(session, running: running)
            try await session.send("r")
            try await session.send("Escape")

            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
            let after = try await Self.terminalState(session)
            #expect(after == before, "terminal state after quit:\n\(after)\nbefore:\n\(before)")
        }

        static func value(_ name: String, in state: String) -> String {
            guard let range = state.range(of: "\(name)=") else { return "" }
            return String(state[range.upperBound...].prefix { $0 != "|" && $0 != "\n" })
        }

        @Test(arguments: [
            ["print", fixture], ["print", fixture, "--order", "hostile-1"],
            ["print", fixture, "--order", "hostile-2"],
            ["print", fixture, "--order", "hostile-3"], ["check", fixture], ["check", fixture, "--json"],
        ])
        func printAndCheckWriteNoControlBytes(arguments: [String]) async throws {
            let result = try await BinaryRunner.run(arguments)
            // hostile-1 and hostile-2 hold bytes that are not UTF-8: the order prints, and the
            // bytes are load problems (exit 1), as in `check`.
            let textProblems =
                arguments[0] == "check" || arguments.contains("hostile-1") || arguments.contains("hostile-2")
            #expect(result.status == (textProblems ? 1 : 0), "stderr: \(result.stderr)")
            if arguments.contains("hostile-1") || arguments.contains("hostile-2") {
                #expect(
                    result.stderr.contains("invalid UTF-8 byte 0xFF inside a string"),
                    "stderr: \(result.stderr)")
            }
            #expect(
                result.stdout.contains("HOSTILE-1") || arguments.contains("hostile-2")
                    || arguments.contains("hostile-3"))
            for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let bad = text.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                        || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
                }
                #expect(
                    bad.isEmpty,
                    "\(name) of \(arguments) holds control characters \(bad.prefix(5).map(\.value))")
            }
        }
    }
}
