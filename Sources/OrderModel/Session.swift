/// PLACEHOLDER replaced by the model work: a payment session of an order.
public struct Session: Sendable, Equatable {
    public var raw: JSONValue
    public init(json: JSONValue) { raw = json }
}
