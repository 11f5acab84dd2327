import CNcurses
import TerminalCore

/// Converts a grid cell's grapheme into the wide characters handed to curses, making sure
/// curses will advance by exactly the cell's width.
///
/// Curses (through the C library's `wcwidth`) decides how far the cursor moves; `Grid`
/// decided with `DisplayWidth`. Where they disagree (an emoji sequence curses sees as its
/// first emoji, `❤️` which `wcwidth` calls narrow, any non-ASCII text in a non-UTF-8 locale)
/// drawing the grapheme as-is would shift everything after it. So a grapheme is passed whole
/// only if curses agrees on its width; otherwise its first character is used if that is no
/// wider than the cell, else `?`, and `columns` tells the caller how many cells to pad.
/// Control characters are never passed on, whatever the grid holds.
enum CellEncoder {
    /// What to hand to `setcchar`, and how many columns curses will fill with it.
    struct Glyph: Equatable {
        var characters: [wchar_t]
        var columns: Int
    }

    /// Curses keeps at most this many wide characters per cell (CCHARW_MAX).
    static let maxCharacters = 5

    static let question = Glyph(characters: [63], columns: 1)
    static let space = Glyph(characters: [32], columns: 1)

    static func encode(_ text: String, width: Int) -> Glyph {
        let scalars = text.unicodeScalars
        guard let first = scalars.first else { return space }
        if scalars.count == 1, first.value >= 0x20, first.value < 0x7F {
            return Glyph(characters: [wchar_t(first.value)], columns: 1)
        }
        if scalars.contains(where: isControl) { return question }

        let firstWidth = Int(cn_wcwidth(wchar_t(bitPattern: first.value)))
        var characters: [wchar_t] = [wchar_t(bitPattern: first.value)]
        var complete = true
        for scalar in scalars.dropFirst() {
            if characters.count < maxCharacters && cn_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 {
                characters.append(wchar_t(bitPattern: scalar.value))
            } else {
                complete = false
                break
            }
        }
        if complete && firstWidth == width {
            return Glyph(characters: characters, columns: width)
        }
        let isRegionalIndicator = (0x1F1E6...0x1F1FF).contains(first.value)
        if firstWidth >= 1 && firstWidth <= width && !isRegionalIndicator {
            return Glyph(characters: [wchar_t(bitPattern: first.value)], columns: firstWidth)
        }
        // A terminal that cannot show it (a non-UTF-8 locale, `TERM=vt100`): the program's own
        // marks keep their meaning in ASCII, so ✓ and ✗ never both become `?`.
        if let ascii = asciiFallback[first.value] { return Glyph(characters: [wchar_t(ascii)], columns: 1) }
        return question
    }

    /// One ASCII character for each mark the screens draw (boxes have `BoxGlyphs.ascii`).
    static let asciiFallback: [UInt32: UInt8] = [
        0x2713: UInt8(ascii: "+"),  // ✓
        0x2717: UInt8(ascii: "X"),  // ✗
        0x203A: UInt8(ascii: ">"),  // ›
        0x2039: UInt8(ascii: "<"),  // ‹
        0x25BE: UInt8(ascii: "v"),  // ▾
        0x25B8: UInt8(ascii: ">"),  // ▸
        0x2026: UInt8(ascii: "~"),  // …
        0x2192: UInt8(ascii: ">"),  // →
        0x2190: UInt8(ascii: "<"),  // ←
        0x2191: UInt8(ascii: "^"),  // ↑
        0x2193: UInt8(ascii: "v"),  // ↓
        0x00D7: UInt8(ascii: "x"),  // ×
        0x2014: UInt8(ascii: "-"),  // —
        0x2013: UInt8(ascii: "-"),  // –
        0x2212: UInt8(ascii: "-"),  // −
        0x00B7: UInt8(ascii: "."),  // ·
        0x2022: UInt8(ascii: "*"),  // •
        0x2588: UInt8(ascii: "#"),  // █
        0x00A0: UInt8(ascii: " "),  // no-break space
    ]

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
