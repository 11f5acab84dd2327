import Foundation
import Testing

@testable import TerminalCore

/// glibc's `wcwidth` (what ncursesw and tmux 3.3 use; Swift's Glibc module does not export it).
@_silgen_name("wcwidth")
private func glibcWcwidth(_ character: Int32) -> Int32

/// The widths of the hostile fixture's strings (Tests/Fixtures/dumps/hostile.json), checked
/// against what the terminal does, so the grid and tmux never disagree on a column again.
@Suite struct HostileWidthTests {
    /// glibc's width of a scalar in C.UTF-8, on this thread only.
    static func libcWidth(_ scalar: Unicode.Scalar) -> Int {
        guard let locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else { return -2 }
        defer { freelocale(locale) }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return Int(glibcWcwidth(Int32(bitPattern: scalar.value)))
    }

    /// Every single scalar the sanitizer lets through (so it reaches the terminal on its own)
    /// has the width glibc gives it, in the ranges the fixture and ordinary text use.
    @Test func passedScalarsMeasureAsGlibcDoes() throws {
        try #require(Self.libcWidth("日") == 2, "no C.UTF-8 locale")
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x2FFF, 0x3000...0x33FF, 0x4E00...0x4EFF, 0xAC00...0xAD00, 0xFE00...0xFFFD,
            0x1F000...0x1FAFF,
        ]
        var disagreements: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), !Sanitizer.isUnsafe(scalar),
                    scalar.properties.generalCategory != .unassigned,
                    scalar.properties.generalCategory != .privateUse
                else { continue }
                let ours = DisplayWidth.of(scalar)
                let theirs = Self.libcWidth(scalar)
                // -1: newer than glibc's Unicode tables; the backend draws those as `?` (CellEncoder).
                if theirs >= 0, ours != theirs {
                    disagreements.append(String(format: "U+%04X ours %d glibc %d", value, ours, theirs))
                }
            }
        }
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count): \(disagreements.prefix(80).joined(separator: ", "))")
    }
}

extension HostileWidthTests {
    /// The fixture's graphemes, our width, and the width glibc/tmux 3.3 give the same scalars
    /// drawn one after another (measured with `tmux display -p '#{cursor_x}'`). Where they differ,
    /// the backend draws only the first emoji (CellEncoder), so the terminal moves as the grid.
    @Test(arguments: [
        ("日本語の注文", 12), ("한국어", 6), ("e\u{301}\u{301}\u{301}", 1),
        ("👨\u{200D}👩\u{200D}👧\u{200D}👦", 2),  // glibc 8, tmux 3.3 2 (glues after ZWJ)
        ("🇳🇴", 2),  // glibc 1 + 1, tmux 2
        ("👍🏽", 2),  // glibc and tmux 2 + 2
        ("\u{200B}", 0), ("\u{200C}", 0),
    ])
    func fixtureGraphemes(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    /// Invalid bytes decode to U+FFFD, whose width terminals do not agree on (East Asian
    /// Ambiguous): it is shown as an ASCII escape, so a run of them is as wide everywhere.
    @Test func replacementCharacterIsEscaped() {
        let decoded = String(decoding: [0x62, 0xFF, 0xFE, 0xC0, 0x80, 0x63] as [UInt8], as: UTF8.self)
        let safe = Sanitizer.sanitize(decoded)
        #expect(safe == #"b\u{fffd}\u{fffd}\u{fffd}\u{fffd}c"#)
        #expect(DisplayWidth.of(safe) == safe.utf8.count)
        #expect(Sanitizer.sanitize("lone:\u{FFFD}") == #"lone:\u{fffd}"#)
    }
}
