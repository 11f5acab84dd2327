/// A rectangle of cells on a grid, used to lay out panes, boxes and bars.
///
/// Width and height are never negative: every initialiser and helper clamps them to zero, so a
/// layout computed for a 1×1 or 0×0 terminal yields empty rectangles instead of crashing.
/// Origins may be negative or lie outside a grid; `Grid` clips when drawing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public private(set) var width: Int
    public private(set) var height: Int

    /// Creates a rectangle; negative sizes become zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var size: Size { Size(width: width, height: height) }
    /// One past the last column.
    public var maxX: Int { x.addingClamped(width) }
    /// One past the last row.
    public var maxY: Int { y.addingClamped(height) }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    /// True if the cell at (`px`, `py`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    // MARK: - Insetting and clamping

    /// Shrinks every side by `amount` (a negative amount grows the rectangle).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// Shrinks each side separately. The result never has a negative size; when the insets
    /// exceed the size, the result is empty and its origin stays within the original.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(
            x: x + min(left, width), y: y + min(top, height),
            width: width - left - right, height: height - top - bottom)
    }

    /// The overlap with `bounds`; an empty rectangle (inside `bounds` where possible) if none.
    public func clamped(to bounds: Rect) -> Rect {
        let left = min(max(x, bounds.x), bounds.maxX)
        let top = min(max(y, bounds.y), bounds.maxY)
        let right = max(min(maxX, bounds.maxX), left)
        let bottom = max(min(maxY, bounds.maxY), top)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    // MARK: - Splitting side by side

    /// Splits into `count` side-by-side columns of (almost) equal width; the leftmost columns
    /// get the remainder. Returns `[]` for a count below one.
    public func splitHorizontally(count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        return splitHorizontally(weights: Array(repeating: 1, count: count))
    }

    /// Splits into side-by-side columns whose widths follow `weights` (negative weights count
    /// as zero; all-zero weights split evenly). The widths always add up to `width`.
    public func splitHorizontally(weights: [Int]) -> [Rect] {
        Rect.distribute(width, weights: weights).map { part in
            Rect(x: x + part.offset, y: y, width: part.length, height: height)
        }
    }

    /// Splits into a left and a right part; `fraction` (clamped to 0...1) of the width goes left.
    public func splitHorizontally(fraction: Double) -> (left: Rect, right: Rect) {
        splitHorizontally(leftWidth: Rect.portion(of: width, fraction: fraction))
    }

    /// Splits into a left part of `leftWidth` columns (clamped to 0...width) and the rest.
    public func splitHorizontally(leftWidth: Int) -> (left: Rect, right: Rect) {
        let leftPart = min(max(0, leftWidth), width)
        return (
            Rect(x: x, y: y, width: leftPart, height: height),
            Rect(x: x + leftPart, y: y, width: width - leftPart, height: height)
        )
    }

    // MARK: - Splitting top to bottom

    /// Splits into `count` stacked rows of (almost) equal height; the top rows get the
    /// remainder. Returns `[]` for a count below one.
    public func splitVertically(count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        return splitVertically(weights: Array(repeating: 1, count: count))
    }

    /// Splits into stacked rows whose heights follow `weights`. Heights add up to `height`.
    public func splitVertically(weights: [Int]) -> [Rect] {
        Rect.distribute(height, weights: weights).map { part in
            Rect(x: x, y: y + part.offset, width: width, height: part.length)
        }
    }

    /// Splits into a top and a bottom part; `fraction` (clamped to 0...1) of the height goes on
    /// top.
    public func splitVertically(fraction: Double) -> (top: Rect, bottom: Rect) {
        splitVertically(topHeight: Rect.portion(of: height, fraction: fraction))
    }

    /// Splits into a top part of `topHeight` rows (clamped to 0...height) and the rest.
    public func splitVertically(topHeight: Int) -> (top: Rect, bottom: Rect) {
        let topPart = min(max(0, topHeight), height)
        return (
            Rect(x: x, y: y, width: width, height: topPart),
            Rect(x: x, y: y + topPart, width: width, height: height - topPart)
        )
    }

    // MARK: - Helpers

    private static func portion(of length: Int, fraction: Double) -> Int {
        guard fraction.isFinite else { return 0 }
        let clampedFraction = min(max(fraction, 0), 1)
        return Int((Double(length) * clampedFraction).rounded())
    }

    /// Splits `total` into parts proportional to `weights` by largest remainder, so the parts
    /// always add up to `total` and ties favour the earlier part.
    private static func distribute(_ total: Int, weights: [Int]) -> [(offset: Int, length: Int)] {
        guard !weights.isEmpty else { return [] }
        var cleaned = weights.map { max(0, $0) }
        if cleaned.allSatisfy({ $0 == 0 }) { cleaned = Array(repeating: 1, count: weights.count) }
        let sum = cleaned.reduce(0, +)
        var lengths = cleaned.map { total * $0 / sum }
        var remainder = total - lengths.reduce(0, +)
        let order = cleaned.indices.sorted { a, b in
            let ra = (total * cleaned[a]) % sum
            let rb = (total * cleaned[b]) % sum
            return ra != rb ? ra > rb : a < b
        }
        var index = 0
        while remainder > 0 {
            lengths[order[index % order.count]] += 1
            remainder -= 1
            index += 1
        }
        var offset = 0
        var parts: [(offset: Int, length: Int)] = []
        parts.reserveCapacity(lengths.count)
        for length in lengths {
            parts.append((offset, length))
            offset += length
        }
        return parts
    }
}
