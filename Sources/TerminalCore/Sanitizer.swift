/// The one sanitizer for untrusted text (order data, API errors, file names) before it is drawn
/// on the screen or printed to a terminal.
///
/// Order data comes from third parties; a customer name containing `ESC ] 0 ; … BEL` could
/// retitle the terminal, `ESC [ 2 J` could wipe it, and bidi overrides could make `1000` read
/// as `0001`. Everything that can change terminal state, move the cursor, break a line or
/// reorder text is replaced with a visible escape:
///
/// | input | shown as |
/// |---|---|
/// | NUL, BEL, BS, TAB, LF, VT, FF, CR, ESC | `\0` `\a` `\b` `\t` `\n` `\v` `\f` `\r` `\e` |
/// | other C0 controls, DEL | `\x01` … `\x1f`, `\x7f` |
/// | C1 controls U+0080–U+009F | `\u{9b}` |
/// | bidi controls, U+2028/U+2029, other format characters (Cf) | `\u{202e}` |
/// | invalid UTF-8 bytes (`sanitize(bytes:)` only) | `\xff` |
/// | U+FFFD, the replacement character (what a decoder left of invalid bytes) | `\u{fffd}` |
///
/// Printable text passes through unchanged: letters in any script, CJK, emoji (ZWNJ U+200C and
/// emoji tag characters are kept because emoji and scripts need them; ZWJ U+200D only between
/// two emoji, since tmux glues whatever follows a ZWJ into the previous cell and the columns
/// after it drift: elsewhere it is shown as `\u{200d}`),
/// combining marks (at most `maxMarksPerCharacter` on one character: the rest of a flood is
/// dropped and shown as one `…`), private-use characters. A backslash is not escaped, so the
/// output is for display, not a reversible encoding.
///
/// The default output contains nothing that breaks a line. `sanitizeLines(_:)` is for text
/// whose line breaks should be kept (comments, raw JSON): it splits first, then sanitizes
/// each line.
public enum Sanitizer {
    /// Makes `string` safe to draw on one line. Returns `string` itself (no copy) when nothing
    /// needs escaping, which is the common case; pure printable ASCII is checked byte-wise.
    public static func sanitize(_ string: String) -> String {
        TextWorkMeter.current?.add(string.utf8.count)
        if !needsEscaping(string) { return string }
        var output = ""
        output.reserveCapacity(string.utf8.count + 16)
        var previous: Unicode.Scalar?
        var scalars = string.unicodeScalars.makeIterator()
        var current = scalars.next()
        var marks = 0
        while let scalar = current {
            let next = scalars.next()
            marks = isMark(scalar) ? marks + 1 : 0
            if marks > maxMarksPerCharacter {
                // The rest of the flood is dropped; one "…" says so when it ends.
                if next.map(isMark) != true { output += "…" }
            } else if scalar.value == 0x200D, !joinsEmoji(previous, next) {
                output += "\\u{200d}"
            } else {
                append(scalar, to: &output)
            }
            previous = scalar
            current = next
        }
        return output
    }

    /// A ZWJ between these two scalars is part of an emoji ZWJ sequence (👨‍👩‍👧).
    private static func joinsEmoji(_ previous: Unicode.Scalar?, _ next: Unicode.Scalar?) -> Bool {
        guard let previous, let next else { return false }
        let before =
            previous.value == 0xFE0F || previous.properties.isEmojiModifier
            || (previous.value > 0x7F && previous.properties.isEmoji)
        return before && next.value > 0x7F && next.properties.isEmoji
    }

    /// Splits `string` into lines at LF, CR LF, CR, U+2028 and U+2029, and sanitizes each line.
    /// A trailing line break does not produce an extra empty line.
    public static func sanitizeLines(_ string: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var lastWasCR = false
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x0A where lastWasCR:
                lastWasCR = false
            case 0x0A, 0x0D, 0x2028, 0x2029:
                lines.append(sanitize(current))
                current = ""
                lastWasCR = scalar.value == 0x0D
            default:
                current.unicodeScalars.append(scalar)
                lastWasCR = false
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(sanitize(current)) }
        return lines
    }

    /// Makes a line of JSON text safe to copy or print without changing what it means: every
    /// scalar `sanitize` would escape (they only occur inside strings, since JSON's own syntax is
    /// ASCII) becomes a JSON `\uXXXX` escape (a surrogate pair above U+FFFF), so the text still
    /// parses to the same value and holds no control character, U+2028 or bidi override.
    public static func sanitizeJSON(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: isUnsafe) else { return line }
        var output = ""
        output.reserveCapacity(line.utf8.count + 16)
        for scalar in line.unicodeScalars {
            guard isUnsafe(scalar) else {
                output.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 { output += "\\u" + hex(UInt32(unit), digits: 4) }
        }
        return output
    }

    /// Decodes `bytes` as UTF-8 and sanitizes the result; bytes that are not valid UTF-8
    /// (stray continuation bytes, overlong forms, surrogates, truncated sequences) are shown as
    /// `\xNN`, one escape per byte.
    public static func sanitize<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let buffer = Array(bytes)
        var output = ""
        output.reserveCapacity(buffer.count)
        var index = 0
        var previous: Unicode.Scalar?
        while index < buffer.count {
            let byte = buffer[index]
            if byte < 0x80 {
                append(Unicode.Scalar(byte), to: &output)
                previous = Unicode.Scalar(byte)
                index += 1
                continue
            }
            if let (scalar, length) = decodeMultiByte(buffer, at: index) {
                let next =
                    index + length < buffer.count && buffer[index + length] >= 0x80
                    ? decodeMultiByte(buffer, at: index + length)?.0 : nil
                if scalar.value == 0x200D, !joinsEmoji(previous, next) {
                    output += "\\u{200d}"
                } else {
                    append(scalar, to: &output)
                }
                previous = scalar
                index += length
            } else {
                output += "\\x" + hex(UInt32(byte), digits: 2)
                previous = nil
                index += 1
            }
        }
        return output
    }

    /// True if `scalar` would be replaced by an escape.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F { return true }
        if value < 0x7F { return false }
        if value < 0xA0 { return true }
        switch value {
        case 0x200C, 0x200D: return false  // ZWNJ, ZWJ: needed by scripts and emoji sequences
        case 0xE0020...0xE007F: return false  // tag characters in subdivision flag emoji
        case 0x2028, 0x2029: return true
        // U+FFFD only stands for bytes that were lost, and its width is East Asian Ambiguous
        // (one column in tmux and glibc, two in terminals set to wide ambiguous characters and
        // in some fonts): a run of them could push a row's border out. The escape is ASCII, so
        // every terminal agrees on its width, and it says what happened, like `\xff`.
        case 0xFFFD: return true
        default: break
        }
        if value < 0xAD { return false }
        return scalar.properties.generalCategory == .format
    }

    // MARK: - Internals

    /// True when `bytes` are valid UTF-8 that `sanitize` returns unchanged, known without
    /// sanitizing: a writer holding the bytes (the CSV export) copies them as they are, without
    /// making a string. False when sanitizing may change the text (as `sanitize` itself tells
    /// before its long way: a ZWJ, even between emoji, counts) or the bytes are not valid UTF-8.
    public static func passesUnchanged(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let escapes = asciiNeedsEscaping(bytes) { return !escapes }
        // Invalid bytes come out as U+FFFD, which is escaped, as decoding would leave them.
        return !scalarsNeedEscaping(RepairedScalars(bytes))
    }

    private static func needsEscaping(_ string: String) -> Bool {
        if let escapes = asciiNeedsEscaping(string.utf8) { return escapes }
        return scalarsNeedEscaping(string.unicodeScalars)
    }

    /// Whether UTF-8 text needs escaping, known from its bytes when they are ASCII up to a control
    /// character or to their end; nil at the first byte that is not ASCII (the scalars decide).
    @inline(__always)
    private static func asciiNeedsEscaping(_ bytes: some Sequence<UInt8>) -> Bool? {
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte < 0x20 || byte == 0x7F { return true }
        }
        return false
    }

    /// The scalar part of `needsEscaping`, for text that is not all printable ASCII.
    private static func scalarsNeedEscaping(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        var marks = 0
        for scalar in scalars {
            if isUnsafe(scalar) || scalar.value == 0x200D { return true }
            marks = isMark(scalar) ? marks + 1 : 0
            if marks > maxMarksPerCharacter { return true }
        }
        return false
    }

    /// The scalars of UTF-8 bytes, U+FFFD where they are not valid (as `String(decoding:)`
    /// repairs them; only whether one appears matters here, not how many).
    private struct RepairedScalars: Sequence, IteratorProtocol {
        var bytes: UnsafeBufferPointer<UInt8>.Iterator
        var parser = Unicode.UTF8.ForwardParser()

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes.makeIterator() }

        mutating func next() -> Unicode.Scalar? {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded): return Unicode.UTF8.decode(encoded)
            case .error: return "\u{FFFD}"
            case .emptyInput: return nil
            }
        }
    }

    /// Combining marks kept on one character: as many as a terminal cell holds (ncurses keeps a
    /// character and four marks), so a flood of marks prints as the screen shows it.
    public static let maxMarksPerCharacter = 4

    @inline(__always)
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to output: inout String) {
        guard isUnsafe(scalar) else {
            output.unicodeScalars.append(scalar)
            return
        }
        switch scalar.value {
        case 0x00: output += "\\0"
        case 0x07: output += "\\a"
        case 0x08: output += "\\b"
        case 0x09: output += "\\t"
        case 0x0A: output += "\\n"
        case 0x0B: output += "\\v"
        case 0x0C: output += "\\f"
        case 0x0D: output += "\\r"
        case 0x1B: output += "\\e"
        case 0x00...0x7F: output += "\\x" + hex(scalar.value, digits: 2)
        default: output += "\\u{" + hex(scalar.value, digits: 1) + "}"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }

    /// Decodes one 2–4 byte UTF-8 sequence starting at `index`, rejecting overlong forms,
    /// surrogates and values above U+10FFFF.
    private static func decodeMultiByte(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        var lowerLimit: UInt8 = 0x80
        var upperLimit: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
            if lead == 0xE0 { lowerLimit = 0xA0 }  // overlong
            if lead == 0xED { upperLimit = 0x9F }  // surrogates
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
            if lead == 0xF0 { lowerLimit = 0x90 }  // overlong
            if lead == 0xF4 { upperLimit = 0x8F }  // above U+10FFFF
        default:
            return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let low: UInt8 = offset == 1 ? lowerLimit : 0x80
            let high: UInt8 = offset == 1 ? upperLimit : 0xBF
            guard byte >= low && byte <= high else { return nil }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
