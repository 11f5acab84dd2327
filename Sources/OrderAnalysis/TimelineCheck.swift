/// The result of comparing the payment totals with what the order says.
public struct TimelineCheck: Sendable, Equatable {
    public var kind: Anomaly.Kind
    public var label: String
    public var ok: Bool
    /// Plain language, e.g. "remaining_capture_amount is 4.00 NOK but the operations leave 0.00 NOK to capture".
    public var message: String
    public var jsonPath: String?

    public init(kind: Anomaly.Kind, label: String, ok: Bool, message: String, jsonPath: String?) {
        self.kind = kind
        self.label = label
        self.ok = ok
        self.message = message
        self.jsonPath = jsonPath
    }
}
