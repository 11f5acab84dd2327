/// An order's `status`: `open`, `closed`, `cancelled`, or any other value as written.
public struct OrderStatus: OpenEnumeration {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let open = OrderStatus(rawValue: "open")
    public static let closed = OrderStatus(rawValue: "closed")
    public static let cancelled = OrderStatus(rawValue: "cancelled")
    public static let knownValues: [OrderStatus] = [.open, .closed, .cancelled]
}
