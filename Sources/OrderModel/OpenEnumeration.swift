/// A string enumeration that keeps values it does not know.
///
/// Dintero adds enum values over time; an order with `"status": "archived"` must still show
/// "archived" rather than fail or turn into nil. Conforming types are structs around the raw
/// string with static known values.
public protocol OpenEnumeration: RawRepresentable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    init(rawValue: String)
    /// The values documented by Dintero.
    static var knownValues: [Self] { get }
}

extension OpenEnumeration {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// Whether the value is one of the documented ones.
    public var isKnown: Bool { Self.knownValues.contains(self) }

    public var description: String { rawValue }
}
