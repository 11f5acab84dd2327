/// One character cell of a `Grid`: the grapheme shown there and its style.
///
/// `text` holds exactly one grapheme (possibly with combining marks attached), or `""` for the
/// right half of a double-width character, which the cell to its left owns. A blank cell is
/// `" "`. Keeping the continuation cell explicit lets the grid and the backend agree on where
/// every column is.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A space in the plain style.
    public static let blank = Cell()

    /// True for the right half of a double-width character.
    public var isContinuation: Bool { text.isEmpty }
}
