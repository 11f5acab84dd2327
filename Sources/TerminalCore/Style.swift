/// How a cell is drawn: colours and attributes.
///
/// A plain value so renderers and themes can build styles without a terminal, and snapshot
/// tests can compare them exactly. In monochrome, backends drop colours but keep attributes, so
/// selection should use `reverse` (or `bold`) rather than colour alone.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        fg: Color = .default, bg: Color = .default, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// Default colours, no attributes.
    public static let plain = Style()

    /// A copy with `bold` set.
    public var bolded: Style { var copy = self; copy.bold = true; return copy }
    /// A copy with `reverse` set.
    public var reversed: Style { var copy = self; copy.reverse = true; return copy }
    /// A copy with `underline` set.
    public var underlined: Style { var copy = self; copy.underline = true; return copy }
    /// A copy with `dim` set.
    public var dimmed: Style { var copy = self; copy.dim = true; return copy }

    /// A copy with colours degraded to what `capability` can show.
    public func degraded(to capability: ColorCapability) -> Style {
        var copy = self
        copy.fg = fg.degraded(to: capability)
        copy.bg = bg.degraded(to: capability)
        return copy
    }
}
