import JSONCore

/// One discount applied to an order item (`items[].discount_lines[]`).
public struct DiscountLine: Sendable, Equatable {
    public var amount: Int64?
    public var percentage: Double?
    public var percentageText: String?
    /// e.g. `customer`.
    public var discountType: String?
    public var discountSubtype: String?
    public var discountID: String?
    public var description: String?
    public var lineID: LineID?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        amount = r.int("amount")
        percentage = r.double("percentage")
        percentageText = skim.numberText("percentage")
        discountType = skim.string("discount_type")
        discountSubtype = skim.string("discount_subtype")
        discountID = skim.string("discount_id")
        description = skim.string("description")
        lineID = skim.lineID("line_id")
        path = r.path
        raw = r.json
    }
}
