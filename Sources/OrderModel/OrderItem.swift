import JSONCore

/// One order line (`items[]`): what was bought, its amounts, taxes, discounts, additions,
/// payout tree and exchange-rate details.
public struct OrderItem: Sendable, Equatable {
    public var id: String?
    public var lineID: LineID?
    public var externalID: String?
    public var description: String?
    public var descriptionAlias: String?
    public var status: String?
    public var version: Int64?
    public var comment: String?
    public var salespersonID: String?
    public var salespersonName: String?
    public var quantity: Double?
    /// `quantity` as written (`2`, `0.5`).
    public var quantityText: String?
    /// Before discounts, minor units.
    public var grossAmount: Int64?
    /// After discounts, minor units.
    public var netAmount: Int64?
    public var isChanged: Bool?
    public var eligibleForDiscount: Bool?
    public var reversedReason: String?
    public var metadata: JSONObject?
    public var groups: [ItemGroup]
    public var dimension: Dimension?
    public var taxLines: [TaxLine]
    public var discountLines: [DiscountLine]
    public var additions: [Addition]
    public var store: Store?
    public var relatedItem: RelatedItem?
    public var dynamicPayout: DynamicPayout?
    /// The recursive `payout.destinations` flattened into an arena.
    public var payout: PayoutTree?
    /// Exchange-rate fields, nil when the line was not converted.
    public var conversion: CurrencyConversion?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        id = skim.string("id")
        lineID = r.lineID("line_id")
        externalID = skim.string("external_id")
        description = skim.string("description")
        descriptionAlias = skim.string("description_alias")
        status = skim.string("status")
        version = skim.int("version")
        comment = skim.string("comment")
        salespersonID = skim.string("salesperson_id")
        salespersonName = skim.string("salesperson_name")
        quantity = skim.double("quantity")
        quantityText = skim.numberText("quantity")
        grossAmount = r.int("gross_amount")
        netAmount = r.int("net_amount")
        isChanged = skim.bool("is_changed")
        eligibleForDiscount = skim.bool("eligible_for_discount")
        reversedReason = skim.string("reversed_reason")
        metadata = skim.object("metadata")
        groups = skim.children("groups", ItemGroup.init(reader:))
        dimension = skim.child("dimension", Dimension.init(reader:))
        taxLines = r.children("tax_lines", TaxLine.init(reader:))
        discountLines = r.children("discount_lines", DiscountLine.init(reader:))
        additions = skim.children("additions", Addition.init(reader:))
        store = skim.child("store", Store.init(reader:))
        relatedItem = skim.child("related_item", RelatedItem.init(reader:))
        dynamicPayout = skim.child("dynamic_payout", DynamicPayout.init(reader:))
        payout = r.child("payout", PayoutTree.init(reader:))
        conversion = CurrencyConversion(reader: skim)
        path = r.path
        raw = r.json
    }

    /// The sum of the tax lines' `amount`, nil when there are none with an amount (or on overflow).
    public var taxAmount: Int64? {
        var total: Int64 = 0
        var any = false
        for line in taxLines {
            guard let amount = line.amount else { continue }
            let (sum, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = sum
            any = true
        }
        return any ? total : nil
    }
}

/// An item's `dimension`: `{color, size, style, config, variant}`.
public struct Dimension: Sendable, Equatable {
    public var color: String?
    public var size: String?
    public var style: String?
    public var config: String?
    public var variant: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        color = r.string("color")
        size = r.string("size")
        style = r.string("style")
        config = r.string("config")
        variant = r.string("variant")
        path = r.path
        raw = r.json
    }
}

/// An item's `related_item`: the line it belongs to and how (`required`, `reversed`, …).
public struct RelatedItem: Sendable, Equatable {
    public var lineID: LineID?
    public var type: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        lineID = r.lineID("line_id")
        type = r.string("type")
        path = r.path
        raw = r.json
    }
}

/// An item's `dynamic_payout`: the payout rule that computed its payout `{rule_type, rule_id}`.
public struct DynamicPayout: Sendable, Equatable {
    public var ruleType: String?
    public var ruleID: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        ruleType = r.string("rule_type")
        ruleID = r.string("rule_id")
        path = r.path
        raw = r.json
    }
}
