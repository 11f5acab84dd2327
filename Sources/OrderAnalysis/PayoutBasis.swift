import OrderModel

/// The amount an item's payout tree splits: what the customer paid for the line, which is the
/// line's amount after its discounts.
///
/// Rule (Dintero's split-payment guide, docs.dintero.com, checkout/split-payment/
/// creating-split-session: "a customer pays 499,90 NOK ... 399,90 NOK goes to the merchant,
/// 70,00 NOK to the platform, 30,00 NOK is a donation"): the payout destinations of a line add up
/// to the amount paid for it. That is the item's `net_amount`; an item without one paid its
/// `gross_amount` less its `discount_lines`; an item without discounts paid its gross.
public struct PayoutBasis: Sendable, Equatable {
    /// Which of the item's amounts the basis is.
    public enum Source: Sendable, Equatable {
        /// The item's `net_amount`.
        case net
        /// `gross_amount` minus the sum of `discount_lines[].amount` (the item has no net).
        case grossLessDiscounts
        /// `gross_amount` (no net, no discount lines).
        case gross
    }

    public var amount: Int64
    public var source: Source

    public init(amount: Int64, source: Source) {
        self.amount = amount
        self.source = source
    }

    /// The basis of `item`'s payout, or nil when the item states no amount to compare with (or
    /// its discounts overflow).
    public init?(item: OrderItem) {
        self.init(net: item.netAmount, gross: item.grossAmount, discountLines: item.discountLines)
    }

    /// The same from the item's amounts (the anomaly checks read them without copying the item).
    init?(net: Int64?, gross: Int64?, discountLines: [DiscountLine]) {
        if let net {
            self.init(amount: net, source: .net)
            return
        }
        guard let gross else { return nil }
        let discounts = discountLines.compactMap(\.amount)
        guard !discounts.isEmpty else {
            self.init(amount: gross, source: .gross)
            return
        }
        guard let total = PayoutTree.sumAmounts(discounts) else { return nil }
        let (paid, overflow) = gross.subtractingReportingOverflow(total)
        guard !overflow else { return nil }
        self.init(amount: paid, source: .grossLessDiscounts)
    }

    /// How messages and rows name the basis: "the item's net", "the item's gross − discounts".
    public var name: String {
        switch source {
        case .net: return "the item's net"
        case .grossLessDiscounts: return "the item's gross − discounts"
        case .gross: return "the item's gross"
        }
    }

    /// The short form for rows: "item net", "item gross − discounts", "item gross".
    public var title: String {
        switch source {
        case .net: return "item net"
        case .grossLessDiscounts: return "item gross − discounts"
        case .gross: return "item gross"
        }
    }

    /// A share's reference in a row: "of item net".
    public var shareLabel: String { "of " + title }
}

/// The share a `percentage` destination claims of the amount above it.
///
/// Dintero's payout destinations carry `type` (`percentage`) and `value` (a decimal string such as
/// `"10"`) beside the resolved `amount` (Orders API, Order item `payout.destinations[]`; see
/// reference/dintero-api.md §5.2); the amount is that percentage of what its level splits: the
/// parent destination's amount, or the line's basis at the top level. Each amount is rounded to
/// a minor unit and the remainder goes to one destination, so an amount may differ from its exact
/// share by less than one minor unit per destination at its level; only more is a contradiction.
public struct PayoutShare: Sendable, Equatable {
    /// The percentage in hundredths of a percent (`"12.5"` → 1250), so shares stay integers.
    public var hundredthsOfPercent: Int64

    /// Reads `type`/`value` of a destination; nil unless the type is `percentage` and the value a
    /// plain decimal between 0 and 100 with at most two decimals.
    public init?(type: String?, value: String?) {
        // Read byte by byte: every destination of every order is read by the whole-dump
        // checks, and splitting and lowercasing texts cost more than the check itself. Only
        // ASCII can pass, so bytes decide as characters would.
        guard let type, let value, PayoutShare.isPercentage(type) else { return nil }
        var whole: Int64 = 0
        var wholeDigits = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawPoint = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: ".") {
                if sawPoint { return nil }
                sawPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            if sawPoint {
                fractionDigits += 1
                guard fractionDigits <= 2 else { return nil }
                fraction = fraction * 10 + Int64(digit)
            } else {
                wholeDigits += 1
                guard wholeDigits <= 3 else { return nil }
                whole = whole * 10 + Int64(digit)
            }
        }
        guard wholeDigits >= 1, !sawPoint || fractionDigits >= 1 else { return nil }
        let hundredths = whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
        guard hundredths <= 10_000 else { return nil }
        hundredthsOfPercent = hundredths
    }

    /// `type` is `percentage` in any case (no other text lowercases to it).
    private static func isPercentage(_ type: String) -> Bool {
        // As written by Dintero, the common case: one comparison of two small strings.
        if type == "percentage" { return true }
        let expected: StaticString = "percentage"
        guard type.utf8.count == expected.utf8CodeUnitCount else { return false }
        return expected.withUTF8Buffer { expected in
            var at = 0
            for byte in type.utf8 {
                guard byte | 0x20 == expected[at] else { return false }
                at += 1
            }
            return true
        }
    }

    /// How far `amount` is from the exact share of `whole`, in ten-thousandths of a minor unit
    /// (integers only: no rounding before the comparison); nil on overflow.
    public func distance(of amount: Int64, from whole: Int64) -> UInt64? {
        let (share, overflowShare) = whole.multipliedReportingOverflow(by: hundredthsOfPercent)
        let (scaled, overflowAmount) = amount.multipliedReportingOverflow(by: 10_000)
        guard !overflowShare, !overflowAmount else { return nil }
        let (difference, overflow) = scaled.subtractingReportingOverflow(share)
        return overflow ? nil : difference.magnitude
    }

    /// True when `amount` is within `tolerance` minor units of this share of `whole`.
    public func agrees(amount: Int64, whole: Int64, tolerance: Int) -> Bool {
        guard let distance = distance(of: amount, from: whole) else { return true }
        return distance < UInt64(max(1, tolerance)) * 10_000
    }

    /// The share of `whole`, rounded to a minor unit, for messages.
    public func expected(of whole: Int64) -> Int64? {
        let (share, overflow) = whole.multipliedReportingOverflow(by: hundredthsOfPercent)
        guard !overflow else { return nil }
        let (quotient, remainder) = share.quotientAndRemainder(dividingBy: 10_000)
        if remainder.magnitude * 2 >= 10_000 { return quotient + (share < 0 ? -1 : 1) }
        return quotient
    }
}
