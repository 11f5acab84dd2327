/// Why a JSON text could not be read, and where: the byte offset plus the 1-based line and
/// column (counted in characters) an operator can jump to in an editor.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var offset: Int
    public var line: Int
    public var column: Int
    /// A short excerpt of the source around the offset, already made printable.
    public var snippet: String

    public init(reason: String, offset: Int, line: Int, column: Int, snippet: String) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
        self.snippet = snippet
    }

    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}

/// Computes line, column and a snippet for a byte offset in JSON text (for the parser and the
/// dump reader alike); only run when an error is reported, so
/// the parser's hot loop never tracks lines.
public enum SourceLocator {
    public static func locate(_ bytes: UnsafeRawBufferPointer, offset: Int, lineBase: Int = 1)
        -> (line: Int, column: Int, snippet: String)
    {
        let end = min(max(offset, 0), bytes.count)
        var line = lineBase
        var lineStart = 0
        var index = 0
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < end {
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        let from = max(lineStart, end - 30)
        var to = min(bytes.count, end + 30)
        var scan = end
        while scan < to {
            if bytes[scan] == 0x0A {
                to = scan
                break
            }
            scan += 1
        }
        let before = printable(bytes, from, end)
        let after = printable(bytes, end, to)
        let snippet = before + "⟦here⟧" + after
        return (line, column, snippet)
    }

    /// Makes an excerpt safe for any terminal: control bytes and invalid UTF-8 become `\xNN`.
    public static func printable(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        var start = from
        // Do not start in the middle of a UTF-8 sequence.
        while start < to, bytes[start] & 0xC0 == 0x80 { start += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<to]), as: UTF8.self)
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0xFFFD
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            {
                out += value == 0xFFFD ? "\\u{fffd}" : "\\x" + hex2(value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func hex2(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String(digits[Int((value >> 4) & 0xF)]) + String(digits[Int(value & 0xF)])
    }
}
