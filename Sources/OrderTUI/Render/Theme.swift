import OrderAnalysis
import OrderViewModel
import TerminalCore

/// Colours and glyphs for every part of the screen. The default keeps the terminal's own
/// background; backends degrade colours to what the terminal has, and `monochrome` uses only
/// bold/reverse/underline. Meaning is never carried by colour alone: marks are also text.
public struct Theme: Sendable, Equatable {
    public var text = Style.plain
    public var muted = Style(fg: .indexed(245)).dimmed
    public var heading = Style(fg: .cyan).bolded
    public var border = Style(fg: .indexed(240))
    public var focusedBorder = Style(fg: .cyan).bolded
    public var selection = Style.plain.reversed
    public var unfocusedSelection = Style(fg: .default, bg: .indexed(237)).underlined
    public var good = Style(fg: .green)
    public var warning = Style(fg: .yellow).bolded
    public var bad = Style(fg: .red).bolded
    public var titleBar = Style(fg: .black, bg: .cyan).bolded
    public var statusBar = Style(fg: .default, bg: .indexed(236))
    public var hintKey = Style(fg: .cyan).bolded
    public var live = Style(fg: .white, bg: .red).bolded
    public var test = Style(fg: .black, bg: .yellow).bolded
    public var jsonKey = Style(fg: .cyan)
    public var jsonString = Style(fg: .green)
    public var jsonNumber = Style(fg: .yellow)
    public var jsonLiteral = Style(fg: .magenta)
    public var jsonPunctuation = Style(fg: .indexed(245))
    /// A search match in the raw view.
    public var match = Style(fg: .black, bg: .yellow)
    public var glyphs = BoxGlyphs.unicode

    public init() {}

    /// The default colour theme.
    public static let standard = Theme()

    /// No colours at all, for `NO_COLOR`, `--no-color` and monochrome terminals.
    public static let monochrome: Theme = {
        var theme = Theme()
        theme.muted = Style.plain.dimmed
        theme.heading = Style.plain.bolded
        theme.border = Style.plain
        theme.focusedBorder = Style.plain.bolded
        theme.selection = Style.plain.reversed
        theme.unfocusedSelection = Style.plain.underlined
        theme.good = Style.plain
        theme.warning = Style.plain.bolded
        theme.bad = Style.plain.bolded
        theme.titleBar = Style.plain.reversed
        theme.statusBar = Style.plain.reversed
        theme.hintKey = Style.plain.bolded
        theme.live = Style.plain.reversed.bolded
        theme.test = Style.plain.reversed
        theme.jsonKey = Style.plain.bolded
        theme.jsonString = Style.plain
        theme.jsonNumber = Style.plain
        theme.jsonLiteral = Style.plain
        theme.jsonPunctuation = Style.plain
        theme.match = Style.plain.underlined
        return theme
    }()

    func style(for token: RawJSONDocument.TokenKind) -> Style {
        switch token {
        case .key: return jsonKey
        case .string: return jsonString
        case .number: return jsonNumber
        case .literal: return jsonLiteral
        case .punctuation: return jsonPunctuation
        }
    }

    func style(for tone: DetailRow.Tone) -> Style {
        switch tone {
        case .normal: return text
        case .muted: return muted
        case .heading: return heading
        case .good: return good
        case .warning: return warning
        case .bad: return bad
        }
    }
}
