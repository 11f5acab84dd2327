import JSONCore
import OrderModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a byte offset in a whole dump into a 1-based line and column (in characters) and a
/// printable snippet. Runs only when a problem is reported, so indexing never counts lines.
package enum TextLocator {
    package struct Location: Equatable {
        package var line: Int
        package var column: Int
        package var snippet: String
        /// The offset of the first byte of the line.
        package var lineStart: Int
    }

    package static func locate(_ bytes: UnsafeRawBufferPointer, offset: Int) -> Location {
        locate(bytes, offset: offset, after: nil)
    }

    /// Like `locate(_:offset:)` but counts lines from `hint` (an earlier location in the same
    /// bytes) when it lies before `offset`, so reporting many problems stays linear.
    package static func locate(
        _ bytes: UnsafeRawBufferPointer, offset: Int, after hint: (offset: Int, location: Location)?
    )
        -> Location
    {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var from = 0
        if let hint, hint.offset <= end {
            line = hint.location.line
            lineStart = hint.location.lineStart
            from = hint.offset
        }
        if let base = bytes.baseAddress {
            var index = from
            while index < end {
                guard let hit = memchr(base + index, 0x0A, end - index) else { break }
                let position = base.distance(to: UnsafeRawPointer(hit))
                line += 1
                lineStart = position + 1
                index = position + 1
            }
        }
        var column = 1
        var index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Location(
            line: line, column: column, snippet: snippet(bytes, offset: end, lineStart: lineStart),
            lineStart: lineStart)
    }

    /// The offset just after the next newline at or after `offset` (or the end of the input).
    package static func nextLineStart(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> Int {
        guard let base = bytes.baseAddress, offset < bytes.count else { return bytes.count }
        guard let hit = memchr(base + offset, 0x0A, bytes.count - offset) else { return bytes.count }
        return base.distance(to: UnsafeRawPointer(hit)) + 1
    }

    /// True when only spaces or tabs precede `offset` on its line.
    package static func startsLine(_ bytes: UnsafeRawBufferPointer, offset: Int) -> Bool {
        var index = min(offset, bytes.count) - 1
        while index >= 0 {
            let byte = bytes[index]
            if byte == 0x0A { return true }
            if byte != 0x20, byte != 0x09, byte != 0x0D { return false }
            index -= 1
        }
        return true
    }

    private static func snippet(_ bytes: UnsafeRawBufferPointer, offset: Int, lineStart: Int) -> String {
        let from = max(lineStart, offset - 30)
        var to = min(bytes.count, offset + 30)
        var scan = offset
        while scan < to {
            if bytes[scan] == 0x0A {
                to = scan
                break
            }
            scan += 1
        }
        return printable(bytes, from, offset) + "⟦here⟧" + printable(bytes, offset, to)
    }

    /// Makes an excerpt safe for any terminal (shared with the JSON parser's error snippets).
    package static func printable(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        SourceLocator.printable(bytes, from, to)
    }

    package static func hex2(_ value: UInt32) -> String {
        SourceLocator.hex2(value)
    }

    /// Names a byte in an error message: `'x'` or `'\x01'`.
    package static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'" + String(UnicodeScalar(byte)) + "'" }
        return "'\\x" + hex2(UInt32(byte)) + "'"
    }
}
