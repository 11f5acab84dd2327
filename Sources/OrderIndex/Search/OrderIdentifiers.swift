import JSONCore
import OrderModel

/// One identifier of an order an operator may paste into a search: an id of the order, of a
/// payment operation, session, event or external system, a PSP payment or transaction id, a
/// store id, or the customer's email or phone.
public struct OrderIdentifier: Sendable, Equatable {
    /// What kind of identifier it is; `isPersonal` kinds are never matched while redaction is on.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case order, operation, paymentID, transaction, session, event, external, store, customer
        case email, phone

        /// Masked by `Redactor`: a search must not find an order through it while redacted.
        public var isPersonal: Bool { self == .email || self == .phone }
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }
}

/// The identifiers of an order, read from its JSON by the keys Dintero uses for them (the same
/// answer for an order from a dump and from the API), and the search over them.
///
/// The list's own columns (order number, id, names, masked PANs, booking ids) are searched in
/// the summary store; these are the fields the store does not keep.
public enum OrderIdentifiers {
    /// Keys of an id inside the order, a payment operation, a session or an event.
    static let idKeys: [(key: String, kind: OrderIdentifier.Kind)] = [
        ("transaction_id", .transaction), ("session_id", .session), ("payment_id", .paymentID),
        ("psp_reference", .paymentID), ("merchant_reference", .external), ("external_id", .external),
        ("store_id", .store),
    ]

    /// Every identifier of the order whose JSON is `json`, in document order of the groups.
    public static func of(_ json: JSONValue) -> [OrderIdentifier] {
        var found: [OrderIdentifier] = []
        func add(_ kind: OrderIdentifier.Kind, _ value: JSONValue?) {
            if let text = value?.stringValue, !text.isEmpty { found.append(OrderIdentifier(kind, text)) }
        }
        /// The id keys of one object and of its `metadata` (where checkouts leave transaction ids).
        func scan(_ object: JSONValue?) {
            guard let object else { return }
            for (key, kind) in idKeys {
                add(kind, object[key])
                add(kind, object["metadata"]?[key])
            }
        }
        add(.order, json["id"])
        add(.order, json["order_id"])
        scan(json)
        add(.store, json["store"]?["id"])
        add(.customer, json["customer"]?["id"])
        add(.email, json["customer"]?["email"])
        add(.phone, json["customer"]?["phone_number"])
        for address in ["shipping_address", "billing_address"] {
            add(.email, json[address]?["email"])
            add(.phone, json[address]?["phone_number"])
        }
        for session in json["sessions"]?.arrayValue ?? [] {
            add(.session, session["id"])
            scan(session)
        }
        for kind in OperationKind.allCases {
            for operation in json[kind.fieldName]?.arrayValue ?? [] {
                add(.operation, operation["id"])
                add(.operation, operation["authorization_id"])
                scan(operation)
                scan(operation["payment_details"])
            }
        }
        for event in json["events"]?.arrayValue ?? [] {
            add(.event, event["id"])
            scan(event)
        }
        for external in json["external_ids"]?.arrayValue ?? [] { add(.external, external["id"]) }
        for item in json["items"]?.arrayValue ?? [] {
            add(.external, item["external_id"])
            add(.store, item["store"]?["id"])
        }
        return found
    }

    /// True when an identifier that may be shown (`redacted`: none of the personal ones, and
    /// never the mask itself) holds `needle`, ignoring ASCII case. `needle` is folded
    /// (`TextSearch.fold`), as for the list's own text search.
    public static func contains(_ identifiers: [OrderIdentifier], _ needle: [UInt8], redacted: Bool) -> Bool {
        for identifier in identifiers {
            if redacted && (identifier.kind.isPersonal || identifier.value == Redactor.mask) { continue }
            if holds(identifier.value, needle) { return true }
        }
        return false
    }

    /// Case-folded (ASCII) substring test of one value.
    static func holds(_ value: String, _ needle: [UInt8]) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return TextSearch.find(needle, in: base, from: 0, to: bytes.count) != nil
        }
    }

    /// A search text as the byte searches take it: ASCII capitals folded to lower case.
    public static func needle(_ text: String) -> [UInt8] { text.utf8.map(TextSearch.fold) }
}
