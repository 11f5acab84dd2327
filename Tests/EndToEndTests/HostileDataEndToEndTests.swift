import Foundation
import TestTiming
import Testing

/// Orders whose text tries to take over the terminal (Tests/Fixtures/dumps/hostile.json, written
/// by make-hostile.py): every pane and drill-down shows the escapes as text, and neither the
/// tmux pane (title, modes, paste buffers) nor the tty changes because of them.
extension EndToEnd {
    @Suite("hostile data end to end", .serialized, .enabled(if: TmuxSession.isAvailable))
    struct HostileDataEndToEndTests {
        static let fixture = "Tests/Fixtures/dumps/hostile.json"

        /// What an escape sequence reaching tmux could change: titles, window name, screen and mouse
        /// modes, cursor, keypad, scroll region, copy mode.
        static let paneState = [
            "pane_title", "window_name", "alternate_on", "mouse_any_flag", "mouse_standard_flag", "mouse_button_flag",
            "mouse_all_flag", "mouse_sgr_flag", "mouse_utf8_flag", "cursor_flag", "insert_flag", "keypad_cursor_flag",
            "keypad_flag", "wrap_flag", "origin_flag", "pane_in_mode", "scroll_region_upper", "scroll_region_lower",
        ].map { "\($0)=#{\($0)}" }.joined(separator: "|")

        /// The pane's state, its options, and the paste buffers (where an OSC 52 write would land).
        static func terminalState(_ session: TmuxSession) throws -> String {
            let flags = try session.tmux(["display-message", "-p", "-t", session.name, paneState])
            let options = try session.tmux(["show-options", "-p", "-t", session.name])
            let buffers = try session.tmux(["list-buffers"])
            return "\(flags)\noptions:\n\(options)\nbuffers:\n\(buffers)"
        }

        /// Starts the browser on the hostile dump once tmux accepts OSC 52 and renames, so that an
        /// escape getting through would show up in the state.
        static func start(width: Int = 120, height: Int = 40) throws -> (TmuxSession, before: String, URL) {
            let dir = try BinaryRunner.temporaryDirectory()
            let gate = dir.appendingPathComponent("go").path
            let command = "while [ ! -e '\(gate)' ]; do sleep 0.05; done; "
                + BrowseEndToEndTests.wrapped("browse \(fixture)", marker: dir)
            let session = try TmuxSession(command: command, width: width, height: height)
            try session.tmux(["set-option", "-g", "set-clipboard", "on"])
            try session.tmux(["set-option", "-g", "allow-rename", "on"])
            try session.tmux(["set-window-option", "-g", "automatic-rename", "off"])
            let before = try terminalState(session)
            _ = FileManager.default.createFile(atPath: gate, contents: nil)
            return (session, before, dir)
        }

        /// The text of the screen and its lines with attributes (to find the highlighted row).
        static func styledLines(_ session: TmuxSession) throws -> [String] {
            try session.tmux(["capture-pane", "-e", "-p", "-t", session.name]).components(separatedBy: "\n")
        }

        static func stripStyles(_ line: String) -> String {
            line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        }

        static func isHighlighted(_ line: String) -> Bool {
            line.range(of: "\u{1B}\\[([0-9]*;)*7(;[0-9]*)*m", options: .regularExpression) != nil
        }

        /// The highlighted rows of the screen, with their line numbers.
        static func highlighted(_ session: TmuxSession) throws -> [String] {
            try styledLines(session).enumerated().filter { isHighlighted($0.element) }.map { "\($0.offset):\(stripStyles($0.element))" }
        }

        /// Moves the cursor of the focused pane down from the top, one row and one frame at a time,
        /// until the highlighted row shows `text`.
        static func select(_ text: String, in session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation)
            throws
        {
            try session.send("g")
            var current = try highlighted(session)
            var key = "j"
            for _ in 0..<200 {
                if current.contains(where: { $0.contains(text) }) {
                    // Confirm on a settled screen; a key that was still in flight moves us back up.
                    usleep(TestTime.microseconds(500_000))
                    current = try highlighted(session)
                    if current.contains(where: { $0.contains(text) }) { return }
                    key = "k"
                }
                try session.send(key)
                // The next key only after the whole frame for this one is on screen: a half-drawn
                // frame (old highlight gone, new one not yet there) would send a key too many.
                let deadline = Date().addingTimeInterval(TestTime.seconds(20))
                var next = current
                while Date() < deadline {
                    usleep(40_000)
                    let first = try highlighted(session)
                    usleep(40_000)
                    let second = try highlighted(session)
                    if first == second && first != current && !first.isEmpty {
                        next = first
                        break
                    }
                }
                if next == current { break }  // the cursor no longer moves: the last row
                current = next
            }
            Issue.record("no row showing \"\(text)\" could be selected:\n\(try session.screen())", sourceLocation: sourceLocation)
            throw TmuxSession.TmuxError.timeout(text)
        }

        /// After every step: the frame is intact (title bar on top, status bar at the bottom, every
        /// box's right border in its column, no control characters on screen) and the pane state is
        /// the browser's own.
        static func expectIntact(
            _ session: TmuxSession, running: String, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let screen = try session.screen()
            let lines = screen.components(separatedBy: "\n").filter { !$0.isEmpty }
            #expect(lines.first?.contains("OrderScope") == true, "title bar gone:\n\(screen)", sourceLocation: sourceLocation)
            #expect(lines.dropLast().last?.contains("3/3 orders") == true || lines.last?.contains("3/3 orders") == true,
                    "status bar gone:\n\(screen)", sourceLocation: sourceLocation)
            let controls = screen.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(controls.isEmpty, "control characters on screen: \(controls.map(\.value))", sourceLocation: sourceLocation)
            // A width the terminal counts differently from the grid shifts the rest of the row:
            // its right border moves or falls off the pane.
            let broken = FrameCheck.brokenRows(screen)
            #expect(broken.isEmpty, "frame broken:\n\(broken.joined(separator: "\n"))\nscreen:\n\(screen)",
                    sourceLocation: sourceLocation)
            let state = try terminalState(session)
            #expect(state == running, "pane state changed:\n\(state)\nwas:\n\(running)", sourceLocation: sourceLocation)
        }

        @Test func everyPaneAndDrillDownShowsEscapesAsText() throws {
            let (session, before, _) = try Self.start()
            defer { session.close() }
            let first = try session.waitFor("the hostile orders") { $0.contains("3/3 orders") }
            #expect(first.contains(#"HOSTILE-1\e]0"#))
            let running = try Self.terminalState(session)
            #expect(running.contains("pane_title=\(Self.value("pane_title", in: before))|"))
            try Self.expectIntact(session, running: running)

            // HOSTILE-1: the docs example with every string poisoned.
            try session.send("Enter")
            // The label column's width follows the section's labels: match the row, not its spacing.
            try session.waitFor("the order number row, escaped") { screen in
                screen.split(separator: "\n").contains {
                    $0.contains("Order number ") && $0.contains(#" HOSTILE-1\e]0;PWNED-TITLE\a"#)
                }
            }
            try Self.expectIntact(session, running: running)
            let visits: [(row: String, expect: String)] = [
                ("Stablestol", "Item 1"), ("Bus reservation", "Bus"), ("Ferry reservation", "Ferry"),
                ("Train reservation", "Train"), ("Tram reservation", "Tram"), ("Car reservation", "Car"),
                ("event <string>", "Event"), ("session 278.40", "Session"), ("Discount <string>", "Discount"),
                ("cancellation 278.40", "ancellation"),
            ]
            for visit in visits {
                try Self.select(visit.row, in: session)
                try session.send("Enter")
                try session.waitFor("the \(visit.expect) screen") { $0.contains("› \(visit.expect)") || $0.contains("›\(visit.expect)") || $0.contains(visit.expect) }
                try Self.expectIntact(session, running: running)
                try session.send("r")
                try session.waitFor("the raw JSON of \(visit.row)") { $0.contains("\"") && $0.contains("{") }
                try Self.expectIntact(session, running: running)
                try session.send("r")
                try session.send("Escape")
            }
            // The payment timeline and the help screen.
            try session.send("3")
            try session.waitFor("the timeline") { $0.contains("authorization") && $0.contains("capt") }
            try Self.expectIntact(session, running: running)
            try session.send("G")
            try Self.expectIntact(session, running: running)
            try session.send("?")
            try session.waitForText("Help")
            try Self.expectIntact(session, running: running)
            try session.send("Escape")

            // HOSTILE-2: Int64 limits and a poisoned train booking.
            try session.send("1")
            try session.send("j")
            try session.send("Enter")
            try session.waitForText(#"HOSTILE-2\e[?1049h"#)
            try Self.expectIntact(session, running: running)
            try Self.select("Train reservation", in: session)
            try session.send("Enter")
            try session.waitForText("Train")
            try Self.expectIntact(session, running: running)
            try session.send("Escape")

            // HOSTILE-3: a 1 MB description and a 1,000-level payout tree.
            try session.send("1")
            try session.send("j")
            try session.send("Enter")
            try session.waitForText("─ HOSTILE-3 ")
            try Self.select("MEGA-START", in: session)
            try session.send("Enter")
            try session.waitForText("HOSTILE-3 › Item 1", timeout: 60)
            try Self.expectIntact(session, running: running)
            // The item screen ends with Lines (tax lines, payout) and the item store: from the last
            // row, two up is the payout row, three up the tax lines (keys are handled in order).
            try session.send("G", "k", "k", "Enter")
            // Opening this order decodes its 1 MB string and 1,000-level tree: time for a loaded machine.
            try session.waitFor("the payout tree", timeout: 60) { $0.contains("› Payout") && $0.contains("children add up") }
            try session.send("G")
            try session.waitFor("the deepest payout level", timeout: 60) {
                $0.contains("100% of parent  ✓ children add up\n") == false && $0.contains("› Payout")
                    && $0.components(separatedBy: "\n").contains { $0.contains("100% of parent") && !$0.contains("children") }
            }
            try Self.expectIntact(session, running: running)
            try session.send("Escape")
            try session.waitFor("the item screen again", timeout: 60) { !$0.contains("› Payout") }
            try session.send("G", "k", "k", "k", "Enter")
            try session.waitFor("the tax lines", timeout: 60) { $0.contains("› Tax lines") }
            try Self.expectIntact(session, running: running)
            try session.send("Escape")
            try session.waitFor("the item screen again", timeout: 60) { !$0.contains("› Tax lines") }
            try session.send("g", "r")  // the top row shows the whole item
            try session.waitFor("the raw JSON of the item", timeout: 60) { $0.contains("MEGA-START") && $0.contains("\"description\"") }
            try Self.expectIntact(session, running: running)
            try session.send("r")
            try session.send("Escape")

            try session.send("q")
            let end = try session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
            let after = try Self.terminalState(session)
            #expect(after == before, "terminal state after quit:\n\(after)\nbefore:\n\(before)")
        }

        static func value(_ name: String, in state: String) -> String {
            guard let range = state.range(of: "\(name)=") else { return "" }
            return String(state[range.upperBound...].prefix { $0 != "|" && $0 != "\n" })
        }

        @Test(arguments: [
            ["print", fixture], ["print", fixture, "--order", "hostile-1"], ["print", fixture, "--order", "hostile-2"],
            ["print", fixture, "--order", "hostile-3"], ["check", fixture], ["check", fixture, "--json"],
        ])
        func printAndCheckWriteNoControlBytes(arguments: [String]) throws {
            let result = try BinaryRunner.run(arguments)
            // hostile-1 and hostile-2 hold bytes that are not UTF-8: the order prints, and the
            // bytes are load problems (exit 1), as in `check`.
            let textProblems = arguments[0] == "check" || arguments.contains("hostile-1") || arguments.contains("hostile-2")
            #expect(result.status == (textProblems ? 1 : 0), "stderr: \(result.stderr)")
            if arguments.contains("hostile-1") || arguments.contains("hostile-2") {
                #expect(result.stderr.contains("invalid UTF-8 byte 0xFF inside a string"), "stderr: \(result.stderr)")
            }
            #expect(result.stdout.contains("HOSTILE-1") || arguments.contains("hostile-2") || arguments.contains("hostile-3"))
            for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let bad = text.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                        || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
                }
                #expect(bad.isEmpty, "\(name) of \(arguments) holds control characters \(bad.prefix(5).map(\.value))")
            }
        }
    }
}
