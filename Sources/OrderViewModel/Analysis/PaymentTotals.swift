import OrderModel

/// Running payment totals, in minor units of the order currency.
public struct PaymentTotals: Sendable, Equatable {
    public var authorized: Int64 = 0
    public var captured: Int64 = 0
    public var refunded: Int64 = 0
    public var cancelled: Int64 = 0

    public init(authorized: Int64 = 0, captured: Int64 = 0, refunded: Int64 = 0, cancelled: Int64 = 0) {
        self.authorized = authorized
        self.captured = captured
        self.refunded = refunded
        self.cancelled = cancelled
    }

    /// authorized − captured − cancelled.
    public var capturable: Int64 { authorized &- captured &- cancelled }
    /// captured − refunded.
    public var refundable: Int64 { captured &- refunded }

    mutating func apply(_ entry: TimelineEntry) {
        guard entry.success != false, let amount = entry.amount else { return }
        switch entry.kind {
        case .authorization: authorized = authorized &+ amount
        case .capture: captured = captured &+ amount
        case .refund: refunded = refunded &+ amount
        case .cancellation: cancelled = cancelled &+ amount
        case .session, .event: break
        }
    }

    /// `authorized 10.00 NOK · captured 6.00 NOK · …` for a totals row.
    public func text(_ currency: Currency?) -> String {
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }
        return "authorized \(money(authorized)) · captured \(money(captured)) · refunded \(money(refunded))"
            + " · cancelled \(money(cancelled)) · capturable \(money(capturable)) · refundable \(money(refundable))"
    }
}
