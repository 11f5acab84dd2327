import Testing

@testable import TerminalCore

@Suite struct GridTests {
    @Test func newGridIsBlank() {
        let grid = Grid(width: 3, height: 2)
        #expect(grid.cells.count == 6)
        #expect(grid.cells.allSatisfy { $0 == .blank })
        #expect(grid.lines() == ["", ""])
        #expect(grid.text() == "\n")
    }

    @Test func putWritesTextAndReturnsNextColumn() {
        var grid = Grid(width: 10, height: 2)
        let end = grid.put("abc", x: 1, y: 0)
        #expect(end == 4)
        #expect(grid.put("de", x: end, y: 0) == 6)
        #expect(grid.lines() == [" abcde", ""])
    }

    @Test func putAppliesStyle() {
        var grid = Grid(width: 4, height: 1)
        let style = Style(fg: .red, bold: true)
        grid.put("ab", x: 1, y: 0, style: style)
        #expect(grid.cell(x: 0, y: 0) == .blank)
        #expect(grid.cell(x: 1, y: 0) == Cell("a", style: style))
        #expect(grid.cell(x: 2, y: 0) == Cell("b", style: style))
        #expect(grid.cell(x: 3, y: 0) == .blank)
    }

    @Test func putClipsAtRightEdge() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("abcdefgh", x: 2, y: 0) == 5)
        #expect(grid.text() == "  abc")
    }

    @Test func putClipsAtLeftEdgeWithNegativeX() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("abcdef", x: -3, y: 0) == 3)
        #expect(grid.text() == "def")
    }

    @Test func putOutsideRowsDoesNothing() {
        var grid = Grid(width: 5, height: 2)
        grid.put("top", x: 0, y: -1)
        grid.put("bottom", x: 0, y: 2)
        grid.put("far", x: 0, y: Int.max)
        grid.put("far", x: Int.max, y: 0)
        grid.put("far", x: Int.min, y: 0)
        grid.put("far", x: Int.min, y: Int.min)
        grid.put("far", x: 2, y: 0, maxWidth: Int.max)
        grid.put("far", x: Int.max - 1, y: 0, maxWidth: Int.max)
        grid.put("日本", x: Int.min, y: 1)
        #expect(grid.text() == "  far\n")
    }

    @Test func maxWidthLimitsText() {
        var grid = Grid(width: 10, height: 1)
        #expect(grid.put("abcdef", x: 2, y: 0, maxWidth: 3) == 5)
        grid.put("zzz", x: 0, y: 0, maxWidth: 0)
        grid.put("zzz", x: 0, y: 0, maxWidth: -4)
        #expect(grid.text() == "  abc")
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put("日本", x: 0, y: 0) == 4)
        #expect(grid.cell(x: 0, y: 0)?.text == "日")
        #expect(grid.cell(x: 1, y: 0)?.text == "")
        #expect(grid.cell(x: 2, y: 0)?.text == "本")
        #expect(grid.cell(x: 3, y: 0)?.isContinuation == true)
        #expect(grid.text() == "日本")
    }

    @Test func wideCharacterAtLastColumnBecomesSpace() {
        var grid = Grid(width: 5, height: 1, fill: Cell("."))
        #expect(grid.put("ab日", x: 2, y: 0) == 5)
        #expect(grid.cells.map(\.text) == [".", ".", "a", "b", " "])
    }

    @Test func wideCharacterCutByMaxWidthBecomesSpace() {
        var grid = Grid(width: 8, height: 1, fill: Cell("."))
        grid.put("日本語", x: 0, y: 0, maxWidth: 5)
        #expect(grid.text() == "日本 ...")
    }

    @Test func wideCharacterCutByLeftEdgeBecomesSpace() {
        var grid = Grid(width: 4, height: 1, fill: Cell("."))
        #expect(grid.put("日本", x: -1, y: 0) == 3)
        #expect(grid.cells.map(\.text) == [" ", "本", "", "."])
    }

    @Test func combiningMarksStayInTheirCell() {
        var grid = Grid(width: 4, height: 1)
        #expect(grid.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(grid.cell(x: 0, y: 0)?.text == "e\u{301}")
        #expect(grid.cell(x: 1, y: 0)?.text == "x")
    }

    @Test func zeroWidthGraphemeAttachesToPreviousCell() {
        var grid = Grid(width: 4, height: 1)
        // A lone combining mark at the start has nothing to attach to and is dropped.
        #expect(grid.put("\u{301}ab", x: 0, y: 0) == 2)
        #expect(grid.text() == "ab")
        // ZWJ sequences are one grapheme: one double-width cell pair.
        var family = Grid(width: 4, height: 1)
        #expect(family.put("👨‍👩‍👧!", x: 0, y: 0) == 3)
        #expect(family.cell(x: 0, y: 0)?.text == "👨‍👩‍👧")
        #expect(family.cell(x: 2, y: 0)?.text == "!")
    }

    @Test func controlCharactersAreSanitizedOnPut() {
        var grid = Grid(width: 20, height: 1)
        grid.put("a\u{1B}]0;x\u{7}\nb", x: 0, y: 0)
        #expect(grid.text() == "a\\e]0;x\\a\\nb")
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)  // right half of 日
        #expect(grid.cells.map(\.text) == [" ", "x", "本", "", "語", ""])
        grid.put("y", x: 2, y: 0)  // left half of 本
        #expect(grid.cells.map(\.text) == [" ", "x", "y", " ", "語", ""])
        grid.put("字", x: 3, y: 0)  // straddles a blank and the left half of 語
        #expect(grid.cells.map(\.text) == [" ", "x", "y", "字", "", " "])
        #expect(grid.text() == " xy字")
    }

    @Test func zeroByZeroAndOneByOneGridsWork() {
        var empty = Grid(width: 0, height: 0)
        empty.put("hello", x: 0, y: 0)
        empty.fill(Rect(x: -5, y: -5, width: 100, height: 100), style: Style(bold: true))
        empty.box(Rect(x: 0, y: 0, width: 3, height: 3), title: "t")
        empty.horizontalLine(x: 0, y: 0, length: 5)
        empty.draw(Grid(width: 2, height: 2), x: 0, y: 0)
        #expect(empty.text() == "")
        #expect(empty.lines() == [])
        #expect(empty.styledRuns(row: 0) == [])

        var tiny = Grid(width: 1, height: 1)
        #expect(tiny.put("日", x: 0, y: 0) == 1)
        #expect(tiny.text() == "")
        tiny.put("ab", x: 0, y: 0)
        #expect(tiny.text() == "a")
        tiny.box(tiny.bounds, title: "Orders")
        #expect(tiny.text() == "─")
        let negative = Grid(width: -3, height: -1)
        #expect(negative.size == .zero)
    }

    @Test func fillClipsAndStyles() {
        var grid = Grid(width: 4, height: 3)
        let style = Style(bg: .blue)
        grid.fill(Rect(x: -1, y: 1, width: 3, height: 10), style: style, character: "#")
        #expect(grid.lines() == ["", "##", "##"])
        #expect(grid.cell(x: 1, y: 2)?.style == style)
        #expect(grid.cell(x: 2, y: 2)?.style == .plain)
        // A wide fill character is refused (a space is used).
        grid.fill(grid.bounds, character: "日")
        #expect(grid.text() == "\n\n")
    }

    @Test func boxWithTitle() {
        var grid = Grid(width: 12, height: 4)
        grid.box(grid.bounds, title: "Orders")
        #expect(
            grid.lines() == [
                "┌─ Orders ─┐",
                "│          │",
                "│          │",
                "└──────────┘",
            ])
    }

    @Test func boxTitleIsTruncatedAndSanitized() {
        var grid = Grid(width: 10, height: 3)
        grid.box(grid.bounds, title: "Very\u{1B}long title", glyphs: .ascii)
        #expect(grid.lines() == ["+- Very… +", "|        |", "+--------+"])
    }

    @Test func boxClipsPartlyOutside() {
        var grid = Grid(width: 4, height: 3)
        grid.box(Rect(x: 2, y: 1, width: 5, height: 5))
        #expect(grid.lines() == ["", "  ┌─", "  │"])
        var other = Grid(width: 4, height: 3)
        other.box(Rect(x: -2, y: -1, width: 5, height: 3))
        #expect(other.lines() == ["  │", "──┘", ""])
    }

    @Test func linesClip() {
        var grid = Grid(width: 5, height: 3)
        grid.horizontalLine(x: -2, y: 1, length: 4)
        grid.verticalLine(x: 4, y: -10, length: Int.max)
        #expect(grid.lines() == ["    │", "──  │", "    │"])
    }

    @Test func drawCopiesAnotherGridWithClipping() {
        var pane = Grid(width: 4, height: 2)
        pane.put("日本", x: 0, y: 0)
        pane.put("abcd", x: 0, y: 1)
        var screen = Grid(width: 5, height: 3, fill: Cell("."))
        screen.draw(pane, x: 2, y: 1)
        #expect(screen.lines() == [".....", "..日", "..abc"])
        #expect(screen.cell(x: 4, y: 1)?.text == " ")
        var left = Grid(width: 3, height: 1, fill: Cell("."))
        left.draw(pane, x: -1, y: 0)
        #expect(left.cells.map(\.text) == [" ", "本", ""])
    }

    @Test func textRoundTripsForPlainContent() {
        let lines = ["Order 1001  NOK 1 250,00", "日本語 æøå 👍", "", "  indented"]
        var grid = Grid(width: 30, height: lines.count)
        for (row, line) in lines.enumerated() { grid.put(line, x: 0, y: row) }
        #expect(grid.lines() == lines)
        #expect(grid.text() == lines.joined(separator: "\n"))
    }

    @Test func styledRunsGroupEqualStyles() {
        var grid = Grid(width: 8, height: 1)
        let bold = Style(bold: true)
        grid.put("ab", x: 0, y: 0)
        grid.put("日c", x: 2, y: 0, style: bold)
        let runs = grid.styledRuns(row: 0)
        #expect(
            runs == [
                StyledRun(x: 0, width: 2, text: "ab", style: .plain),
                StyledRun(x: 2, width: 3, text: "日c", style: bold),
                StyledRun(x: 5, width: 3, text: "   ", style: .plain),
            ])
        #expect(grid.styledRuns(row: 1) == [])
        #expect(grid.styledRuns(row: -1) == [])
    }

    @Test func randomPutsKeepTheWideCharacterInvariant() {
        var generator = SplitMix64(seed: 42)
        let pieces = ["a", "日本", "æ", "👍", "e\u{301}", "ｶ", "字字字", "\u{1B}[", "x y", "한"]
        for _ in 0..<200 {
            var grid = Grid(width: Int(generator.next() % 9), height: Int(generator.next() % 4))
            for _ in 0..<20 {
                let text = pieces[Int(generator.next() % UInt64(pieces.count))]
                let x = Int(generator.next() % 14) - 3
                let y = Int(generator.next() % 6) - 1
                let maxWidth: Int? = generator.next() % 3 == 0 ? Int(generator.next() % 6) - 1 : nil
                grid.put(text, x: x, y: y, maxWidth: maxWidth)
            }
            for y in 0..<grid.height {
                let row = Array(grid.row(y))
                for (x, cell) in row.enumerated() {
                    let width = DisplayWidth.of(cell.text)
                    if cell.isContinuation {
                        #expect(x > 0 && DisplayWidth.of(row[x - 1].text) == 2)
                    } else if width == 2 {
                        #expect(x + 1 < row.count && row[x + 1].isContinuation)
                    } else {
                        #expect(width == 1, "cell \(x),\(y) = \(cell.text)")
                    }
                }
                #expect(DisplayWidth.of(grid.lines()[y]) <= grid.width)
            }
        }
    }
}

/// A small deterministic generator so property-style tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
