/// A place where a JSON string breaks the text rules of JSON but could still be read: a raw
/// control character (U+0000–U+001F must be escaped) or a byte that is not UTF-8. The parser
/// keeps the value (the control character as it is, an invalid byte as U+FFFD) and reports the
/// place, so a dump reader can tell the operator where the file is not valid JSON.
public struct JSONTextIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A raw byte 0x00–0x1F inside a string.
        case controlCharacter(UInt8)
        /// A byte that does not start or continue a well-formed UTF-8 sequence.
        case invalidUTF8(UInt8)
    }

    /// The byte offset from the start of the parsed text.
    public var offset: Int
    public var kind: Kind

    public init(offset: Int, kind: Kind) {
        self.offset = offset
        self.kind = kind
    }

    /// "raw control character U+0009 inside a string", "invalid UTF-8 byte 0xFF inside a string".
    public var description: String {
        switch kind {
        case .controlCharacter(let byte):
            return "raw control character U+00" + SourceLocator.hex2(UInt32(byte)).uppercased()
                + " inside a string"
        case .invalidUTF8(let byte):
            return "invalid UTF-8 byte 0x" + SourceLocator.hex2(UInt32(byte)).uppercased()
                + " inside a string"
        }
    }
}

/// The text issues of one parsed document: the first `limit` in full, and how many in all (a
/// string of a million control bytes must not cost a million reports).
public struct JSONTextIssues: Sendable, Equatable {
    public static let limit = 8

    /// The first issues, in file order.
    public private(set) var first: [JSONTextIssue] = []
    /// How many there were in all.
    public private(set) var total = 0

    public init() {}

    public var isEmpty: Bool { total == 0 }

    mutating func add(_ issue: JSONTextIssue) {
        total += 1
        if first.count < JSONTextIssues.limit { first.append(issue) }
    }
}
