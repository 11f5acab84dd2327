/// Reads JSON text into `JSONValue` without recursion, so nesting depth is bounded by
/// `maxDepth` and never by the thread's stack (a payout tree 1,000 levels deep is ordinary
/// input, and hostile dumps nest far deeper).
///
/// It is tolerant where the data is known to be sloppy and strict where being wrong would hide
/// damage: raw control characters inside strings and invalid UTF-8 are read (the value keeps the
/// control character, an invalid byte becomes U+FFFD, and the sanitizer shows both later) but
/// each is reported as a `JSONTextIssue` with its offset, so the dump reader can say where the
/// file breaks the JSON rules; a missing comma, a truncated document or trailing garbage is an
/// error with line and column.
public struct JSONParser: ~Copyable {
    public static let defaultMaxDepth = 10_000

    let bytes: UnsafeRawBufferPointer
    var index: Int
    let maxDepth: Int
    var textIssues = JSONTextIssues()

    init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.index = 0
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON document; whitespace around it is allowed, anything else is not.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth)
        throws(JSONParseError) -> JSONValue
    {
        var issues = JSONTextIssues()
        return try parse(bytes, maxDepth: maxDepth, textIssues: &issues)
    }

    /// Parses one complete JSON document and reports the raw control characters and invalid
    /// UTF-8 bytes met inside its strings (offsets from the start of `bytes`) in `textIssues`.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth, textIssues: inout JSONTextIssues
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        let value = try parser.parseDocument()
        textIssues = parser.textIssues
        return value
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        do {
            return try bytes.withUnsafeBytes { buffer in try parse(buffer, maxDepth: maxDepth) }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(reason: "\(error)", offset: 0, line: 1, column: 1, snippet: "")
        }
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    // MARK: - Document

    /// A container being read: whether it is an object, and where its members start on the
    /// shared value and key stacks.
    private struct OpenContainer {
        var isObject: Bool
        var firstValue: Int
        var firstKey: Int
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3  // UTF-8 byte order mark
            skipWhitespace()
        }
        guard index < bytes.count else { throw failure("the document is empty") }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected \(describe(bytes[index])) after the end of the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        // The members of every open container sit on two shared stacks and become one array of
        // exactly their count when the container closes. (Keeping each container's array inside
        // an enum frame, popped and pushed back per member, copied the array on every append:
        // the profile in BENCHMARKS.md found that quadratic cost.)
        var open: [OpenContainer] = []
        var values = MovingStack<JSONValue>()
        var keys = MovingStack<String>()
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw failure(endOfInputReason(open.count)) }
            var completed: JSONValue
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "}")) {
                    index += 1
                    completed = .object(JSONObject())
                } else {
                    guard open.count < maxDepth else { throw tooDeep() }
                    let key = try parseKey()
                    open.append(OpenContainer(isObject: true, firstValue: values.count, firstKey: keys.count))
                    keys.push(key)
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "]")) {
                    index += 1
                    completed = .array([])
                } else {
                    guard open.count < maxDepth else { throw tooDeep() }
                    open.append(
                        OpenContainer(isObject: false, firstValue: values.count, firstKey: keys.count))
                    continue
                }
            case UInt8(ascii: "\""):
                completed = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectWord("true")
                completed = .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                completed = .bool(false)
            case UInt8(ascii: "n"):
                try expectWord("null")
                completed = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                completed = .number(try parseNumber())
            default:
                throw failure("expected a value but found \(describe(byte))")
            }

            // Attach the completed value to its container, closing containers as they end.
            while true {
                guard let container = open.last else { return completed }
                skipWhitespace()
                values.push(completed)
                guard index < bytes.count else { throw failure(endOfInputReason(open.count)) }
                let next = bytes[index]
                if next == UInt8(ascii: ",") {
                    index += 1
                    if container.isObject {
                        skipWhitespace()
                        keys.push(try parseKey())
                    }
                    break
                }
                if container.isObject {
                    guard next == UInt8(ascii: "}") else {
                        throw failure("expected ',' or '}' in an object but found \(describe(next))")
                    }
                    index += 1
                    completed = .object(
                        JSONObject(
                            keys: keys.popArray(from: container.firstKey),
                            values: values.popArray(from: container.firstValue)))
                } else {
                    guard next == UInt8(ascii: "]") else {
                        throw failure("expected ',' or ']' in an array but found \(describe(next))")
                    }
                    index += 1
                    completed = .array(values.popArray(from: container.firstValue))
                }
                open.removeLast()
            }
        }
    }

    /// The members of the open containers: a stack whose top run becomes a container's array by
    /// moving the elements (copying a slice and then removing it cost a retain and a release
    /// per member: `check` took 6 % less CPU without them).
    private struct MovingStack<Element>: ~Copyable {
        private var base: UnsafeMutablePointer<Element>
        private var capacity: Int
        private(set) var count = 0

        init() {
            capacity = 64
            base = .allocate(capacity: capacity)
        }

        deinit {
            // A document that fails half-way leaves members behind.
            base.deinitialize(count: count)
            base.deallocate()
        }

        mutating func push(_ element: Element) {
            if count == capacity {
                let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
                grown.moveInitialize(from: base, count: count)
                base.deallocate()
                base = grown
                capacity *= 2
            }
            (base + count).initialize(to: element)
            count += 1
        }

        /// The elements from `start` to the top, in order, as an array; the stack ends at `start`.
        mutating func popArray(from start: Int) -> [Element] {
            let taken = count - start
            guard taken > 0 else { return [] }
            let source = base + start
            let array = [Element](unsafeUninitializedCapacity: taken) { buffer, initialized in
                // `taken > 0`, so the buffer has storage; guarded rather than force-unwrapped.
                guard let target = buffer.baseAddress else { return }
                target.moveInitialize(from: source, count: taken)
                initialized = taken
            }
            count = start
            return array
        }
    }

    /// Reads `"key" :` and leaves the index at the value.
    private mutating func parseKey() throws(JSONParseError) -> String {
        let key = try scanKey()
        return stringText(key)
    }

    /// Reads `"key" :` without making the key's `String` (the tape keeps its byte range), with
    /// the same checks and messages as `parseKey`.
    mutating func scanKey() throws(JSONParseError) -> StringToken {
        guard index < bytes.count else { throw failure("the input ends inside an object") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw failure("expected a quoted key but found \(describe(bytes[index]))")
        }
        let key = try scanString()
        skipWhitespace()
        guard index < bytes.count else {
            throw failure("the input ends after the key \"\(stringText(key).prefix(40))\"")
        }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw failure(
                "expected ':' after the key \"\(stringText(key).prefix(40))\" but found \(describe(bytes[index]))"
            )
        }
        index += 1
        return key
    }

    // MARK: - Scalars

    /// A string's content (between its quotes) in `bytes`, and whether it holds escapes.
    struct StringToken {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        stringText(try scanString())
    }

    /// The text of a string read by `scanString`.
    func stringText(_ token: StringToken) -> String {
        let content = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        return token.escaped
            ? JSONParser.unescape(content) : String(decoding: content, as: UTF8.self)
    }

    /// Checks a string from its opening quote to its closing one (escapes, text issues) and
    /// leaves the index after it; nothing is built, so the tape and the value parser share the
    /// same checks, offsets and messages.
    mutating func scanString() throws(JSONParseError) -> StringToken {
        let quote = index
        index += 1
        let start = index
        // A byte below 0x20 or above 0x7F sends the string's bytes through `checkText` once it
        // ends (rare: most strings are plain ASCII).
        var unusual = false
        var escaped = false
        // Eight bytes at a time while none is a quote, a backslash, a control character or
        // above 0x7F (the tests have no false negatives; a word that may hold one goes to the
        // byte loop below, which decides).
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((word &- ones &* 0x20) & ~word) | word
            if special & highs != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if unusual { checkText(start, index) }
                index += 1
                return StringToken(start: start, end: index - 1, escaped: escaped)
            }
            if byte != UInt8(ascii: "\\") {
                if byte < 0x20 || byte >= 0x80 { unusual = true }
                index += 1
                continue
            }
            escaped = true
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                // Each `\u` is checked on its own; pairing surrogates is `unescape`'s job, and a
                // low half that is not one is read again as an escape of its own there too.
                _ = try parseHex4()
            default:
                index -= 2
                throw failure("invalid escape \\\(describeChar(escape)) in a string")
            }
        }
        index = quote
        throw failure("a string starting here is never closed")
    }

    /// The text of a string's content that `scanString` accepted and found escapes in.
    static func unescape(_ content: UnsafeRawBufferPointer) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(content.count)
        var at = 0
        let end = content.count
        func hex4(_ from: Int) -> UInt32 {
            var value: UInt32 = 0
            for offset in from..<(from + 4) {
                let byte = content[offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                default: digit = UInt32(byte &- UInt8(ascii: "A") &+ 10)
                }
                value = value << 4 | digit
            }
            return value
        }
        while at < end {
            let byte = content[at]
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                at += 1
                continue
            }
            let escape = content[at + 1]
            at += 2
            switch escape {
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at)
                at += 4
                if (0xD800...0xDBFF).contains(scalar), at + 1 < end, content[at] == UInt8(ascii: "\\"),
                    content[at + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(at + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        at += 6
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(character).utf8))
            default: buffer.append(escape)  // `"`, `\`, `/`
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("a \\u escape is cut off") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let range = try scanNumber()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Checks a number and leaves the index after it; its bytes are the returned range.
    mutating func scanNumber() throws(JSONParseError) -> Range<Int> {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        let integerStart = index
        skipDigits()
        guard index > integerStart else { throw failure("a number needs digits after '-'") }
        if peek(UInt8(ascii: ".")) {
            index += 1
            let fractionStart = index
            skipDigits()
            guard index > fractionStart else { throw failure("a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            let exponentStart = index
            skipDigits()
            guard index > exponentStart else { throw failure("a number needs digits in its exponent") }
        }
        return start..<index
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw failure("expected a value but found \(describe(bytes[index]))") }
        index += count
    }

    // MARK: - Text checks

    /// Reports the raw control characters and invalid UTF-8 bytes of a string's raw bytes
    /// `from..<to` (escapes are ASCII, so they need no special case). A sequence cut short is
    /// reported at its first byte, as one invalid byte, the way the decoder replaces it.
    private mutating func checkText(_ from: Int, _ to: Int) {
        var at = from
        while at < to {
            let byte = bytes[at]
            if byte < 0x20 {
                textIssues.add(JSONTextIssue(offset: at, kind: .controlCharacter(byte)))
                at += 1
                continue
            }
            if byte < 0x80 {
                at += 1
                continue
            }
            let length = JSONParser.validSequenceLength(bytes, at, to)
            if length == 0 {
                textIssues.add(JSONTextIssue(offset: at, kind: .invalidUTF8(byte)))
                at += 1
            } else {
                at += length
            }
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `at` (before `end`), or 0 when
    /// there is none (Unicode table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF).
    static func validSequenceLength(_ bytes: UnsafeRawBufferPointer, _ at: Int, _ end: Int) -> Int {
        let lead = bytes[at]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard at + length <= end else { return 0 }
        let second = bytes[at + 1]
        guard second >= low, second <= high else { return 0 }
        for next in (at + 2)..<(at + length) where bytes[next] & 0xC0 != 0x80 { return 0 }
        return length
    }

    // MARK: - Helpers

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
    }

    func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    func endOfInputReason(_ openLevels: Int) -> String {
        "the input ends before the JSON value is complete (\(openLevels) level(s) still open): "
            + "the file looks truncated"
    }

    func tooDeep() -> JSONParseError {
        failure("nesting deeper than \(maxDepth) levels")
    }

    func describe(_ byte: UInt8) -> String {
        "'" + describeChar(byte) + "'"
    }

    func describeChar(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\x" + SourceLocator.hex2(UInt32(byte))
    }

    func failure(_ reason: String) -> JSONParseError {
        let location = SourceLocator.locate(bytes, offset: index)
        return JSONParseError(
            reason: reason, offset: index, line: location.line, column: location.column,
            snippet: location.snippet)
    }
}
