import Foundation
import Testing

@testable import CursesBackend
@testable import TerminalCore

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (UInt32(27), Key.escape), (9, .tab), (13, .enter), (10, .enter), (127, .backspace),
        (8, .backspace), (1, .ctrl("a")), (12, .ctrl("l")), (26, .ctrl("z")), (0, .ctrl(" ")),
        (28, .ctrl("\\")), (31, .ctrl("_")), (0x6A, .char("j")), (0x4A, .char("J")),
        (0xE6, .char("æ")), (0x65E5, .char("日")), (0x1F44D, .char("👍")), (0x9B, .unknown(0x9B)),
        (0xD800, .unknown(0xD800)),
    ])
    func decodesCharacters(code: UInt32, key: Key) {
        #expect(KeyDecoder.decodeCharacter(code) == key)
    }

    @Test func decodesKeyCodes() {
        let size = Size(width: 50, height: 8)
        func decode(_ code: Int32) -> Key {
            KeyDecoder.decodeKeyCode(code, size: { size }, mouse: { MouseEvent(x: 1, y: 2, kind: .press) })
        }
        #expect(decode(0o403) == .up)  // KEY_UP
        #expect(decode(0o402) == .down)
        #expect(decode(0o404) == .left)
        #expect(decode(0o405) == .right)
        #expect(decode(0o523) == .pageUp)
        #expect(decode(0o522) == .pageDown)
        #expect(decode(0o406) == .home)
        #expect(decode(0o550) == .end)
        #expect(decode(0o512) == .delete)
        #expect(decode(0o513) == .insert)
        #expect(decode(0o527) == .enter)
        #expect(decode(0o407) == .backspace)
        #expect(decode(0o541) == .backTab)
        #expect(decode(0o410 + 1) == .function(1))
        #expect(decode(0o410 + 12) == .function(12))
        #expect(decode(0o632) == .resize(size))
        #expect(decode(0o631) == .mouse(MouseEvent(x: 1, y: 2, kind: .press)))
        #expect(decode(0o410) == .unknown(0o410))  // F0 does not exist
        #expect(decode(0o1000) == .unknown(0o1000))
        #expect(KeyDecoder.decodeKeyCode(0o631, size: { size }, mouse: { nil }) == .unknown(0o631))
    }

    @Test func decodesMouseStates() {
        // ncurses mouse version 2: 5 bits per button; pressed = 2, released = 1, clicked = 4.
        func mask(_ button: Int, _ bits: UInt64) -> UInt64 { bits << ((button - 1) * 5) }
        #expect(
            KeyDecoder.mouseEvent(x: 3, y: 4, state: mask(1, 2))
                == MouseEvent(x: 3, y: 4, kind: .press, button: 1))
        #expect(
            KeyDecoder.mouseEvent(x: 0, y: 0, state: mask(3, 1))
                == MouseEvent(x: 0, y: 0, kind: .release, button: 3))
        #expect(KeyDecoder.mouseEvent(x: 5, y: 6, state: mask(4, 2))?.kind == .wheelUp)
        #expect(KeyDecoder.mouseEvent(x: 5, y: 6, state: mask(5, 2))?.kind == .wheelDown)
        #expect(KeyDecoder.mouseEvent(x: 5, y: 6, state: mask(1, 4))?.kind == .press)
        #expect(KeyDecoder.mouseEvent(x: 5, y: 6, state: 0) == nil)
    }
}

@Suite struct ColorPairsTests {
    @Test func allocatesLazilyAndCaps() {
        var registered: [[Int16]] = []
        var pairs = ColorPairs(capacity: 2) { number, fg, bg in
            registered.append([number, fg, bg])
            return true
        }
        #expect(pairs.pair(for: .init(foreground: -1, background: -1)) == 0)
        #expect(pairs.pair(for: .init(foreground: 1, background: -1)) == 1)
        #expect(pairs.pair(for: .init(foreground: 2, background: 4)) == 2)
        #expect(pairs.pair(for: .init(foreground: 1, background: -1)) == 1)
        #expect(pairs.pair(for: .init(foreground: 3, background: 3)) == 0)  // full
        #expect(registered == [[1, 1, -1], [2, 2, 4]])
        #expect(pairs.count == 2)
    }

    @Test func refusedPairFallsBackToDefault() {
        var pairs = ColorPairs(capacity: 10) { _, _, _ in false }
        #expect(pairs.pair(for: .init(foreground: 1, background: 2)) == 0)
        #expect(pairs.count == 0)
    }
}

@Suite(.serialized) struct CellEncoderTests {
    init() {
        // wcwidth needs a UTF-8 locale; tests run with LANG=C.UTF-8, but do not rely on it.
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    private func encode(_ text: String, _ width: Int) -> (String, Int) {
        let glyph = CellEncoder.encode(text, width: width)
        let text = String(
            String.UnicodeScalarView(glyph.characters.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return (text, glyph.columns)
    }

    @Test func agreeingGraphemesPassWhole() {
        #expect(encode("a", 1) == ("a", 1))
        #expect(encode("æ", 1) == ("æ", 1))
        #expect(encode("日", 2) == ("日", 2))
        #expect(encode("e\u{301}", 1) == ("e\u{301}", 1))
        #expect(encode("👍", 2) == ("👍", 2))
    }

    @Test func disagreeingGraphemesFallBackWithoutDrift() {
        #expect(encode("👨‍👩‍👧", 2) == ("👨", 2))  // curses stops at the second emoji
        #expect(encode("❤️", 2) == ("❤", 1))  // wcwidth says narrow: pad one column
        #expect(encode("🇳🇴", 2) == ("?", 1))
        #expect(encode("日", 1) == ("?", 1))  // a wide character in a narrow cell
    }

    /// In the C locale wcwidth knows no non-ASCII character: the marks keep their meaning.
    @Test func marksHaveAnASCIIFallbackInANonUTF8Locale() {
        setlocale(LC_CTYPE, "C")
        defer { setlocale(LC_CTYPE, "C.UTF-8") }
        #expect(encode("✓", 1) == ("+", 1))
        #expect(encode("✗", 1) == ("X", 1))
        #expect(encode("›", 1) == (">", 1))
        #expect(encode("▸", 1) == (">", 1))
        #expect(encode("æ", 1) == ("?", 1))
    }

    @Test func controlsAreNeverPassedOn() {
        #expect(encode("\u{1B}", 1) == ("?", 1))
        #expect(encode("a\u{9B}", 1) == ("?", 1))
        #expect(encode("\u{7F}", 1) == ("?", 1))
        #expect(encode("", 1) == (" ", 1))
    }
}

@Suite struct CursesSmokeFrameTests {
    @Test func smokeFrameShowsHostileTextAsVisibleEscapes() {
        let fake = FakeTerminal(size: Size(width: 100, height: 14))
        let grid = CursesTerminal.smokeFrame(
            size: fake.size, terminal: fake, log: ["j", "Ctrl-L"], mouse: false)
        let text = grid.text()
        #expect(text.contains("hostile: \\e]0;pwned\\a\\e[2J\\u{9b}31m\\u{202e}abc"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(grid.lines()[0].hasPrefix("┌─ OrderScope terminal check ─"))
        #expect(text.contains("key: Ctrl-L"))
    }

    /// Runs the interactive demo when ORDERSCOPE_SMOKE=1 (from a real terminal or tmux).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ORDERSCOPE_SMOKE"] == "1"))
    func interactiveSmokeDemo() throws {
        try CursesTerminal.runSmokeDemo()
    }
}
