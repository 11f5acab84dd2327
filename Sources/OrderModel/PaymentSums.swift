/// The sums of one order's successful payment operations, in minor units of its currency: what
/// a summary keeps so that captured and refunded totals of many orders need no whole-order decode.
///
/// An operation counts unless it says `success: false` (as the payment timeline counts them);
/// one without an amount adds nothing. A sum that would leave Int64 becomes nil ("out of
/// range") and stays nil: a wrapped sum would read as a plausible wrong amount.
public struct PaymentSums: Sendable, Equatable {
    public var authorized: Int64?
    public var captured: Int64?
    public var refunded: Int64?
    public var cancelled: Int64?

    public init(authorized: Int64? = 0, captured: Int64? = 0, refunded: Int64? = 0, cancelled: Int64? = 0) {
        self.authorized = authorized
        self.captured = captured
        self.refunded = refunded
        self.cancelled = cancelled
    }

    /// The sum of one kind of operation (nil when it overflowed).
    public subscript(kind: OperationKind) -> Int64? {
        get {
            switch kind {
            case .authorization: return authorized
            case .capture: return captured
            case .refund: return refunded
            case .cancellation: return cancelled
            }
        }
        set {
            switch kind {
            case .authorization: authorized = newValue
            case .capture: captured = newValue
            case .refund: refunded = newValue
            case .cancellation: cancelled = newValue
            }
        }
    }

    /// Adds one successful operation's amount; an overflow makes that sum nil for good.
    public mutating func add(_ amount: Int64, to kind: OperationKind) {
        guard let total = self[kind] else { return }
        let (sum, overflow) = total.addingReportingOverflow(amount)
        self[kind] = overflow ? nil : sum
    }

    /// authorized − captured − cancelled: what is authorized and still neither captured nor
    /// released; nil when a part or the difference is out of range.
    public var outstanding: Int64? {
        guard let authorized, let captured, let cancelled else { return nil }
        let (left, overflow) = authorized.subtractingReportingOverflow(captured)
        let (result, overflow2) = left.subtractingReportingOverflow(cancelled)
        return overflow || overflow2 ? nil : result
    }

    /// The sums of a decoded order's operations.
    public init(order: Order) {
        self.init()
        for operation in order.operations where operation.success != false {
            if let amount = operation.amount { add(amount, to: operation.kind) }
        }
    }
}
