import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The `?` help: every description readable at any width (wrapped, never cut), and scrolling
/// that stops at the ends.
@Suite struct HelpOverlayTests {
    let keys = KeyTable.standard

    @Test func wrappedLinesFitTheirWidthAndKeepEveryWord() {
        for width in [30, 45, 60, 93] {
            let lines = HelpOverlay.lines(keys, width: width)
            for line in lines { #expect(line.text.displayWidth <= width, "\(width): \(line.text)") }
            // Wrapping only moves words to the next line: the words in order are the unwrapped ones.
            let words = { (lines: [(text: String, heading: Bool)]) in
                lines.flatMap { $0.text.split(separator: " ").map(String.init) }
            }
            #expect(words(lines) == words(HelpOverlay.lines(keys)), "width \(width)")
        }
    }

    @Test func theRawViewSectionNamesTheKeysOfTheTable() throws {
        let standard = HelpOverlay.lines(keys).map(\.text)
        #expect(standard.contains("Raw JSON"))
        #expect(
            standard.contains {
                $0.hasPrefix("  r ") && $0.hasSuffix("Raw JSON of the node under the cursor, or back")
            })
        #expect(
            standard.contains {
                $0.hasPrefix("  f / n / N ") && $0.hasSuffix("Find text in the JSON, next, previous")
            })
        let remapped = try keys.overriding([(name: "raw", keys: [.char("v")])])
        let lines = HelpOverlay.lines(remapped).map(\.text)
        // The raw mode's own table holds the remapped key.
        let rawSection = try #require(remapped.helpSections().first { $0.title == "Raw JSON" })
        #expect(rawSection.lines.contains { $0.keys == "v" })
        // `r` is gone from the raw line (the section menu still has its own `r`, the store).
        #expect(!rawSection.lines.contains { $0.keys == "r" })
        #expect(
            !lines.contains {
                $0.hasPrefix("  r ") && $0.hasSuffix("Raw JSON of the node under the cursor, or back")
            })
        #expect(
            lines.contains {
                $0.hasPrefix("  v ") && $0.hasSuffix("Raw JSON of the node under the cursor, or back")
            })
    }

    @Test func continuationLinesStartUnderTheDescriptionColumn() {
        let lines = HelpOverlay.lines(keys, width: 60).map(\.text)
        let first = try! #require(lines.firstIndex { $0.contains("Copy menu:") })
        #expect(lines[first].hasPrefix("  C "))
        let next = lines[first + 1]
        #expect(next.prefix(25).allSatisfy { $0 == " " } && next.dropFirst(25).first != " ", "\(next)")
    }

    @Test func wordWrapBreaksAtSpacesByDisplayWidth() {
        #expect(WordWrap.lines("aa bb cc", width: 5) == ["aa bb", "cc"])
        #expect(WordWrap.lines("日本 語", width: 4) == ["日本", "語"])
        #expect(WordWrap.lines("toolongword x", width: 4) == ["toolongword", "x"])
        #expect(WordWrap.lines("", width: 4) == [""])
        #expect(WordWrap.lines("a:1  b:2  c:3", width: 9) == ["a:1  b:2", "c:3"])
        #expect(WordWrap.lines("  lead", width: 9) == ["lead"])
    }

    @Test func scrollingStopsAtBothEnds() {
        let size = Size(width: 100, height: 30)
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        let controller = UIController()
        _ = controller.handle(.char("?"), state: &state, size: size)
        let overlay = ScreenLayout.compute(size: size, focus: state.app.focus).overlay
        let end = HelpOverlay.maxScroll(keys, in: overlay)
        #expect(end > 0)
        for _ in 0..<(end + 20) { _ = controller.handle(.char("j"), state: &state, size: size) }
        #expect(state.helpScroll == end)
        // One k moves the view straight away, with no dead presses to undo the overshoot.
        _ = controller.handle(.char("k"), state: &state, size: size)
        #expect(state.helpScroll == end - 1)
        _ = controller.handle(.char("g"), state: &state, size: size)
        #expect(state.helpScroll == 0)
        _ = controller.handle(.pageUp, state: &state, size: size)
        #expect(state.helpScroll == 0)
        _ = controller.handle(.end, state: &state, size: size)
        #expect(state.helpScroll == end)
        _ = controller.handle(.mouse(MouseEvent(x: 50, y: 10, kind: .wheelUp)), state: &state, size: size)
        #expect(state.helpScroll == end - 3)
        #expect(state.showHelp)
    }

    @Test func theBorderSaysWhichLinesShow() {
        let size = Size(width: 100, height: 30)
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        state.showHelp = true
        let total = HelpOverlay.lines(keys, width: 93).count
        let top = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()
        #expect(top[27].contains(" 1–25/\(total) j/k "), "\(top[27])")
        state.helpScroll = 5
        let scrolled = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()
        #expect(scrolled[27].contains(" 6–30/\(total) j/k "), "\(scrolled[27])")
    }

    @Test func aPopupScrollsLikeTheHelpAndSaysWhereItIs() throws {
        let size = Size(width: 100, height: 30)
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        state.popup = UIState.Popup(
            title: "Copy by hand", text: (1...100).map { "line \($0)" }.joined(separator: "\n"))
        let controller = UIController()
        // The popup fills the area between the title and status bars: 27 rows, 25 inside the border.
        let end = 100 - 25
        for _ in 0..<120 { _ = controller.handle(.char("j"), state: &state, size: size) }
        #expect(state.popup?.scroll == end)
        _ = controller.handle(.char("k"), state: &state, size: size)
        #expect(state.popup?.scroll == end - 1)
        _ = controller.handle(.home, state: &state, size: size)
        #expect(state.popup?.scroll == 0)
        _ = controller.handle(.char("G"), state: &state, size: size)
        let screen = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()
        #expect(screen[27].contains(" 76–100/100 j/k "), "\(screen[27])")
        #expect(screen[26].contains("line 100"))
        _ = controller.handle(.enter, state: &state, size: size)
        #expect(state.popup == nil)
    }
}
