/// A parsed JSON document kept exactly as it was written.
///
/// Orders are untrusted and the schema drifts, so the model never throws away what it does not
/// understand: every decoded node keeps its `JSONValue`, numbers keep their original text (so
/// `"5584.0440"` and `1e3` survive unchanged), and object keys keep their order for the raw view.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text as it appeared in the source.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object with its keys in source order; lookups are linear, which is fastest for the
/// small objects orders are made of.
public struct JSONObject: Sendable, Equatable {
    public var keys: [String]
    public var values: [JSONValue]

    public init() {
        keys = []
        values = []
    }

    /// Keys and values in source order (the same count).
    init(keys: [String], values: [JSONValue]) {
        self.keys = keys
        self.values = values
    }

    public init(_ pairs: [(String, JSONValue)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key` (the last one when a key repeats, as most JSON readers do).
    public subscript(key: String) -> JSONValue? {
        var index = keys.count - 1
        while index >= 0 {
            if keys[index] == key { return values[index] }
            index -= 1
        }
        return nil
    }

    /// The same lookup for a key made only of `a`–`z`, `0`–`9` and `_` (every key the decoder
    /// reads): no other string is canonically equivalent to such a key (no character outside
    /// ASCII normalizes to one of these), so a stored key of another UTF-8 length cannot equal
    /// it and is passed over without a full string comparison, most of a lookup's cost.
    public func value(plainKey key: String) -> JSONValue? {
        assert(key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
        let length = key.utf8.count
        var index = keys.count - 1
        while index >= 0 {
            if keys[index].utf8.count == length, keys[index] == key { return values[index] }
            index -= 1
        }
        return nil
    }

    public mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    /// Key/value pairs in source order.
    public var pairs: [(key: String, value: JSONValue)] {
        zip(keys, values).map { (key: $0, value: $1) }
    }
}

// MARK: - Tolerant accessors

extension JSONValue {
    /// Member lookup that never fails: a missing key, or a lookup on a non-object, gives `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A string, or the text of a number or boolean (ids arrive as either).
    public var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// An integer from a JSON integer, a whole decimal like `12.0`, or a string holding one.
    public var int64Value: Int64? {
        switch self {
        case .number(let text), .string(let text):
            return JSONValue.parseInteger(text)
        default:
            return nil
        }
    }

    public var intValue: Int? { int64Value.map { Int(truncatingIfNeeded: $0) } }

    /// A floating value from a number or a numeric string.
    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text):
            return Double(text.trimmingSpaces)
        default:
            return nil
        }
    }

    /// A boolean from `true`/`false`, `"true"`/`"false"` or `0`/`1`.
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .number(let text):
            if text == "0" { return false }
            if text == "1" { return true }
            return nil
        default: return nil
        }
    }

    /// Parses an integer literal, accepting a fractional part of zeros (`"12.00"`); anything
    /// else, including overflow, is not an integer.
    public static func parseInteger(_ raw: String) -> Int64? {
        let text = raw.trimmingSpaces
        if let value = Int64(text) { return value }
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let fraction = text[text.index(after: dot)...]
        guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return nil }
        return Int64(text[..<dot])
    }
}

extension String {
    public var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
