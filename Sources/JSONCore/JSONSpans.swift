/// Where values are in JSON text, so a value can be passed on as its source bytes instead of
/// parsed and written again: `JSONValue` holds Swift strings, which cannot keep a lone surrogate
/// escape (`"\ud800"` becomes U+FFFD), nor the source's choice of escapes. `fetch` saves the
/// orders the API sent and the mock serves the orders of its dump this way.
///
/// These functions expect text that `JSONParser` accepted (they check brackets and strings, not
/// the grammar) and give nil where the text is not what they expect.
public enum JSONSpans {
    /// The end (one past the last byte) of the value that starts at `start` (no whitespace
    /// before it).
    public static func valueEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return stringEnd(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(bytes, from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            // A number or a literal: up to the next delimiter.
            var index = start
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            return index > start ? index : nil
        }
    }

    /// The element ranges of the array that starts at `start` (its `[`).
    public static func elements(ofArrayAt start: Int, in bytes: UnsafeRawBufferPointer) -> [Range<Int>]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { return nil }
        var ranges: [Range<Int>] = []
        var index = skipWhitespace(bytes, from: start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return ranges }
        while index < bytes.count {
            guard let end = valueEnd(bytes, from: index) else { return nil }
            ranges.append(index..<end)
            index = skipWhitespace(bytes, from: end)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { return ranges }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skipWhitespace(bytes, from: index + 1)
        }
        return nil
    }

    /// One member of an object: its key (decoded), the whole member (key to value end) and the
    /// value's range.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var member: Range<Int>
        public var value: Range<Int>
    }

    /// The members of the object that starts at `start` (its `{`), in source order.
    public static func members(ofObjectAt start: Int, in bytes: UnsafeRawBufferPointer) -> [Member]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var members: [Member] = []
        var index = skipWhitespace(bytes, from: start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return members }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(bytes, from: index),
                case .string(let key)? = try? JSONParser.parse(
                    UnsafeRawBufferPointer(rebasing: bytes[index..<keyEnd]))
            else { return nil }
            var cursor = skipWhitespace(bytes, from: keyEnd)
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { return nil }
            cursor = skipWhitespace(bytes, from: cursor + 1)
            guard let valueEnd = valueEnd(bytes, from: cursor) else { return nil }
            members.append(Member(key: key, member: index..<valueEnd, value: cursor..<valueEnd))
            index = skipWhitespace(bytes, from: valueEnd)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return members }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skipWhitespace(bytes, from: index + 1)
        }
        return nil
    }

    /// The ranges of the orders in a list document as `JSONParser` gave it: the elements of a
    /// top-level array, or of the `listKey` array of a top-level object (the last such member,
    /// as `JSONObject` lookups take it); each element that is an object. Nil when the
    /// document is neither.
    public static func listedObjects(in bytes: UnsafeRawBufferPointer, listKeys: [String]) -> [Range<Int>]? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        start = skipWhitespace(bytes, from: start)
        guard start < bytes.count else { return nil }
        var arrayStart = start
        if bytes[start] == UInt8(ascii: "{") {
            guard let members = members(ofObjectAt: start, in: bytes) else { return nil }
            guard let list = listKeys.lazy.compactMap({ key in members.last { $0.key == key } }).first,
                bytes[list.value.lowerBound] == UInt8(ascii: "[")
            else { return nil }
            arrayStart = list.value.lowerBound
        }
        return elements(ofArrayAt: arrayStart, in: bytes)?.filter {
            bytes[$0.lowerBound] == UInt8(ascii: "{")
        }
    }

    /// The value in one line: whitespace outside strings dropped, and a raw line feed or
    /// carriage return inside a string (which `JSONParser` tolerates) written as its escape.
    /// Every other byte, escapes included, is kept as it is.
    public static func compact(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count)
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte == 0x0A || byte == 0x0D {
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte == 0x0A ? UInt8(ascii: "n") : UInt8(ascii: "r"))
                    continue
                }
                out.append(byte)
            } else {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: continue
                case UInt8(ascii: "\""): inString = true
                default: break
                }
                out.append(byte)
            }
        }
    }

    /// `compact` of a byte array.
    public static func compact(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        Array(bytes).withUnsafeBytes { compact($0, into: &out) }
        return out
    }

    /// The object at `range` without its members named `key` (as compact JSON); the object's
    /// compact bytes when it has none.
    public static func object(_ bytes: UnsafeRawBufferPointer, at range: Range<Int>, removing key: String)
        -> [UInt8]?
    {
        guard let members = members(ofObjectAt: range.lowerBound, in: bytes) else { return nil }
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for member in members where member.key != key {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            compact(UnsafeRawBufferPointer(rebasing: bytes[member.member]), into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return true
        default: return false
        }
    }
}
