import OrderModel

/// The money of one group in one currency, in its minor units: amounts of different currencies
/// are never added together. A sum that would leave Int64 is nil ("out of range") for good.
public struct CurrencyTotals: Sendable, Equatable {
    /// The ISO code as written in the orders; nil for orders without a currency.
    public var currency: String?
    public var orders = 0
    /// The sum of `gross_amount` over the orders that have one.
    public var gross: Int64? = 0
    /// Orders without a `gross_amount` (not in `gross`).
    public var withoutGross = 0
    public var authorized: Int64? = 0
    public var captured: Int64? = 0
    public var refunded: Int64? = 0
    public var cancelled: Int64? = 0

    public init(currency: String?) {
        self.currency = currency
    }

    /// authorized − captured − cancelled over the group; nil when out of range.
    public var outstanding: Int64? {
        PaymentSums(authorized: authorized, captured: captured, refunded: refunded, cancelled: cancelled).outstanding
    }

    /// The currency for formatting (its exponent), when the orders name one.
    public var currencyValue: Currency? { currency.map { Currency(code: $0) } }

    mutating func add(gross amount: Int64?, payments: PaymentSums) {
        orders += 1
        if let amount { gross = Self.sum(gross, amount) } else { withoutGross += 1 }
        authorized = Self.sum(authorized, payments.authorized)
        captured = Self.sum(captured, payments.captured)
        refunded = Self.sum(refunded, payments.refunded)
        cancelled = Self.sum(cancelled, payments.cancelled)
    }

    mutating func merge(_ other: CurrencyTotals) {
        orders += other.orders
        withoutGross += other.withoutGross
        gross = Self.sum(gross, other.gross)
        authorized = Self.sum(authorized, other.authorized)
        captured = Self.sum(captured, other.captured)
        refunded = Self.sum(refunded, other.refunded)
        cancelled = Self.sum(cancelled, other.cancelled)
    }

    /// A checked sum; nil (out of range) on overflow or when either side already is.
    public static func sum(_ total: Int64?, _ amount: Int64?) -> Int64? {
        guard let total, let amount else { return nil }
        let (result, overflow) = total.addingReportingOverflow(amount)
        return overflow ? nil : result
    }
}
