import JSONCore

/// An order line id, normalised to text: the Orders API writes `line_id` as an integer
/// (`1`), sessions and the Checkout API as a string (`"1"`); both become `LineID("1")` and
/// compare equal.
public struct LineID: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral
{
    /// The normalised text: integers (also `1.0`, `"1.00"`) as plain digits, anything else as
    /// written.
    public var rawValue: String

    public init(_ text: String) {
        if let number = JSONValue.parseInteger(text) {
            rawValue = String(number)
        } else {
            rawValue = text
        }
    }

    public init(_ number: Int64) { rawValue = String(number) }
    public init(stringLiteral value: String) { self.init(value) }
    public init(integerLiteral value: Int64) { self.init(value) }

    /// A line id from a JSON string or number; nil for other JSON types.
    public init?(json: JSONValue) {
        switch json {
        case .string(let text), .number(let text): self.init(text)
        default: return nil
        }
    }

    /// The id as an integer when it is one.
    public var intValue: Int64? { Int64(rawValue) }

    public var description: String { rawValue }

    /// Integers in numeric order, before any non-numeric ids, which sort as text.
    public static func < (lhs: LineID, rhs: LineID) -> Bool {
        switch (lhs.intValue, rhs.intValue) {
        case let (l?, r?): return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.rawValue < rhs.rawValue
        }
    }
}
