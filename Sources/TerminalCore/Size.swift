/// The size of a terminal or a grid in character cells.
///
/// Both dimensions are clamped to zero on creation, so layout code can subtract freely and
/// never hand a negative size to a grid or a backend.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values become zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A size written `WxH` (`120x40`), each side 1...1000; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
            (1...1000).contains(width),
            (1...1000).contains(height)
        else { return nil }
        self.init(width: width, height: height)
    }

    /// A 0×0 size.
    public static let zero = Size(width: 0, height: 0)

    /// True when either dimension is zero, so nothing can be drawn.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Number of cells (`width * height`).
    public var area: Int { width * height }

    public var description: String { "\(width)x\(height)" }
}
