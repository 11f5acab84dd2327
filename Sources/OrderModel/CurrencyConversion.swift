import JSONCore

/// The exchange-rate fields of an order item or an operation item (`original_currency`,
/// `original_gross_amount`, `conversion_rate_ppm`, `conversion_rate_timestamp`,
/// `conversion_rate_source`): the line was priced in another currency and converted.
///
/// It lives on the same JSON object as the item, so `path` and `raw` are the item's.
public struct CurrencyConversion: Sendable, Equatable {
    public var originalCurrency: String?
    public var originalGrossAmount: Int64?
    /// The rate in parts per million: 1099000 means 1 original unit = 1.099 order units.
    public var conversionRatePPM: Int64?
    public var conversionRateTimestamp: Timestamp?
    /// Where the rate came from, e.g. `ecb`.
    public var conversionRateSource: String?
    public var path: JSONPath
    public var raw: JSONValue

    public init(
        originalCurrency: String? = nil, originalGrossAmount: Int64? = nil, conversionRatePPM: Int64? = nil,
        conversionRateTimestamp: Timestamp? = nil, conversionRateSource: String? = nil,
        path: JSONPath = .root, raw: JSONValue = .null
    ) {
        self.originalCurrency = originalCurrency
        self.originalGrossAmount = originalGrossAmount
        self.conversionRatePPM = conversionRatePPM
        self.conversionRateTimestamp = conversionRateTimestamp
        self.conversionRateSource = conversionRateSource
        self.path = path
        self.raw = raw
    }

    /// Reads the fields from an item; nil when none of them is present.
    init?(reader r: NodeReader) {
        let currency = r.string("original_currency")
        let gross = r.int("original_gross_amount")
        let ppm = r.int("conversion_rate_ppm")
        let timestamp = r.timestamp("conversion_rate_timestamp")
        let source = r.string("conversion_rate_source")
        guard currency != nil || gross != nil || ppm != nil || timestamp != nil || source != nil else {
            return nil
        }
        self.init(
            originalCurrency: currency, originalGrossAmount: gross, conversionRatePPM: ppm,
            conversionRateTimestamp: timestamp, conversionRateSource: source, path: r.path, raw: r.json)
    }

    /// The rate as an exact decimal, `"1.099"` for 1099000 ppm.
    public var rateText: String? { conversionRatePPM.map(MoneyFormatter.rateString(ppm:)) }

    /// `original_gross_amount` as money in `original_currency`.
    public var originalGross: Money? {
        guard let amount = originalGrossAmount, let code = originalCurrency else { return nil }
        return Money(minorUnits: amount, currencyCode: code)
    }
}
