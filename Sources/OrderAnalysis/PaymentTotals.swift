import OrderModel

/// Running payment totals, in minor units of the order currency.
///
/// Sums are checked, never wrapped: amounts come from third parties, and two authorizations of
/// 9223372036854775807 wrapped to -2 and read as "captured 2 897.00 NOK is more than the
/// -0.02 NOK authorized". A total that would leave Int64 is marked in `overflowed`, keeps the
/// value it had, takes no more amounts, and reads as nil through `total(_:)`, `capturable` and
/// `refundable`; `PaymentTimeline` reports it as an anomaly and checks nothing that uses it.
public struct PaymentTotals: Sendable, Equatable {
    public var authorized: Int64 = 0
    public var captured: Int64 = 0
    public var refunded: Int64 = 0
    public var cancelled: Int64 = 0
    /// The totals whose sum left Int64, in the order that happened.
    public var overflowed: [TimelineEntry.Kind] = []

    public init(authorized: Int64 = 0, captured: Int64 = 0, refunded: Int64 = 0, cancelled: Int64 = 0) {
        self.authorized = authorized
        self.captured = captured
        self.refunded = refunded
        self.cancelled = cancelled
    }

    /// The total of the operations of `kind`; nil when it overflowed (or for sessions and events).
    public func total(_ kind: TimelineEntry.Kind) -> Int64? {
        guard !overflowed.contains(kind) else { return nil }
        switch kind {
        case .authorization: return authorized
        case .capture: return captured
        case .refund: return refunded
        case .cancellation: return cancelled
        case .session, .event: return nil
        }
    }

    /// authorized − captured − cancelled; nil when a total or the difference overflows.
    public var capturable: Int64? {
        guard let authorized = total(.authorization), let captured = total(.capture),
            let cancelled = total(.cancellation)
        else { return nil }
        let (left, overflow) = authorized.subtractingReportingOverflow(captured)
        let (result, overflow2) = left.subtractingReportingOverflow(cancelled)
        return overflow || overflow2 ? nil : result
    }

    /// captured − refunded; nil when a total or the difference overflows.
    public var refundable: Int64? {
        guard let captured = total(.capture), let refunded = total(.refund) else { return nil }
        let (result, overflow) = captured.subtractingReportingOverflow(refunded)
        return overflow ? nil : result
    }

    public mutating func apply(_ entry: TimelineEntry) {
        apply(kind: entry.kind, amount: entry.amount, success: entry.success)
    }

    public mutating func apply(kind: TimelineEntry.Kind, amount: Int64?, success: Bool?) {
        guard success != false, let amount, !overflowed.contains(kind) else { return }
        func add(_ total: inout Int64) {
            let (sum, overflow) = total.addingReportingOverflow(amount)
            if overflow { overflowed.append(kind) } else { total = sum }
        }
        switch kind {
        case .authorization: add(&authorized)
        case .capture: add(&captured)
        case .refund: add(&refunded)
        case .cancellation: add(&cancelled)
        case .session, .event: break
        }
    }

    /// `authorized 10.00 NOK · captured 6.00 NOK · …` for a totals row; a total that overflowed
    /// reads `out of range`.
    public func text(_ currency: Currency?) -> String {
        let money = { (amount: Int64?) in amount.map { DisplayText.money($0, currency) } ?? Self.outOfRange }
        return "authorized \(money(total(.authorization))) · captured \(money(total(.capture)))"
            + " · refunded \(money(total(.refund))) · cancelled \(money(total(.cancellation)))"
            + " · capturable \(money(capturable)) · refundable \(money(refundable))"
    }

    /// What a total that cannot be counted shows instead of an amount.
    public static let outOfRange = "out of range"
}
