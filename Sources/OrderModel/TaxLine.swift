import JSONCore

/// One tax on an order item. `amount`/`tax_basis` are integer minor units; the `_dwh`
/// variants are decimal strings with extra precision (`"5584.0440"`) kept exactly as written.
public struct TaxLine: Sendable, Equatable {
    public var amount: Int64?
    public var amountDWH: String?
    public var exempt: Bool?
    public var includedInPrice: Bool?
    public var percentage: Double?
    /// `percentage` as written (`25`, `12.5`).
    public var percentageText: String?
    public var taxBasis: Int64?
    public var taxBasisDWH: String?
    public var taxCode: String?
    public var taxGroup: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        amount = r.int("amount")
        amountDWH = skim.string("amount_dwh")
        exempt = r.bool("exempt")
        includedInPrice = r.bool("included_in_price")
        percentage = r.double("percentage")
        percentageText = r.numberText("percentage")
        taxBasis = r.int("tax_basis")
        taxBasisDWH = skim.string("tax_basis_dwh")
        taxCode = skim.string("tax_code")
        taxGroup = skim.string("tax_group")
        path = r.path
        raw = r.json
    }
}
