/// An ISO 4217 currency: its code and how many minor-unit digits it has (its exponent).
///
/// Dintero amounts are integers in the currency's smallest unit, so the exponent decides where
/// the decimal point goes: 2 for NOK (`59800` = 598.00), 0 for JPY, 3 for KWD. Unknown codes use
/// 2, the most common exponent.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The code as given, upper-cased (`"NOK"`).
    public var code: String
    /// Digits after the decimal point.
    public var exponent: Int

    /// A currency by code, with its exponent from the ISO 4217 table (2 when unknown).
    public init(code: String) {
        let upper = code.uppercased()
        self.code = upper
        self.exponent = Currency.exponents[upper] ?? Currency.defaultExponent
    }

    /// A currency with an explicit exponent (clamped to 0...18).
    public init(code: String, exponent: Int) {
        self.code = code.uppercased()
        self.exponent = min(max(exponent, 0), 18)
    }

    public var description: String { code }

    /// Whether the code is in the exponent table (all others are assumed to have 2 decimals).
    public var isInTable: Bool { Currency.exponents[code] != nil }

    public static let defaultExponent = 2

    public static let nok = Currency(code: "NOK")
    public static let sek = Currency(code: "SEK")
    public static let dkk = Currency(code: "DKK")
    public static let eur = Currency(code: "EUR")
    public static let usd = Currency(code: "USD")
    public static let gbp = Currency(code: "GBP")
    public static let jpy = Currency(code: "JPY")
    public static let kwd = Currency(code: "KWD")

    /// ISO 4217 minor-unit exponents for currencies whose exponent is not 2, plus the common
    /// 2-decimal ones for completeness.
    public static let exponents: [String: Int] = [
        // 2 decimals
        "NOK": 2, "SEK": 2, "DKK": 2, "EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "PLN": 2, "CAD": 2,
        "AUD": 2, "NZD": 2, "CZK": 2, "HUF": 2, "RON": 2, "BGN": 2, "CNY": 2, "HKD": 2, "SGD": 2,
        "INR": 2, "BRL": 2, "MXN": 2, "ZAR": 2, "TRY": 2, "THB": 2, "ILS": 2, "AED": 2, "SAR": 2,
        // 0 decimals
        "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "XOF": 0, "XAF": 0, "XPF": 0, "UGX": 0,
        "PYG": 0, "RWF": 0, "KMF": 0, "GNF": 0, "DJF": 0, "BIF": 0, "VUV": 0,
        // 3 decimals
        "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
        // 4 decimals (funds codes)
        "CLF": 4, "UYW": 4,
    ]
}
