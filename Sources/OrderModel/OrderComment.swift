import JSONCore

/// A comment on the order (`comments[]`): `{id, body, created_at, created_by, deleted_at,
/// deleted_by, visibility}`.
public struct OrderComment: Sendable, Equatable {
    public var id: String?
    public var body: String?
    public var createdAt: Timestamp?
    public var createdBy: String?
    public var deletedAt: Timestamp?
    public var deletedBy: String?
    /// e.g. `private`.
    public var visibility: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        body = r.string("body")
        createdAt = r.timestamp("created_at")
        createdBy = r.string("created_by")
        deletedAt = r.timestamp("deleted_at")
        deletedBy = r.string("deleted_by")
        visibility = r.string("visibility")
        path = r.path
        raw = r.json
    }
}
