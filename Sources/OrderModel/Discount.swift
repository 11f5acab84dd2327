import JSONCore

/// An order-level discount (`discounts[]`) and the references through which it was applied.
public struct Discount: Sendable, Equatable {
    public var id: String?
    public var refs: [DiscountRef]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        refs = r.children("refs", DiscountRef.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// One application of a discount: `{id, amount, statistics, stamp, usages, items}`.
public struct DiscountRef: Sendable, Equatable {
    public var id: String?
    public var amount: Int64?
    public var statistics: DiscountStatistics?
    public var stamp: Int64?
    public var usages: Int64?
    public var items: [DiscountRefItem]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        amount = r.int("amount")
        statistics = r.child("statistics", DiscountStatistics.init(reader:))
        stamp = r.int("stamp")
        usages = r.int("usages")
        items = r.children("items", DiscountRefItem.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// A discount reference's `statistics`: `{amount, stamp, usage}`.
public struct DiscountStatistics: Sendable, Equatable {
    public var amount: Int64?
    public var stamp: Int64?
    public var usage: Int64?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        amount = r.int("amount")
        stamp = r.int("stamp")
        usage = r.int("usage")
        path = r.path
        raw = r.json
    }
}

/// A line a discount reference applied to: `{line_id, amount}`.
public struct DiscountRefItem: Sendable, Equatable {
    public var lineID: LineID?
    public var amount: Int64?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        lineID = r.lineID("line_id")
        amount = r.int("amount")
        path = r.path
        raw = r.json
    }
}
