import JSONCore

/// Masks customer personal data for demos and screen sharing: names, emails, phone numbers,
/// addresses, dates of birth, coordinates and free-text comments become `[redacted]`, while
/// order numbers, ids, amounts, statuses and (already masked) card numbers stay readable.
///
/// It works on the raw JSON, so every view built from a redacted order (screens, `print`,
/// copy, export, the raw view) shows only what survived; `OrderSummary` gets the same rules for
/// the list columns. The walk is iterative, so hostile nesting cannot exhaust the stack.
public enum Redactor {
    /// What every masked string becomes.
    public static let mask = "[redacted]"

    /// Keys whose whole value is personal, wherever they appear.
    public static let personalKeys: Set<String> = [
        "first_name", "last_name", "middle_name", "full_name", "given_name", "family_name",
        "email", "email_address", "phone", "phone_number", "mobile", "mobile_number",
        "date_of_birth", "birth_date", "birthdate", "dob", "dob_year", "gender", "ssn", "national_id",
        "address_line", "address_line_2", "co_address", "postal_code", "zip", "zip_code", "postal_place",
        "latitude", "longitude", "lat", "lng", "lon",
        "comment", "body", "note", "notes", "salesperson_name", "customer_ip", "ip_address", "user_agent",
    ]

    /// Keys whose object describes a person: every value inside is masked except `keptKeys`.
    public static let personalSubtrees: Set<String> = [
        "customer", "shipping_address", "billing_address", "addresses", "passengers", "drivers", "comments",
        "contact", "recipient",
    ]

    /// Inside a personal subtree: what stays readable because it identifies no one.
    public static let keptKeys: Set<String> = [
        "id", "type", "country", "created_at", "updated_at", "created_by", "visibility", "consent",
        "pays_tax",
        "currency", "status",
    ]

    /// Name parts emptied rather than masked, so a name shows as one `[redacted]`.
    static let secondaryNameKeys: Set<String> = ["last_name", "middle_name", "family_name"]

    private enum Mode {
        case normal
        /// Inside a personal subtree: masks everything but `keptKeys`.
        case subtree
        /// Under a personal key: masks everything.
        case all
    }

    /// The redacted copy of one JSON document.
    public static func redact(_ value: JSONValue) -> JSONValue {
        // Containers being rebuilt, deepest last; each remembers where its source is at.
        enum Source {
            case object(JSONObject)
            case array([JSONValue])
        }
        struct Frame {
            var source: Source
            var index = 0
            var mode: Mode
            var keys: [String] = []
            var values: [JSONValue] = []
        }
        func frame(for value: JSONValue, mode: Mode) -> Frame? {
            switch value {
            case .object(let object): return Frame(source: .object(object), mode: mode)
            case .array(let array): return Frame(source: .array(array), mode: mode)
            default: return nil
            }
        }
        guard let rootFrame = frame(for: value, mode: .normal) else { return value }
        var stack: [Frame] = [rootFrame]
        while var top = stack.popLast() {
            let child: (key: String?, value: JSONValue)?
            switch top.source {
            case .object(let object):
                child = top.index < object.count ? (object.keys[top.index], object.values[top.index]) : nil
            case .array(let array):
                child = top.index < array.count ? (nil, array[top.index]) : nil
            }
            guard let child else {
                let built: JSONValue
                switch top.source {
                case .object:
                    var object = JSONObject()
                    object.keys = top.keys
                    object.values = top.values
                    built = .object(object)
                case .array:
                    built = .array(top.values)
                }
                guard var parent = stack.popLast() else { return built }
                parent.values.append(built)
                stack.append(parent)
                continue
            }
            top.index += 1
            let mode = child.key.map { childMode(key: $0, in: top.mode) } ?? top.mode
            if let key = child.key { top.keys.append(key) }
            if let nested = frame(for: child.value, mode: mode) {
                stack.append(top)
                stack.append(nested)
            } else {
                var masked = mode == .normal ? child.value : maskScalar(child.value)
                // One mask per person reads better than "[redacted] [redacted]" in name columns.
                if let key = child.key, secondaryNameKeys.contains(key), case .string(let text) = masked,
                    !text.isEmpty
                {
                    masked = .string("")
                }
                top.values.append(masked)
                stack.append(top)
            }
        }
        return value
    }

    private static func childMode(key: String, in mode: Mode) -> Mode {
        switch mode {
        case .all:
            return .all
        case .subtree:
            if personalKeys.contains(key) { return .all }
            return keptKeys.contains(key) ? .normal : .subtree
        case .normal:
            if personalKeys.contains(key) { return .all }
            return personalSubtrees.contains(key) ? .subtree : .normal
        }
    }

    private static func maskScalar(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return text.isEmpty ? value : .string(mask)
        case .number: return .null
        case .null, .bool, .array, .object: return value
        }
    }

    /// The order decoded again from its redacted JSON.
    public static func redact(_ order: Order) -> Order {
        Order(json: redact(order.raw))
    }

    /// The list columns with the customer's name, email, phone and company masked, field by
    /// field as in a redacted order (so a redacted dump lists the same).
    public static func redact(_ summary: OrderSummary) -> OrderSummary {
        func masked(_ text: String?) -> String? { text.map { $0.isEmpty ? $0 : mask } }
        var copy = summary
        copy.customerFirstName = masked(summary.customerFirstName)
        copy.customerLastName = summary.customerLastName.map { _ in "" }
        copy.companyName = masked(summary.companyName)
        copy.customerEmail = masked(summary.customerEmail)
        copy.customerPhone = masked(summary.customerPhone)
        return copy
    }
}
