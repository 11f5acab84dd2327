/// What a JSON value that is not an order is, for messages like "a JSON array of numbers".
enum ValueKind: Equatable {
    case number, string, bool, null, array
    case object(keys: [String])
    /// An order bigger than `DumpScanner.maxOrderBytes`, skipped.
    case oversizedOrder(bytes: Int)

    var singular: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .oversizedOrder(let bytes):
            return "an order of \(StreamGuard.describe(bytes, rounded: true)), over the limit of "
                + "\(StreamGuard.describe(DumpScanner.maxOrderBytes)) for one order (ORDERSCOPE_MAX_ORDER)"
        case .object(let keys):
            if keys.isEmpty { return "an empty object" }
            if let noun = ForeignObject.noun(keys: keys) {
                return ForeignObject.withArticle(noun) + " (keys: " + Self.list(keys) + ")"
            }
            return "an object with keys " + Self.list(keys)
        }
    }

    /// True for an order skipped for its size (reported as an order, not as a foreign value).
    var isOrder: Bool {
        if case .oversizedOrder = self { return true }
        return false
    }

    /// The known kind of Dintero object this is (`ForeignObject`), if any.
    var noun: String? {
        guard case .object(let keys) = self else { return nil }
        return ForeignObject.noun(keys: keys)
    }

    /// The list these values make, when they are objects of a known kind: "a checkout session
    /// list (keys: id, url, …)"; nil otherwise.
    var listName: String? {
        guard case .object(let keys) = self, let noun, !noun.hasSuffix(" list") else { return nil }
        return ForeignObject.withArticle(noun + " list") + " (keys: " + Self.list(keys) + ")"
    }

    var plural: String {
        switch self {
        case .number: return "numbers"
        case .string: return "strings"
        case .bool: return "booleans"
        case .null: return "nulls"
        case .array: return "arrays"
        case .oversizedOrder: return "orders over the size limit"
        case .object(let keys):
            if keys.isEmpty { return "empty objects" }
            if let noun = ForeignObject.noun(keys: keys) { return noun + "s (keys: " + Self.list(keys) + ")" }
            return "objects with keys " + Self.list(keys)
        }
    }

    private static func list(_ keys: [String]) -> String {
        let shown = keys.prefix(8).map { String($0.prefix(40)) }
        return shown.joined(separator: ", ") + (keys.count > 8 ? ", …" : "")
    }
}
