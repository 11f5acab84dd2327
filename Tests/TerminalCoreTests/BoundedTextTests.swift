import Testing

@testable import TerminalCore

/// Drawing a value costs what the screen shows, not what the value holds: a 1 MB string is
/// sanitized and measured only as far as its visible start (checked by counting the bytes handed
/// to the sanitizer and the width function, not by timing).
@Suite struct BoundedTextTests {
    static let megabyte =
        "MEGA-START " + String(String(repeating: "x\u{1B}[31m", count: 174_763).prefix(1 << 20))
        + " MEGA-END"

    static let samples = [
        "", "plain", "x\u{1B}[31mRED\u{1B}[0m", "日本語の注文 東京駅 한국어", "👨\u{200D}👩\u{200D}👧\u{200D}👦🇳🇴👍🏽",
        "e" + String(repeating: "\u{301}", count: 200) + " Hansen", "\u{202E}RTL\u{202C}",
        "zero\u{200B}\u{200C}\u{200D}\u{FEFF}w",
        "bad:\u{FFFD}\u{FFFD}", String(repeating: "ab日", count: 300),
        String(repeating: "x\u{1B}", count: 500),
    ]

    /// The bounded version gives what sanitizing and truncating the whole string gives.
    @Test(arguments: [1, 2, 5, 13, 40, 117])
    func sanitizedLineMatchesTheWholeStringVersion(width: Int) {
        for sample in Self.samples {
            let whole = TextFit.truncate(Sanitizer.sanitize(sample), toWidth: width)
            #expect(
                TextFit.sanitizedLine(sample, toWidth: width) == whole,
                "\(sample.debugDescription) at \(width)")
        }
    }

    @Test func sanitizedLineOfAMegabyteLooksAtItsStartOnly() {
        let meter = TextWorkMeter()
        let line = TextWorkMeter.$current.withValue(meter) {
            TextFit.sanitizedLine(Self.megabyte, toWidth: 80)
        }
        #expect(line == TextFit.truncate(Sanitizer.sanitize(Self.megabyte), toWidth: 80))
        #expect(line.hasPrefix(#"MEGA-START x\e[31mx\e[31m"#) && line.hasSuffix("…"))
        #expect(meter.bytes < 10_000, "\(meter.bytes) bytes looked at for 80 columns")
    }

    @Test func gridPutOfAMegabyteLooksAtItsStartOnly() {
        var grid = Grid(size: Size(width: 60, height: 2))
        let meter = TextWorkMeter()
        TextWorkMeter.$current.withValue(meter) { _ = grid.put(Self.megabyte, x: 2, y: 0, maxWidth: 50) }
        #expect(grid.text().hasPrefix(#"  MEGA-START x\e[31mx"#))
        #expect(meter.bytes < 10_000, "\(meter.bytes) bytes looked at for 50 columns")
    }

    /// A flood of zero-width characters is cut after a bounded look, shown with "…".
    @Test func zeroWidthFloodIsCutAfterABoundedLook() {
        let flood = "e" + String(repeating: "\u{301}", count: 1_000_000) + "tail"
        let meter = TextWorkMeter()
        let line = TextWorkMeter.$current.withValue(meter) { TextFit.sanitizedLine(flood, toWidth: 10) }
        #expect(line.unicodeScalars.first == "e" && line.hasSuffix("…") && DisplayWidth.of(line) <= 10)
        #expect(meter.bytes < 100_000, "\(meter.bytes) bytes looked at")
    }
}
