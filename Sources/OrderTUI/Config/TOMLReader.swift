/// Reads the subset of TOML that `config.toml` uses: `[table]` headers, `key = value` with basic
/// ("…") or literal ('…') strings, integers, booleans and single-line arrays of strings, and
/// `#` comments. Anything else is an error with its line and column, never a guess.
public enum TOMLReader {
    /// A value as written.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case strings([String])

        public var typeName: String {
            switch self {
            case .string: return "a string"
            case .integer: return "an integer"
            case .boolean: return "true or false"
            case .strings: return "an array of strings"
            }
        }
    }

    /// One `key = value` line, with where it was.
    public struct Entry: Sendable, Equatable {
        /// The `[table]` it is in ("" before any header).
        public var table: String
        public var key: String
        public var value: Value
        public var line: Int
        /// Column of the key (1-based), and of the value.
        public var column: Int
        public var valueColumn: Int
    }

    /// A syntax error: where, what.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(SyntaxError) -> [Entry] {
        var entries: [Entry] = []
        var table = ""
        var seen: Set<String> = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var cursor = Cursor(
                chars: Array(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine), line: lineNumber)
            cursor.skipSpaces()
            guard let first = cursor.peek, first != "#" else { continue }
            if first == "[" {
                cursor.advance()
                cursor.skipSpaces()
                let start = cursor.column
                let name = cursor.bareKey()
                guard !name.isEmpty else { throw cursor.error("expected a table name after [", at: start) }
                cursor.skipSpaces()
                guard cursor.peek == "]" else { throw cursor.error("expected ] to close the table name") }
                cursor.advance()
                try cursor.expectEnd()
                table = name
                continue
            }
            let keyColumn = cursor.column
            let key: String
            if first == "\"" {
                key = try cursor.basicString()
            } else {
                key = cursor.bareKey()
            }
            guard !key.isEmpty else {
                throw cursor.error("expected a key (letters, digits, _ or -) or a [table]", at: keyColumn)
            }
            cursor.skipSpaces()
            guard cursor.peek == "=" else { throw cursor.error("expected = after the key \"\(key)\"") }
            cursor.advance()
            cursor.skipSpaces()
            let valueColumn = cursor.column
            let value = try cursor.value()
            try cursor.expectEnd()
            guard seen.insert(table + "." + key).inserted else {
                throw cursor.error(
                    "\"\(key)\" is set twice\(table.isEmpty ? "" : " in [\(table)]")", at: keyColumn)
            }
            entries.append(
                Entry(
                    table: table, key: key, value: value, line: lineNumber, column: keyColumn,
                    valueColumn: valueColumn))
        }
        return entries
    }

    /// A position in one line.
    struct Cursor {
        var chars: [Character]
        var line: Int
        var index = 0

        var peek: Character? { index < chars.count ? chars[index] : nil }
        var column: Int { index + 1 }

        mutating func advance() { index += 1 }

        mutating func skipSpaces() {
            while let c = peek, c == " " || c == "\t" { advance() }
        }

        func error(_ message: String, at column: Int? = nil) -> SyntaxError {
            SyntaxError(line: line, column: column ?? self.column, message: message)
        }

        mutating func bareKey() -> String {
            var key = ""
            while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "-" {
                key.append(c)
                advance()
            }
            return key
        }

        /// Only spaces and a comment may follow a value.
        mutating func expectEnd() throws(SyntaxError) {
            skipSpaces()
            if let c = peek, c != "#" {
                throw error("unexpected \"\(c)\" after the value (a comment starts with #)")
            }
        }

        mutating func value() throws(SyntaxError) -> Value {
            guard let c = peek else { throw error("expected a value after =") }
            switch c {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[": return .strings(try stringArray())
            case "t", "f":
                let word = bareKey()
                if word == "true" { return .boolean(true) }
                if word == "false" { return .boolean(false) }
                throw error(
                    "unknown value \"\(word)\" (strings need quotes: \"\(word)\")", at: column - word.count)
            default:
                let start = column
                var text = ""
                while let d = peek, d.isNumber || d == "+" || d == "-" || d == "_" || d.isLetter || d == "." {
                    text.append(d)
                    advance()
                }
                let digits = text.filter { $0 != "_" }
                guard !digits.isEmpty, let number = Int(digits) else {
                    throw error(
                        text.isEmpty
                            ? "expected a value (\"text\", a number, true/false or [\"a\", \"b\"])"
                            : "\"\(text)\" is not a whole number (strings need quotes)", at: start)
                }
                return .integer(number)
            }
        }

        mutating func basicString() throws(SyntaxError) -> String {
            let start = column
            advance()
            var text = ""
            while let c = peek {
                advance()
                switch c {
                case "\"": return text
                case "\\":
                    guard let escaped = peek else { break }
                    advance()
                    switch escaped {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "\"": text.append("\"")
                    case "\\": text.append("\\")
                    case "u":
                        var hex = ""
                        while hex.count < 4, let h = peek, h.isHexDigit {
                            hex.append(h)
                            advance()
                        }
                        guard hex.count == 4, let value = UInt32(hex, radix: 16),
                            let scalar = Unicode.Scalar(value)
                        else {
                            throw error("\\u needs four hex digits")
                        }
                        text.unicodeScalars.append(scalar)
                    default:
                        throw error(
                            "unknown escape \\\(escaped) (use \\\\, \\\", \\n, \\t or \\uXXXX)",
                            at: column - 2)
                    }
                default:
                    text.append(c)
                }
            }
            throw error("this string is not closed (a \" is missing)", at: start)
        }

        mutating func literalString() throws(SyntaxError) -> String {
            let start = column
            advance()
            var text = ""
            while let c = peek {
                advance()
                if c == "'" { return text }
                text.append(c)
            }
            throw error("this string is not closed (a ' is missing)", at: start)
        }

        mutating func stringArray() throws(SyntaxError) -> [String] {
            advance()
            var items: [String] = []
            while true {
                skipSpaces()
                guard let c = peek else {
                    throw error("this array is not closed (a ] is missing on this line)")
                }
                if c == "]" {
                    advance()
                    return items
                }
                switch c {
                case "\"": items.append(try basicString())
                case "'": items.append(try literalString())
                default: throw error("arrays hold strings here: put the item in quotes")
                }
                skipSpaces()
                if peek == "," {
                    advance()
                } else if peek != "]" {
                    throw error("expected , or ] after an array item")
                }
            }
        }
    }
}
