/// The `state` of an order status event, and the order's combined event `state`: `error`,
/// `failure`, `pending`, `success`, or any other value as written.
public struct EventState: OpenEnumeration {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let error = EventState(rawValue: "error")
    public static let failure = EventState(rawValue: "failure")
    public static let pending = EventState(rawValue: "pending")
    public static let success = EventState(rawValue: "success")
    public static let knownValues: [EventState] = [.error, .failure, .pending, .success]
}
