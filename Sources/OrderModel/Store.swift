import JSONCore

/// A store: the order-level `store` (with `comments: [String]`) or an item's `store` (with a
/// singular `comment: String`). Both spellings are read into one type; the other is nil/empty.
public struct Store: Sendable, Equatable {
    public var id: String?
    public var organizationNumber: String?
    public var name: String?
    public var businessName: String?
    /// Item-level `store.comment`.
    public var comment: String?
    /// Order-level `store.comments`.
    public var comments: [String]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        organizationNumber = r.string("organization_number")
        name = r.string("name")
        businessName = r.string("business_name")
        comment = r.string("comment")
        comments = r.strings("comments")
        path = r.path
        raw = r.json
    }
}
