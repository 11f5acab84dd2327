/// An amount of money: integer minor units of a currency, never floating point.
///
/// `Money(minorUnits: 59800, currency: .nok)` is 598.00 NOK. Arithmetic is not offered on
/// purpose: totals are summed as `Int64` with overflow checks by the code that needs them.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public init(minorUnits: Int64, currencyCode: String) {
        self.init(minorUnits: minorUnits, currency: Currency(code: currencyCode))
    }

    /// Formatted with `MoneyFormatter.standard`: `1 234.56 NOK`.
    public var description: String { MoneyFormatter.standard.string(self) }
}
