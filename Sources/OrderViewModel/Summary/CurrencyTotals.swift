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
        PaymentSums(authorized: authorized, captured: captured, refunded: refunded, cancelled: cancelled)
            .outstanding
    }

    /// The currency for formatting (its exponent), when the orders name one.
    public var currencyValue: Currency? { currency.map { Currency(code: $0) } }

    /// A checked sum; nil (out of range) on overflow or when either side already is.
    public static func sum(_ total: Int64?, _ amount: Int64?) -> Int64? {
        guard let total, let amount else { return nil }
        let (result, overflow) = total.addingReportingOverflow(amount)
        return overflow ? nil : result
    }
}

/// The sums of one group in one currency while rows are added: numbers only (no reference-counted
/// field), so adding a row copies and retains nothing. Out of range is a bit per sum.
struct MoneySums {
    var orders = 0
    var withoutGross = 0
    var gross: Int64 = 0
    var authorized: Int64 = 0
    var captured: Int64 = 0
    var refunded: Int64 = 0
    var cancelled: Int64 = 0
    /// Bit 0 gross, 1 authorized, 2 captured, 3 refunded, 4 cancelled: out of range.
    var overflow: UInt8 = 0

    /// `total` + `amount`, or `total` with `bit` set in `overflow` when out of range (or
    /// already out, or the amount is).
    @inline(__always)
    private static func add(_ amount: Int64?, _ total: Int64, _ bit: UInt8, _ overflow: inout UInt8) -> Int64
    {
        guard overflow & bit == 0 else { return total }
        guard let amount else {
            overflow |= bit
            return total
        }
        let (sum, overflowed) = total.addingReportingOverflow(amount)
        if overflowed { overflow |= bit }
        return overflowed ? total : sum
    }

    mutating func add(gross amount: Int64?, payments: PaymentSums) {
        orders += 1
        if let amount { gross = Self.add(amount, gross, 1, &overflow) } else { withoutGross += 1 }
        authorized = Self.add(payments.authorized, authorized, 2, &overflow)
        captured = Self.add(payments.captured, captured, 4, &overflow)
        refunded = Self.add(payments.refunded, refunded, 8, &overflow)
        cancelled = Self.add(payments.cancelled, cancelled, 16, &overflow)
    }

    mutating func merge(_ other: MoneySums) {
        orders += other.orders
        withoutGross += other.withoutGross
        overflow |= other.overflow
        gross = Self.add(other.gross, gross, 1, &overflow)
        authorized = Self.add(other.authorized, authorized, 2, &overflow)
        captured = Self.add(other.captured, captured, 4, &overflow)
        refunded = Self.add(other.refunded, refunded, 8, &overflow)
        cancelled = Self.add(other.cancelled, cancelled, 16, &overflow)
    }

    func totals(currency: String?) -> CurrencyTotals {
        var totals = CurrencyTotals(currency: currency)
        totals.orders = orders
        totals.withoutGross = withoutGross
        totals.gross = overflow & 1 == 0 ? gross : nil
        totals.authorized = overflow & 2 == 0 ? authorized : nil
        totals.captured = overflow & 4 == 0 ? captured : nil
        totals.refunded = overflow & 8 == 0 ? refunded : nil
        totals.cancelled = overflow & 16 == 0 ? cancelled : nil
        return totals
    }
}
