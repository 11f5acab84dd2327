import JSONCore

/// Collects decode issues while one document is decoded (internal; never stored).
final class IssueLog {
    var issues: [DecodeIssue] = []

    func report(_ path: JSONPath, _ message: String) {
        issues.append(DecodeIssue(path: path, message: message))
    }
}

/// Tolerant field access for one JSON object during decoding: a missing field or `null` is nil
/// with no complaint; a field of the wrong type is nil plus a `DecodeIssue`.
struct NodeReader {
    let json: JSONValue
    let path: JSONPath
    let log: IssueLog
    /// `json`'s members (none when it is not an object), taken out once: an order is read by
    /// some sixty lookups, and each one unwrapping the enum again cost retains and releases.
    private let object: JSONObject
    /// Bit `n % 64` set when a member's key is `n` UTF-8 bytes long: most lookups are for
    /// fields the object does not have, and most of those end here without a scan.
    private let keyLengths: UInt64

    init(json: JSONValue, path: JSONPath, log: IssueLog) {
        self.json = json
        self.path = path
        self.log = log
        let object = json.objectValue ?? JSONObject()
        var lengths: UInt64 = 0
        for key in object.keys { lengths |= 1 << UInt64(key.utf8.count & 63) }
        self.object = object
        self.keyLengths = lengths
    }

    /// The member value, nil when missing or null. Keys are the schema's (`a`–`z`, `0`–`9`, `_`):
    /// a stored key of another UTF-8 length cannot equal one (`JSONObject.value(plainKey:)`).
    func value(_ key: String) -> JSONValue? {
        guard keyLengths & (1 << UInt64(key.utf8.count & 63)) != 0 else { return nil }
        guard let value = object.value(plainKey: key), !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        switch value {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default:
            log.report(path[key], "expected a string, found \(NodeReader.describe(value))")
            return nil
        }
    }

    func int(_ key: String) -> Int64? {
        guard let value = value(key) else { return nil }
        if let number = value.int64Value { return number }
        log.report(path[key], "expected an integer, found \(NodeReader.describe(value))")
        return nil
    }

    func double(_ key: String) -> Double? {
        guard let value = value(key) else { return nil }
        if let number = value.doubleValue { return number }
        log.report(path[key], "expected a number, found \(NodeReader.describe(value))")
        return nil
    }

    /// The literal text of a number (or numeric string), as written.
    func numberText(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        switch value {
        case .number(let text): return text
        case .string(let text) where Double(text.trimmingSpaces) != nil: return text.trimmingSpaces
        default: return nil  // `double(_:)` reports the issue
        }
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        if let flag = value.boolValue { return flag }
        log.report(path[key], "expected a boolean, found \(NodeReader.describe(value))")
        return nil
    }

    func lineID(_ key: String) -> LineID? {
        guard let value = value(key) else { return nil }
        if let id = LineID(json: value) { return id }
        log.report(path[key], "expected a line id (string or integer), found \(NodeReader.describe(value))")
        return nil
    }

    func timestamp(_ key: String) -> Timestamp? {
        guard let value = value(key) else { return nil }
        switch value {
        case .string(let text), .number(let text): return Timestamp(text)
        default:
            log.report(path[key], "expected a date-time string, found \(NodeReader.describe(value))")
            return nil
        }
    }

    func object(_ key: String) -> JSONObject? {
        guard let value = value(key) else { return nil }
        if let object = value.objectValue { return object }
        log.report(path[key], "expected an object, found \(NodeReader.describe(value))")
        return nil
    }

    /// A nested object decoded by `build`, nil when missing, null or not an object.
    func child<T>(_ key: String, _ build: (NodeReader) -> T) -> T? {
        guard let value = value(key) else { return nil }
        guard case .object = value else {
            log.report(path[key], "expected an object, found \(NodeReader.describe(value))")
            return nil
        }
        return build(NodeReader(json: value, path: path[key], log: log))
    }

    /// The elements of an array member, with their paths; null elements are skipped.
    func elements(_ key: String) -> [(JSONValue, JSONPath)] {
        guard let value = value(key) else { return [] }
        guard let array = value.arrayValue else {
            log.report(path[key], "expected an array, found \(NodeReader.describe(value))")
            return []
        }
        let base = path[key]
        var result: [(JSONValue, JSONPath)] = []
        result.reserveCapacity(array.count)
        for (index, element) in array.enumerated() where !element.isNull {
            result.append((element, base[index]))
        }
        return result
    }

    /// An array of objects, each decoded by `build`; elements that are not objects are reported
    /// and skipped (the others keep their original index in their paths).
    func children<T>(_ key: String, _ build: (NodeReader) -> T) -> [T] {
        var result: [T] = []
        for (element, elementPath) in elements(key) {
            guard case .object = element else {
                log.report(elementPath, "expected an object, found \(NodeReader.describe(element))")
                continue
            }
            result.append(build(NodeReader(json: element, path: elementPath, log: log)))
        }
        return result
    }

    func strings(_ key: String) -> [String] {
        var result: [String] = []
        for (element, elementPath) in elements(key) {
            switch element {
            case .string(let text), .number(let text): result.append(text)
            default: log.report(elementPath, "expected a string, found \(NodeReader.describe(element))")
            }
        }
        return result
    }

    func lineIDs(_ key: String) -> [LineID] {
        var result: [LineID] = []
        for (element, elementPath) in elements(key) {
            if let id = LineID(json: element) {
                result.append(id)
            } else {
                log.report(
                    elementPath,
                    "expected a line id (string or integer), found \(NodeReader.describe(element))")
            }
        }
        return result
    }

    func openEnum<T: OpenEnumeration>(_ key: String, as type: T.Type = T.self) -> T? {
        string(key).map { T(rawValue: $0) }
    }

    func links() -> [Link] { children("_links", Link.init(reader:)) }

    /// A short description of a value for issue messages: `"abc"`, `12`, `an object`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text):
            let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return JSONValue.quoted(short)
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
