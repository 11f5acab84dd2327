/// PLACEHOLDER replaced by the model work: a Dintero order.
public struct Order: Sendable, Equatable {
    public var raw: JSONValue
    public var id: String?
    public init(json: JSONValue) {
        raw = json
        id = json["id"]?.stringValue
    }
}
