/// What a JSON value that is not an order is, for messages like "a JSON array of numbers".
enum ValueKind: Equatable {
    case number, string, bool, null, array
    case object(keys: [String])

    var singular: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object(let keys): return keys.isEmpty ? "an empty object" : "an object with keys " + Self.list(keys)
        }
    }

    var plural: String {
        switch self {
        case .number: return "numbers"
        case .string: return "strings"
        case .bool: return "booleans"
        case .null: return "nulls"
        case .array: return "arrays"
        case .object(let keys): return keys.isEmpty ? "empty objects" : "objects with keys " + Self.list(keys)
        }
    }

    private static func list(_ keys: [String]) -> String {
        let shown = keys.prefix(8).map { String($0.prefix(40)) }
        return shown.joined(separator: ", ") + (keys.count > 8 ? ", …" : "")
    }
}
