/// The one money formatter and parser of OrderScope.
///
/// Format (chosen for terminals and for being unambiguous across locales):
/// `[-]<integer digits grouped by 3 with a space>[.<exponent digits>] <CODE>`, e.g.
/// `1 234 567.89 NOK`, `-12.50 NOK`, `1 234 JPY`, `1.234 KWD`, `0.00 NOK`. The decimal mark is
/// always `.`; the number of decimals is always the currency's exponent. All arithmetic is
/// integer (no `Double`), so every `Int64` including `Int64.min` formats exactly.
public struct MoneyFormatter: Sendable, Equatable {
    /// Inserted between groups of three integer digits; `""` disables grouping.
    public var groupingSeparator: String
    /// Append `" " + currency code`.
    public var includesCurrencyCode: Bool

    public init(groupingSeparator: String = " ", includesCurrencyCode: Bool = true) {
        self.groupingSeparator = groupingSeparator
        self.includesCurrencyCode = includesCurrencyCode
    }

    /// `1 234.56 NOK`.
    public static let standard = MoneyFormatter()
    /// `1 234.56` (for columns whose header already names the currency).
    public static let amountOnly = MoneyFormatter(includesCurrencyCode: false)

    public func string(_ money: Money) -> String {
        string(minorUnits: money.minorUnits, currency: money.currency)
    }

    public func string(minorUnits: Int64, currency: Currency) -> String {
        var text = MoneyFormatter.decimalString(
            magnitude: minorUnits.magnitude, negative: minorUnits < 0, exponent: currency.exponent,
            groupingSeparator: groupingSeparator)
        if includesCurrencyCode, !currency.code.isEmpty { text += " " + currency.code }
        return text
    }

    /// Formats an amount given by a currency code (`"NOK"`), or with exponent 2 and no code when
    /// the code is nil.
    public func string(minorUnits: Int64, currencyCode: String?) -> String {
        guard let code = currencyCode else {
            return MoneyFormatter(groupingSeparator: groupingSeparator, includesCurrencyCode: false)
                .string(minorUnits: minorUnits, currency: Currency(code: "", exponent: 2))
        }
        return string(minorUnits: minorUnits, currency: Currency(code: code))
    }

    /// A whole number with its digits grouped by three (`41230` → `41,230` with `","`): the
    /// one digit grouping, shared by counts in the status bar and amounts.
    public static func groupedInteger(_ value: Int, separator: String) -> String {
        decimalString(
            magnitude: UInt64(value.magnitude), negative: value < 0, exponent: 0, groupingSeparator: separator
        )
    }

    /// Exact decimal text of `magnitude / 10^exponent` with an optional minus sign.
    static func decimalString(magnitude: UInt64, negative: Bool, exponent: Int, groupingSeparator: String)
        -> String
    {
        var digits = Array(String(magnitude).utf8)
        if exponent > 0, digits.count <= exponent {
            digits = Array(repeating: UInt8(ascii: "0"), count: exponent - digits.count + 1) + digits
        }
        let integerCount = digits.count - max(exponent, 0)
        var text = negative && magnitude != 0 ? "-" : ""
        for (offset, digit) in digits[0..<integerCount].enumerated() {
            if offset > 0, (integerCount - offset) % 3 == 0 { text += groupingSeparator }
            text.unicodeScalars.append(Unicode.Scalar(digit))
        }
        if exponent > 0 {
            text += "."
            for digit in digits[integerCount...] { text.unicodeScalars.append(Unicode.Scalar(digit)) }
        }
        return text
    }

    /// Reads a major-unit amount (`"1000"`, `"1000.5"`, `"-12,50"`, `"1 000"`) into minor units
    /// of `currency`: `"1000.5"` in NOK is `100050`. Spaces and `_` between digits are ignored;
    /// `.` or `,` is the decimal mark. Nil when the text is not a number, has more decimals than
    /// the currency, or overflows `Int64`.
    public static func parseMinorUnits(_ text: String, currency: Currency) -> Int64? {
        var negative = false
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var seenMark = false
        var seenSign = false
        var seenDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard !seenSign, !seenDigit, !seenMark else { return nil }
                seenSign = true
                negative = byte == UInt8(ascii: "-")
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !seenMark else { return nil }
                seenMark = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenMark { fractionDigits.append(byte) } else { integerDigits.append(byte) }
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        let exponent = currency.exponent
        while fractionDigits.count > exponent, fractionDigits.last == UInt8(ascii: "0") {
            fractionDigits.removeLast()
        }
        guard fractionDigits.count <= exponent else { return nil }
        fractionDigits += Array(repeating: UInt8(ascii: "0"), count: exponent - fractionDigits.count)
        var magnitude: UInt64 = 0
        for digit in integerDigits + fractionDigits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `parseMinorUnits` for a currency code.
    public static func parseMinorUnits(_ text: String, currencyCode: String) -> Int64? {
        parseMinorUnits(text, currency: Currency(code: currencyCode))
    }

    /// A rate in parts per million as an exact decimal: `1099000` → `"1.099"`, `1000000` → `"1"`,
    /// `500` → `"0.0005"`.
    public static func rateString(ppm: Int64) -> String {
        let magnitude = ppm.magnitude
        let whole = magnitude / 1_000_000
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        let sign = ppm < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
