import TerminalCore

/// Breaks text into lines of at most a number of terminal columns at spaces, measured with
/// `DisplayWidth`, for the screens that must stay readable when narrow (help, "too small").
enum WordWrap {
    /// The lines of `text` no wider than `width` columns. The spaces between two words on one
    /// line are kept as written (a double space can separate terms); those where a line breaks
    /// are dropped. A word wider than the whole width gets a line of its own (the caller's
    /// `maxWidth` cuts it). Always at least one line. With a `continuationIndent`, the lines
    /// after the first start with that many spaces and are narrower by as much.
    static func lines(_ text: String, width: Int, continuationIndent: Int = 0) -> [String] {
        let indent = String(repeating: " ", count: max(0, continuationIndent))
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var gap = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            // Each empty piece is one more space between two words.
            guard !piece.isEmpty else {
                gap += 1
                continue
            }
            let wordWidth = DisplayWidth.of(piece)
            let spaces = max(1, gap + 1)
            if current.isEmpty {
                current = String(piece)
                currentWidth = wordWidth
            } else if currentWidth + spaces + wordWidth <= width {
                current += String(repeating: " ", count: spaces) + piece
                currentWidth += spaces + wordWidth
            } else {
                lines.append(current)
                current = indent + piece
                currentWidth = indent.count + wordWidth
            }
            gap = 0
        }
        lines.append(current)
        return lines
    }
}
