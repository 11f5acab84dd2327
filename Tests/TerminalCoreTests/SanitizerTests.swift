import Testing

@testable import TerminalCore

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("\u{0}", "\\0"), ("\u{7}", "\\a"), ("\u{8}", "\\b"), ("\t", "\\t"), ("\n", "\\n"),
        ("\u{B}", "\\v"), ("\u{C}", "\\f"), ("\r", "\\r"), ("\u{1B}", "\\e"), ("\u{1}", "\\x01"),
        ("\u{1F}", "\\x1f"), ("\u{7F}", "\\x7f"), ("\u{80}", "\\u{80}"), ("\u{85}", "\\u{85}"),
        ("\u{9B}", "\\u{9b}"), ("\u{9F}", "\\u{9f}"), ("\u{202A}", "\\u{202a}"),
        ("\u{202E}", "\\u{202e}"), ("\u{2066}", "\\u{2066}"), ("\u{2069}", "\\u{2069}"),
        ("\u{200E}", "\\u{200e}"), ("\u{200F}", "\\u{200f}"), ("\u{61C}", "\\u{61c}"),
        ("\u{2028}", "\\u{2028}"), ("\u{2029}", "\\u{2029}"), ("\u{FEFF}", "\\u{feff}"),
        ("\u{200B}", "\\u{200b}"), ("\u{AD}", "\\u{ad}"), ("\r\n", "\\r\\n"),
    ])
    func controlBecomesVisibleEscape(input: String, expected: String) {
        #expect(Sanitizer.sanitize(input) == expected)
        #expect(Sanitizer.sanitize("a" + input + "b") == "a" + expected + "b")
    }

    @Test func everyC0C1AndDELIsEscaped() {
        let controls = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        for value in controls {
            let scalar = Unicode.Scalar(UInt32(value))!
            let output = Sanitizer.sanitize(String(Character(scalar)))
            #expect(output.first == "\\", "U+\(String(value, radix: 16))")
            #expect(output.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
        }
    }

    @Test func oscTitleSequenceBecomesVisibleText() {
        let hostile = "Kari\u{1B}]0;pwned\u{7}Nordmann"
        let safe = Sanitizer.sanitize(hostile)
        #expect(safe == "Kari\\e]0;pwned\\aNordmann")
        #expect(!safe.utf8.contains(0x1B))
        #expect(!safe.utf8.contains(0x07))
    }

    @Test func csiColourAndDCSSequencesBecomeVisibleText() {
        #expect(Sanitizer.sanitize("\u{1B}[31mred\u{1B}[0m") == "\\e[31mred\\e[0m")
        #expect(Sanitizer.sanitize("\u{1B}P1$r\u{1B}\\") == "\\eP1$r\\e\\")
        #expect(Sanitizer.sanitize("\u{9B}2J") == "\\u{9b}2J")
        #expect(!Sanitizer.sanitize("\u{1B}[2J\u{1B}[H").unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test(arguments: [
        "plain ASCII 123 !~", "Blåbærsyltetøy æøå ÆØÅ", "日本語のテキスト", "한국어", "👍🏽 👨‍👩‍👧 🇳🇴 ❤️",
        "e\u{301}\u{302}", "مرحبا", "ज़्यादा", "backslash \\ stays", "\u{E000} private use",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "zw\u{200C}nj",
    ])
    func printableTextPassesThroughUnchanged(text: String) {
        #expect(Sanitizer.sanitize(text) == text)
    }

    @Test func unchangedInputIsTheSameString() {
        let text = "Order 12345 — 1 234,50 NOK"
        let safe = Sanitizer.sanitize(text)
        #expect(safe == text)
        #expect(safe.utf8.count == text.utf8.count)
    }

    /// `passesUnchanged(utf8:)` is true for clean text, which sanitizing leaves as it is, and
    /// false for anything sanitizing may escape (control and format characters, floods of
    /// marks, a ZWJ, U+FFFD) and for bytes that are not valid UTF-8.
    @Test func passesUnchangedOnlyForTextSanitizingLeaves() {
        let clean = [
            "", "plain", "Ståle Bø", "日本語", "🙂", "e\u{301}", "a\u{300}\u{301}\u{302}\u{303}", "a\u{200C}b",
            "Ω", "🏴\u{E0067}\u{E0062}\u{E007F}", " ,\"=+-@",
        ]
        let hostile = [
            "a\u{300}\u{301}\u{302}\u{303}\u{304}", "\u{AD}", "x\u{85}", "tab\there", "del\u{7F}",
            "\u{1B}[31m",
            "a\u{202E}b", "\u{2028}", "\u{FFFD}", "\u{FEFF}", "ø\n", "a\u{200D}b", "👨\u{200D}👩",
        ]
        let invalid: [[UInt8]] = [
            [0xFF], [0x61, 0xFE], [0xC3], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82],
            [0xF4, 0x90, 0x80, 0x80], [0x80], [0x61, 0xC3, 0xA6, 0xFF],
        ]
        func passes(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { Sanitizer.passesUnchanged(utf8: $0) }
        }
        for text in clean {
            #expect(passes(Array(text.utf8)), "\(text)")
            #expect(Sanitizer.sanitize(text) == text)
        }
        for text in hostile { #expect(!passes(Array(text.utf8)), "\(text.unicodeScalars.map(\.value))") }
        for bytes in invalid { #expect(!passes(bytes), "\(bytes)") }
    }

    @Test func invalidUTF8BytesBecomeHexEscapes() {
        #expect(Sanitizer.sanitize(bytes: [0x61, 0xFF, 0x62]) == "a\\xffb")
        #expect(Sanitizer.sanitize(bytes: [0xC3, 0xA6]) == "æ")
        #expect(Sanitizer.sanitize(bytes: [0xC3]) == "\\xc3")  // truncated
        #expect(Sanitizer.sanitize(bytes: [0x80, 0xBF]) == "\\x80\\xbf")  // stray continuations
        #expect(Sanitizer.sanitize(bytes: [0xC0, 0xAF]) == "\\xc0\\xaf")  // overlong "/"
        #expect(Sanitizer.sanitize(bytes: [0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")  // surrogate
        #expect(Sanitizer.sanitize(bytes: [0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")
        #expect(Sanitizer.sanitize(bytes: [0xF0, 0x9F, 0x91, 0x8D]) == "👍")
        #expect(Sanitizer.sanitize(bytes: [0x1B, 0x5B, 0x32, 0x4A]) == "\\e[2J")
        #expect(Sanitizer.sanitize(bytes: [0xE6, 0x97, 0xA5, 0xE6]) == "日\\xe6")
        #expect(Sanitizer.sanitize(bytes: [UInt8]()) == "")
    }

    @Test func sanitizeLinesKeepsLineStructure() {
        #expect(Sanitizer.sanitizeLines("one\ntwo\r\nthree\rfour") == ["one", "two", "three", "four"])
        #expect(Sanitizer.sanitizeLines("a\u{1B}b\n") == ["a\\eb"])
        #expect(Sanitizer.sanitizeLines("") == [""])
        #expect(Sanitizer.sanitizeLines("\n\n") == ["", ""])
        #expect(Sanitizer.sanitizeLines("x\u{2028}y\tz") == ["x", "y\\tz"])
    }

    @Test func outputNeverContainsLineBreaks() {
        let nasty = "a\nb\rc\u{85}d\u{2028}e\u{2029}f\u{B}\u{C}"
        let safe = Sanitizer.sanitize(nasty)
        #expect(
            !safe.unicodeScalars.contains {
                [0x0A, 0x0D, 0x85, 0x2028, 0x2029, 0x0B, 0x0C].contains($0.value)
            })
    }

    /// tmux glues the character after a ZWJ into the previous cell: outside an emoji sequence
    /// the columns after it would drift (found by the hostile-data end-to-end test).
    @Test func zwjIsKeptOnlyBetweenEmoji() {
        #expect(Sanitizer.sanitize("zero\u{200C}\u{200D}width") == "zero\u{200C}\\u{200d}width")
        #expect(Sanitizer.sanitize("\u{200D}") == "\\u{200d}")
        #expect(Sanitizer.sanitize("👍\u{200D}") == "👍\\u{200d}")
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(Sanitizer.sanitize(family) == family)
        let rainbow = "🏳\u{FE0F}\u{200D}🌈"
        #expect(Sanitizer.sanitize(rainbow) == rainbow)
        #expect(Sanitizer.sanitize(bytes: Array("a\u{200D}b".utf8)) == "a\\u{200d}b")
        #expect(Sanitizer.sanitize(bytes: Array(family.utf8)) == family)
    }
}

/// A flood of combining marks prints as the screen shows it (issue 22, item 15).
@Suite struct CombiningFloodTests {
    @Test func atMostFourMarksStayOnACharacter() {
        let flood = "a" + String(repeating: "\u{0301}", count: 1_000) + "b"
        #expect(Sanitizer.sanitize(flood) == "a" + String(repeating: "\u{0301}", count: 4) + "…b")
        let four = "e" + String(repeating: "\u{0308}", count: 4)
        #expect(Sanitizer.sanitize(four) == four)
        #expect(Sanitizer.sanitize("Frøydis Dahl") == "Frøydis Dahl")
    }
}
