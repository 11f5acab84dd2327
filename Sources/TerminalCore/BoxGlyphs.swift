/// The characters used for lines and box borders.
///
/// `.unicode` uses the box-drawing block (one column wide in every terminal font worth
/// using); `.ascii` is the fallback for non-UTF-8 locales and terminals that mangle box
/// drawing (`-`, `|`, `+`).
public struct BoxGlyphs: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String

    public init(
        horizontal: String, vertical: String, topLeft: String, topRight: String,
        bottomLeft: String, bottomRight: String
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    /// `┌─┐│└┘`
    public static let unicode = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘")
    /// `╭─╮│╰╯`
    public static let rounded = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰",
        bottomRight: "╯")
    /// `+-+|++`
    public static let ascii = BoxGlyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+")

    /// `.unicode` when the terminal handles UTF-8, `.ascii` otherwise.
    public static func forUnicode(_ supported: Bool) -> BoxGlyphs {
        supported ? .unicode : .ascii
    }
}
