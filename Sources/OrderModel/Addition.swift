import JSONCore

/// An addition to an order item, e.g. "Extra Cheese" (`items[].additions[]`).
public struct Addition: Sendable, Equatable {
    public var id: String?
    public var description: String?
    public var quantity: Double?
    public var quantityText: String?
    public var grossAmount: Int64?
    public var groups: [ItemGroup]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        description = r.string("description")
        quantity = r.double("quantity")
        quantityText = r.numberText("quantity")
        grossAmount = r.int("gross_amount")
        groups = r.children("groups", ItemGroup.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// A product group an item or addition belongs to: `{id, name}`.
public struct ItemGroup: Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        name = r.string("name")
        path = r.path
        raw = r.json
    }
}
