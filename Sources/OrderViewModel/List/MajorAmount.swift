import OrderModel

/// Amounts typed in filters are in major units ("1000", "99.50"); orders hold minor units of
/// their own currency, so the conversion happens per order, through the one money parser.
enum MajorAmount {
    static func isValid(_ text: String) -> Bool {
        MoneyFormatter.parseMinorUnits(text, currencyCode: "KWD") != nil
    }

    static func minorUnits(_ text: String, currency: String?) -> Int64? {
        MoneyFormatter.parseMinorUnits(text, currencyCode: currency ?? "NOK")
    }
}
