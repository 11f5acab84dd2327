import JSONCore
import OrderModel

/// One answer of an order list, read whichever way the API shapes it. Dintero documents
/// `{"orders": [...]}` for store orders, older lists answer a bare array, and its other lists
/// carry their continuation under different names (`paging_token`, `next_page_token`,
/// `starting_after`, `last_evaluated_key`) or as a `next` link; the orders pages say none of it.
struct OrderListBody: Equatable {
    /// How the next page is asked for, when the body says.
    enum Continuation: Equatable {
        /// A value to send as `starting_after`.
        case token(String)
        /// A URL (absolute, or a path on the API host) that fetches the next page as it is.
        case link(String)
    }

    /// The order objects of the page (anything else in the list is dropped).
    var orders: [JSONValue]
    /// The continuation the body carries, if any.
    var continuation: Continuation?

    /// Token names in the order they are looked for.
    static let tokenNames = ["paging_token", "next_page_token", "starting_after", "last_evaluated_key"]

    /// Nil when the body holds no order list (the caller words the error).
    init?(_ json: JSONValue) {
        switch json {
        case .array(let elements):
            orders = elements.filter { $0.objectValue != nil }
        case .object:
            guard let list = (json["orders"] ?? json["items"] ?? json["data"])?.arrayValue else { return nil }
            orders = list.filter { $0.objectValue != nil }
            for name in Self.tokenNames {
                if let token = Self.token(json[name]) {
                    continuation = .token(token)
                    break
                }
            }
            if continuation == nil, let link = Self.nextLink(json) { continuation = .link(link) }
        default:
            return nil
        }
    }

    /// A token as text: a non-empty string or number as written; an object (a DynamoDB-style
    /// key) as its compact JSON, which is how such a key is handed back.
    private static func token(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .null, .bool: return nil
        case .object(let object) where object.keys.isEmpty: return nil
        default: return String(decoding: value.serializedBytes(), as: UTF8.self)
        }
    }

    /// `next` as a string, `links.next` / `_links.next` (a string or `{href}`), or a `_links`
    /// array entry whose `rel` is `next`.
    private static func nextLink(_ json: JSONValue) -> String? {
        func href(_ value: JSONValue?) -> String? {
            guard let value else { return nil }
            let text = value.stringValue ?? value["href"]?.stringValue
            return text?.isEmpty == false ? text : nil
        }
        if let link = href(json["next"]) { return link }
        for key in ["links", "_links"] {
            if let link = href(json[key]?["next"]) { return link }
            for entry in json[key]?.arrayValue ?? [] where entry["rel"]?.stringValue == "next" {
                if let link = href(entry) { return link }
            }
        }
        return nil
    }
}
