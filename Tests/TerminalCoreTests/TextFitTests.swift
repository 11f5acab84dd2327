import Testing

@testable import TerminalCore

@Suite struct TextFitTests {
    @Test func fittingTextIsUnchanged() {
        #expect(TextFit.truncate("hello", toWidth: 5) == "hello")
        #expect(TextFit.truncate("日本", toWidth: 4) == "日本")
        #expect(TextFit.truncate("", toWidth: 0) == "")
    }

    @Test func truncatesWithEllipsis() {
        #expect(TextFit.truncate("hello world", toWidth: 8) == "hello w…")
        #expect(TextFit.truncate("hello", toWidth: 1) == "…")
        #expect(TextFit.truncate("hello", toWidth: 0) == "")
        #expect(TextFit.truncate("hello", toWidth: -3) == "")
    }

    @Test func neverSplitsAWideCharacter() {
        // 日本語 is 6 wide; at 4 columns only 日 fits before the ellipsis (2 + 1 = 3 ≤ 4).
        #expect(TextFit.truncate("日本語", toWidth: 4) == "日…")
        #expect(TextFit.truncate("日本語", toWidth: 5) == "日本…")
        #expect(TextFit.truncate("日本語", toWidth: 2) == "…")
    }

    @Test func keepsCombiningMarksWithTheirLetter() {
        #expect(TextFit.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
    }

    @Test func truncatesAtStartAndMiddle() {
        #expect(TextFit.truncate("abcdefghij", toWidth: 5, position: .start) == "…ghij")
        #expect(TextFit.truncate("abcdefghij", toWidth: 5, position: .middle) == "ab…ij")
        #expect(TextFit.truncate("abcdefghij", toWidth: 6, position: .middle) == "abc…ij")
        #expect(TextFit.truncate("日本語です", toWidth: 5, position: .start) == "…です")
    }

    @Test func padsByDisplayWidth() {
        #expect(TextFit.pad("日本", toWidth: 6) == "日本  ")
        #expect(TextFit.pad("日本", toWidth: 6, alignment: .right) == "  日本")
        #expect(TextFit.pad("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(TextFit.pad("toolong", toWidth: 3) == "toolong")
        #expect("x".padded(toWidth: 3, alignment: .right) == "  x")
    }

    @Test func fitGivesExactWidth() {
        #expect(TextFit.fit("日本語", toWidth: 4) == "日… ")
        #expect(TextFit.fit("ab", toWidth: 4, alignment: .right) == "  ab")
        #expect("hello world".fitted(toWidth: 6) == "hello…")
    }

    @Test func truncationRespectsLimitForManyStringsAndWidths() {
        let samples = [
            "", "a", "hello world", "日本語のテキスト", "æøå ÆØÅ blåbær", "👍🏽👨‍👩‍👧🇳🇴❤️ok",
            "e\u{301}a\u{308}o\u{303}", "混合 mixed 텍스트 ok", "ｱｲｳｴｵ", "한국어abc日本",
            "\u{200B}zero\u{200B}", "ab日cd本ef", String(repeating: "字", count: 40),
        ]
        for sample in samples {
            let total = DisplayWidth.of(sample)
            for width in -1...(total + 2) {
                for position in [TruncationPosition.end, .start, .middle] {
                    let result = TextFit.truncate(sample, toWidth: width, position: position)
                    let resultWidth = DisplayWidth.of(result)
                    #expect(resultWidth <= max(0, width), "\(sample) @\(width) -> \(result)")
                    if total <= width {
                        #expect(result == sample)
                    } else if width > 0 {
                        #expect(result.contains("…"))
                        // Never more than one column short, and only when a wide character was cut.
                        #expect(resultWidth >= width - 1, "\(sample) @\(width) -> \(result)")
                    }
                    // Every grapheme of the result (minus the ellipsis) comes from the input intact.
                    for character in result where character != "…" {
                        #expect(sample.contains(character))
                    }
                    let fitted = TextFit.fit(sample, toWidth: width, truncation: position)
                    #expect(DisplayWidth.of(fitted) == max(width, 0))
                }
            }
        }
    }
}
