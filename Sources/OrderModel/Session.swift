import JSONCore

/// A payment session of an order (`sessions[]`, or `GET …/orders/{id}/sessions/{session_id}`):
/// the lines the customer was asked to pay for. Its `line_id`s are strings in the API.
public struct Session: Sendable, Equatable {
    public var id: String?
    public var createdAt: Timestamp?
    public var createdBy: String?
    /// Minor units of the order currency.
    public var amount: Int64?
    public var processedAt: Timestamp?
    public var metadata: JSONObject?
    public var items: [SessionItem]
    public var links: [Link]
    /// Path inside the document it came from (`sessions[0]` in an order, root when standalone).
    public var path: JSONPath
    public var raw: JSONValue
    /// Fields that were present but unreadable (only filled when decoded standalone with
    /// `init(json:)`; inside an order they go to `Order.decodeIssues`).
    public var decodeIssues: [DecodeIssue]

    /// Decodes a standalone session document; never fails.
    public init(json: JSONValue) {
        let log = IssueLog()
        if case .object = json {
            self.init(reader: NodeReader(json: json, path: .root, log: log))
        } else {
            self.init(reader: NodeReader(json: .object(JSONObject()), path: .root, log: log))
            raw = json
            log.report(.root, "expected an object, found \(NodeReader.describe(json))")
        }
        decodeIssues = log.issues
        withExtendedLifetime(log) {}  // the readers hold it unowned
    }

    init(reader r: NodeReader) {
        id = r.string("id")
        createdAt = r.timestamp("created_at")
        createdBy = r.string("created_by")
        amount = r.int("amount")
        processedAt = r.timestamp("processed_at")
        metadata = r.object("metadata")
        items = r.children("items", SessionItem.init(reader:))
        links = r.links()
        path = r.path
        raw = r.json
        decodeIssues = []
    }
}

/// A line selected in a session: `{line_id (string), amount}`.
public struct SessionItem: Sendable, Equatable {
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
