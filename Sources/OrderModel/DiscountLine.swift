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
        amount = r.int("amount")
        percentage = r.double("percentage")
        percentageText = r.numberText("percentage")
        discountType = r.string("discount_type")
        discountSubtype = r.string("discount_subtype")
        discountID = r.string("discount_id")
        description = r.string("description")
        lineID = r.lineID("line_id")
        path = r.path
        raw = r.json
    }
}
