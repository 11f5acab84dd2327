import OrderTUI
import TerminalCore

/// The styles of a grid as text, one character per cell, the way ratatui's buffer assertions
/// spell them: a snapshot holds the screen's text and, below it, this mask and its legend, so
/// a change of colour or attribute fails a snapshot as a change of text does, and a diff shows
/// which cells changed.
///
/// Each character names a style class of the theme (`h` heading, `s` selection, ...); when
/// several classes share one style (monochrome makes most of them bold or plain) the first in
/// `classes` names it and the legend lists the others. A style no class of the theme has gets a
/// digit, in order of first appearance, and the legend spells it out. `.` is the plain style.
struct StyleMask: Equatable {
    /// The mask rows, trailing plain cells trimmed (as `Grid.lines()` trims trailing blanks).
    var rows: [String]
    /// One line per character used: the character, the classes it stands for, the style.
    var legend: [String]

    /// The classes of the theme, in the order that decides which name a shared style gets.
    static func classes(of theme: Theme) -> [(mark: Character, name: String, style: Style)] {
        [
            (".", "text", theme.text), ("s", "selection", theme.selection),
            ("u", "unfocused selection", theme.unfocusedSelection), ("t", "title bar", theme.titleBar),
            ("S", "status bar", theme.statusBar), ("h", "heading", theme.heading),
            ("B", "focused border", theme.focusedBorder), ("b", "border", theme.border),
            ("m", "muted", theme.muted),
            ("k", "hint key", theme.hintKey), ("g", "good", theme.good), ("w", "warning", theme.warning),
            ("x", "bad", theme.bad), ("L", "live badge", theme.live), ("T", "test badge", theme.test),
            ("K", "JSON key", theme.jsonKey), ("q", "JSON string", theme.jsonString),
            ("n", "JSON number", theme.jsonNumber),
            ("l", "JSON literal", theme.jsonLiteral), ("p", "JSON punctuation", theme.jsonPunctuation),
            ("M", "search match", theme.match),
        ]
    }

    /// Marks for styles that are no class of the theme, none of them a class's mark.
    static let otherMarks = Array("0123456789#@%&*+=~^")

    init(_ grid: Grid, theme: Theme) {
        let classes = Self.classes(of: theme)
        var marks: [Style: Character] = [:]
        var names: [Style: [String]] = [:]
        for entry in classes {
            if marks[entry.style] == nil { marks[entry.style] = entry.mark }
            names[entry.style, default: []].append(entry.name)
        }
        var others: [Style] = []
        var used: [Character: Style] = [:]
        rows = (0..<grid.height).map { y in
            var row = ""
            for cell in grid.row(y) {
                let mark: Character
                if let known = marks[cell.style] {
                    mark = known
                } else {
                    if !others.contains(cell.style) { others.append(cell.style) }
                    let index = others.firstIndex(of: cell.style) ?? 0
                    mark = index < Self.otherMarks.count ? Self.otherMarks[index] : "?"
                }
                used[mark] = cell.style
                row.append(mark)
            }
            while row.last == "." { row.removeLast() }
            return row
        }
        legend = used.sorted { $0.key < $1.key }.map { mark, style in
            let what = names[style]?.joined(separator: ", ") ?? "not a theme class"
            return "\(mark) \(what): \(Self.describe(style))"
        }
    }

    /// The style in words: `fg=cyan bg=indexed(236) bold reverse`, `plain` when it is.
    static func describe(_ style: Style) -> String {
        var words: [String] = []
        if style.fg != .default { words.append("fg=\(style.fg)") }
        if style.bg != .default { words.append("bg=\(style.bg)") }
        for (on, name) in [
            (style.bold, "bold"), (style.underline, "underline"), (style.reverse, "reverse"),
            (style.dim, "dim"),
        ]
        where on {
            words.append(name)
        }
        return words.isEmpty ? "plain" : words.joined(separator: " ")
    }

    /// The mask and legend as they follow the text in a snapshot file.
    var text: String {
        "--- styles\n" + rows.joined(separator: "\n") + "\n--- legend\n" + legend.joined(separator: "\n")
            + "\n"
    }
}
