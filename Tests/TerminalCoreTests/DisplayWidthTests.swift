import Testing

@testable import TerminalCore

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("æøå", 3), ("日本", 4), ("👍", 2), ("👨‍👩‍👧", 2), ("e\u{301}", 1),
        ("\u{200B}", 0), ("", 0), ("한국어", 6), ("ｱ", 1), ("Ａ", 2), ("❤️", 2), ("❤", 1),
        ("👍🏽", 2), ("🇳🇴", 2), ("€ 12,50", 7), ("\u{200D}", 0), ("\u{FE0F}", 0),
        ("\u{202E}", 0), ("ｶﾞ", 2), ("中文ab", 6), ("\u{1F1F3}", 1), ("\u{4DC0}", 2), ("—", 1),
    ])
    func stringWidth(text: String, expected: Int) {
        #expect(
            DisplayWidth.of(text) == expected,
            "width of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func familyZWJSequenceIsOneDoubleWidthGrapheme() {
        let family: Character = "👨‍👩‍👧"
        #expect(family.unicodeScalars.count == 5)
        #expect(DisplayWidth.of(family) == 2)
    }

    @Test func hangulJamoSequenceIsTwoWide() {
        // Leading + vowel + trailing conjoining jamo form one syllable-sized grapheme.
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
    }

    @Test func controlsHaveNoWidth() {
        #expect(DisplayWidth.of("\u{1B}") == 0)
        #expect(DisplayWidth.of("\u{7F}") == 0)
        #expect(DisplayWidth.of("\u{9B}") == 0)
        #expect(DisplayWidth.of("a\tb") == 2)
    }

    @Test func scalarWidths() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x3000)!) == 2)  // ideographic space
        #expect(DisplayWidth.of(Unicode.Scalar(0x303F)!) == 1)  // half-fill space is narrow
        #expect(DisplayWidth.of(Unicode.Scalar(0x20000)!) == 2)  // CJK extension B
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x00AD)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x2500)!) == 1)  // box drawing
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F600)!) == 2)
    }

    @Test func extensionsAgreeWithFunction() {
        #expect("日本".displayWidth == 4)
        #expect(Character("日").displayWidth == 2)
        #expect("x日本y"[...].dropFirst().displayWidth == 5)
    }
}
