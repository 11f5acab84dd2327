import JSONCore

/// One of a node's `_links`: `{href, rel}`; `rel` is often missing.
public struct Link: Sendable, Equatable {
    public var href: String?
    public var rel: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        href = r.string("href")
        rel = r.string("rel")
        path = r.path
        raw = r.json
    }
}

/// An id of the order (or of an itinerary address) in another system: `{id, source, description}`.
public struct ExternalID: Sendable, Equatable {
    public var id: String?
    public var source: String?
    public var description: String?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        id = r.string("id")
        source = r.string("source")
        description = r.string("description")
        path = r.path
        raw = r.json
    }
}

/// A link shown with the order, e.g. a receipt: `{text, href, public}`.
public struct ExternalLink: Sendable, Equatable {
    public var text: String?
    public var href: String?
    /// The `public` flag.
    public var isPublic: Bool?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        text = r.string("text")
        href = r.string("href")
        isPublic = r.bool("public")
        path = r.path
        raw = r.json
    }
}
