import JSONCore

/// A field that was present but could not be understood, e.g.
/// `items[2].gross_amount: expected an integer, found "abc"`.
///
/// The field itself decodes as nil; everything valid around it is still decoded. Issues are
/// collected per document in `Order.decodeIssues` / `Session.decodeIssues`.
public struct DecodeIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: JSONPath
    public var message: String

    public init(path: JSONPath, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isRoot ? message : "\(path): \(message)"
    }
}
