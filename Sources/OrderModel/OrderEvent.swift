import JSONCore

/// Which of the two event shapes an `events[]` entry has.
public enum EventShape: String, Sendable, Hashable {
    /// An API call that changed the order: `{id, created_at, created_by, version, request, draft_id}`.
    case api
    /// An order status event: the API fields plus `state`, `service`, `service_status`,
    /// `description`, `metadata`, `_links`.
    case status
}

/// One entry of an order's `events` (present with `include_events=true`): either an ApiEvent
/// or an OrderStatusEvent; all fields of both are optional here and `shape` says which it is.
public struct OrderEvent: Sendable, Equatable {
    public var id: String?
    public var createdAt: Timestamp?
    public var createdBy: String?
    public var version: Int64?
    public var request: EventRequest?
    public var draftID: String?
    /// `api-event` or `service-event` when present.
    public var eventType: String?
    public var state: EventState?
    public var service: String?
    /// e.g. `ready_for_pickup`.
    public var serviceStatus: String?
    public var description: String?
    public var metadata: JSONObject?
    public var links: [Link]
    public var path: JSONPath
    public var raw: JSONValue

    /// Decodes a standalone event document (e.g. the response of creating an event).
    public init(json: JSONValue) {
        let log = IssueLog()
        self.init(reader: NodeReader(json: json, path: .root, log: log))
        withExtendedLifetime(log) {}  // the readers hold it unowned
    }

    init(reader r: NodeReader) {
        id = r.string("id")
        createdAt = r.timestamp("created_at")
        createdBy = r.string("created_by")
        version = r.int("version")
        request = r.child("request", EventRequest.init(reader:))
        draftID = r.string("draft_id")
        eventType = r.string("event_type")
        state = r.openEnum("state")
        service = r.string("service")
        serviceStatus = r.string("service_status")
        description = r.string("description")
        metadata = r.object("metadata")
        links = r.links()
        path = r.path
        raw = r.json
    }

    /// `.status` when any status-event field is present or `event_type` is `service-event`.
    public var shape: EventShape {
        if eventType == "service-event" { return .status }
        if eventType == "api-event" { return .api }
        let isStatus = state != nil || service != nil || serviceStatus != nil || description != nil
        return isStatus ? .status : .api
    }
}

/// The API request recorded by an event: `{path, method, body}`; `body` is a JSON string, not
/// an object.
public struct EventRequest: Sendable, Equatable {
    public var path: String?
    public var method: String?
    public var body: String?
    /// Where the request object sits in the document (named so it does not clash with `path`).
    public var nodePath: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        path = r.string("path")
        method = r.string("method")
        body = r.string("body")
        nodePath = r.path
        raw = r.json
    }
}
