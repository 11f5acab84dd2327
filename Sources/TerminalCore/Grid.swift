/// A width×height buffer of styled cells: what one frame of the screen should look like.
///
/// Pane renderers are pure functions that draw into a `Grid`; a backend puts the grid on the
/// terminal, and tests compare `text()` snapshots. All drawing clips to the grid, so any
/// coordinates (negative, huge) and any size (down to 0×0) are safe. Text is sanitized on the
/// way in and laid out by display width: a double-width character takes two cells (the second
/// one has `text == ""`), a zero-width grapheme joins the cell before it.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells; `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    /// A grid filled with `fill` (a blank by default). Negative sizes become zero.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        let safeFill = DisplayWidth.of(fill.text) == 1 ? fill : Cell(" ", style: fill.style)
        self.cells = Array(repeating: safeFill, count: self.width * self.height)
    }

    /// A grid of `size` filled with `fill`.
    public init(size: Size, fill: Cell = .blank) {
        self.init(width: size.width, height: size.height, fill: fill)
    }

    public var size: Size { Size(width: width, height: height) }
    /// The whole grid as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`), or `nil` outside the grid.
    public func cell(x: Int, y: Int) -> Cell? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return cells[y * width + x]
    }

    /// The cells of row `y` (empty outside the grid).
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<(y * width + width)]
    }

    // MARK: - Text

    /// Writes `text` on row `y` starting at column `x`, after `Sanitizer.sanitize`, so control
    /// characters show as visible escapes and nothing breaks the line.
    ///
    /// Text is clipped to the grid and to `maxWidth` columns from `x` (when given). A double-width
    /// character that would straddle the right limit, or that is cut by the left edge, leaves a
    /// space instead of half a glyph. Writing over half of an existing double-width character
    /// blanks its other half.
    ///
    /// - Returns: the column after the text (as far as the limit), for writing the next piece.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
    ) -> Int {
        let limit = rightLimit(x: x, maxWidth: maxWidth)
        guard x < limit else { return x }
        let rowIsVisible = y >= 0 && y < height
        // Only what can show is sanitized and measured: a megabyte value costs what a short one
        // does (the cut never falls inside the visible part).
        let (columns, overflow) = limit.subtractingReportingOverflow(x)  // x can be any Int
        let safe = TextFit.sanitizedPrefix(of: text, width: overflow ? Int.max : columns).text

        if safe.utf8.allSatisfy({ $0 < 0x80 }) {
            // Sanitized ASCII is printable: one byte, one grapheme, one column.
            var column = x
            for byte in safe.utf8 {
                if column >= limit { break }
                if column >= 0 && rowIsVisible {
                    store(String(Unicode.Scalar(byte)), width: 1, style: style, x: column, y: y)
                }
                column += 1
            }
            return column
        }

        var column = x
        var lastLead: Int? = nil
        for character in safe {
            if column >= limit { break }
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 {
                if let lead = lastLead, rowIsVisible {
                    cells[y * width + lead].text.append(character)
                }
                continue
            }
            if column + characterWidth > limit {
                if column >= 0 && rowIsVisible {
                    store(" ", width: 1, style: style, x: column, y: y)
                }
                return limit
            }
            lastLead = nil
            if column < 0 {
                // Cut by the left edge: blank whatever part is visible.
                let visible = max(0, column + characterWidth)
                if rowIsVisible {
                    for offset in 0..<visible {
                        store(" ", width: 1, style: style, x: offset, y: y)
                    }
                }
            } else if rowIsVisible {
                store(String(character), width: characterWidth, style: style, x: column, y: y)
                lastLead = column
            }
            column += characterWidth
        }
        return column
    }

    /// Fills `rect` (clipped to the grid) with `character` in `style`. A character that is not
    /// exactly one column wide is replaced by a space.
    public mutating func fill(_ rect: Rect, style: Style = .plain, character: Character = " ") {
        let area = rect.clamped(to: bounds)
        guard !area.isEmpty else { return }
        let text = DisplayWidth.of(character) == 1 ? Sanitizer.sanitize(String(character)) : " "
        let glyph = DisplayWidth.of(text) == 1 ? text : " "
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                store(glyph, width: 1, style: style, x: column, y: row)
            }
        }
    }

    /// Fills the whole grid.
    public mutating func clear(style: Style = .plain) {
        fill(bounds, style: style)
    }

    // MARK: - Lines and boxes

    /// Draws a horizontal line of `length` cells starting at (`x`, `y`), clipped to the grid.
    public mutating func horizontalLine(
        x: Int, y: Int, length: Int, style: Style = .plain, glyphs: BoxGlyphs = .unicode
    ) {
        guard y >= 0, y < height, length > 0 else { return }
        let start = max(x, 0)
        let end = min(x.addingClamped(length), width)
        guard start < end else { return }
        for column in start..<end {
            store(glyphs.horizontal, width: 1, style: style, x: column, y: y)
        }
    }

    /// Draws a vertical line of `length` cells starting at (`x`, `y`), clipped to the grid.
    public mutating func verticalLine(
        x: Int, y: Int, length: Int, style: Style = .plain, glyphs: BoxGlyphs = .unicode
    ) {
        guard x >= 0, x < width, length > 0 else { return }
        let start = max(y, 0)
        let end = min(y.addingClamped(length), height)
        guard start < end else { return }
        for row in start..<end {
            store(glyphs.vertical, width: 1, style: style, x: x, y: row)
        }
    }

    /// Draws a border just inside `rect`, with an optional title on the top edge
    /// (`┌─ Title ───┐`). The title is sanitized and truncated with "…" to fit; it is left
    /// out when the box is narrower than 6 columns. Rectangles one cell high or wide become a
    /// line. Use `rect.inset(by: 1)` for the area inside.
    public mutating func box(
        _ rect: Rect, title: String? = nil, style: Style = .plain, titleStyle: Style? = nil,
        glyphs: BoxGlyphs = .unicode
    ) {
        guard !rect.isEmpty else { return }
        if rect.height == 1 {
            horizontalLine(x: rect.x, y: rect.y, length: rect.width, style: style, glyphs: glyphs)
            return
        }
        if rect.width == 1 {
            verticalLine(x: rect.x, y: rect.y, length: rect.height, style: style, glyphs: glyphs)
            return
        }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(
            x: rect.x.addingClamped(1), y: rect.y, length: rect.width - 2, style: style, glyphs: glyphs)
        horizontalLine(
            x: rect.x.addingClamped(1), y: bottom, length: rect.width - 2, style: style, glyphs: glyphs)
        verticalLine(
            x: rect.x, y: rect.y.addingClamped(1), length: rect.height - 2, style: style, glyphs: glyphs)
        verticalLine(
            x: right, y: rect.y.addingClamped(1), length: rect.height - 2, style: style, glyphs: glyphs)
        setGlyph(glyphs.topLeft, x: rect.x, y: rect.y, style: style)
        setGlyph(glyphs.topRight, x: right, y: rect.y, style: style)
        setGlyph(glyphs.bottomLeft, x: rect.x, y: bottom, style: style)
        setGlyph(glyphs.bottomRight, x: right, y: bottom, style: style)

        if let title, rect.width >= 6 {
            let room = rect.width - 5
            let label = TextFit.truncate(Sanitizer.sanitize(title), toWidth: room)
            guard !label.isEmpty else { return }
            let start = put(" ", x: rect.x.addingClamped(2), y: rect.y, style: style)
            let end = put(label, x: start, y: rect.y, style: titleStyle ?? style, maxWidth: room)
            put(" ", x: end, y: rect.y, style: style)
        }
    }

    // MARK: - Composition

    /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipping at the
    /// edges; a double-width character cut by an edge becomes a space.
    public mutating func draw(_ other: Grid, x: Int, y: Int) {
        guard other.width > 0, other.height > 0 else { return }
        for sourceRow in 0..<other.height {
            let row = y.addingClamped(sourceRow)
            guard row >= 0 else { continue }
            guard row < height else { break }
            var sourceColumn = 0
            while sourceColumn < other.width {
                let cell = other.cells[sourceRow * other.width + sourceColumn]
                let isWide =
                    sourceColumn + 1 < other.width
                    && other.cells[sourceRow * other.width + sourceColumn + 1].isContinuation
                let column = x.addingClamped(sourceColumn)
                let cellWidth = isWide ? 2 : 1
                if cell.isContinuation {
                    // Orphan continuation (should not happen): show a space.
                    if column >= 0 && column < width {
                        store(" ", width: 1, style: cell.style, x: column, y: row)
                    }
                } else if column >= 0 && column + cellWidth <= width {
                    store(cell.text, width: cellWidth, style: cell.style, x: column, y: row)
                } else {
                    for offset in 0..<cellWidth {
                        let part = column.addingClamped(offset)
                        if part >= 0 && part < width {
                            store(" ", width: 1, style: cell.style, x: part, y: row)
                        }
                    }
                }
                sourceColumn += cellWidth
            }
        }
    }

    // MARK: - Reading back

    /// The rows as plain strings: double-width characters appear once, trailing spaces are
    /// trimmed. For snapshot tests and `print`-style output.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) { line += cell.text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `lines()` joined with newlines (no trailing newline).
    public func text() -> String {
        lines().joined(separator: "\n")
    }

    /// Row `y` cut into runs of equal style, left to right, covering the whole row. A backend
    /// can draw each run with one call; continuation cells contribute width but no text.
    public func styledRuns(row y: Int) -> [StyledRun] {
        let cellsOfRow = row(y)
        guard let first = cellsOfRow.first else { return [] }
        var runs: [StyledRun] = []
        var current = StyledRun(x: 0, width: 0, text: "", style: first.style)
        for (offset, cell) in cellsOfRow.enumerated() {
            if cell.style != current.style {
                runs.append(current)
                current = StyledRun(x: offset, width: 0, text: "", style: cell.style)
            }
            current.width += 1
            current.text += cell.text
        }
        runs.append(current)
        return runs
    }

    // MARK: - Internals

    /// The exclusive right bound for text starting at `x`.
    private func rightLimit(x: Int, maxWidth: Int?) -> Int {
        guard let maxWidth else { return width }
        return min(width, x.addingClamped(max(0, maxWidth)))
    }

    private mutating func setGlyph(_ glyph: String, x: Int, y: Int, style: Style) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        store(glyph, width: 1, style: style, x: x, y: y)
    }

    /// Writes one grapheme of `cellWidth` (1 or 2) columns at a position known to be inside
    /// the grid (for width 2, both columns), blanking the other half of any double-width
    /// character it partly overwrites.
    private mutating func store(_ text: String, width cellWidth: Int, style: Style, x: Int, y: Int) {
        let base = y * width
        if cells[base + x].isContinuation && x > 0 {
            cells[base + x - 1].text = " "
        }
        let after = x + cellWidth
        if after < width && cells[base + after].isContinuation {
            cells[base + after].text = " "
        }
        cells[base + x] = Cell(text, style: style)
        if cellWidth == 2 {
            cells[base + x + 1] = Cell("", style: style)
        }
    }
}

/// A horizontal stretch of cells in one style, as produced by `Grid.styledRuns(row:)`.
public struct StyledRun: Hashable, Sendable {
    /// First column.
    public var x: Int
    /// Columns covered, including continuation cells of double-width characters.
    public var width: Int
    /// The graphemes of the run, each once.
    public var text: String
    public var style: Style
}

extension Int {
    /// Addition that saturates instead of trapping on overflow.
    func addingClamped(_ other: Int) -> Int {
        let (result, overflow) = addingReportingOverflow(other)
        if overflow { return other > 0 ? Int.max : Int.min }
        return result
    }
}
