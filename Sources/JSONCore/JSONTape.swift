import CTape

/// A JSON document read into a flat list of tokens over its bytes, with no value built: the
/// whole-order work (`check`, `export`'s anomalies, the browser's background scan) decodes
/// orders from it instead of from a `JSONValue` tree, whose building and freeing was most of
/// that work's cost (issue 19, BENCHMARKS.md).
///
/// Reading checks the document exactly as `JSONParser` does (the same scanner functions), so
/// a damaged document gives the same `JSONParseError` (reason and offset) and the same
/// `JSONTextIssues`. The tape borrows `bytes`: use it only while they are alive.
public final class JSONTape {
    /// What a token is. Containers are followed by their members (an object's as key, value,
    /// key, value…); `Token.after` skips a whole value.
    public enum Kind: UInt8, Sendable, BitwiseCopyable {
        case null, falseValue, trueValue, number, string, array, object
    }

    /// One value (or object key) of the document. Offsets and indices are 32-bit (a tape refuses
    /// documents of 4 GiB or more, far above the largest order a dump takes).
    public struct Token: Sendable, BitwiseCopyable {
        public var kind: Kind
        /// A string with escapes (its text must be unescaped).
        public var escaped: Bool
        private var startOffset: UInt32
        private var endOffset: UInt32
        private var afterIndex: UInt32
        private var memberIndex: UInt32
        /// An object key's `JSONTape.keySignature`; an object's Bloom filter of its keys'
        /// signatures (`JSONTape.bloomBit`), so a lookup of a key it lacks ends at once; 0 for
        /// everything else.
        public var signature: UInt64

        public init(kind: Kind, escaped: Bool, start: Int, end: Int, after: Int, signature: UInt64 = 0) {
            self.kind = kind
            self.escaped = escaped
            self.startOffset = UInt32(truncatingIfNeeded: start)
            self.endOffset = UInt32(truncatingIfNeeded: end)
            self.afterIndex = UInt32(truncatingIfNeeded: after)
            self.memberIndex = 0
            self.signature = signature
        }

        /// An object's entry in `JSONTape.members`: the count of its members, which follow it
        /// there (0 for an empty object, which has no entry).
        public var members: Int {
            get { Int(memberIndex) }
            set { memberIndex = UInt32(truncatingIfNeeded: newValue) }
        }

        /// Where the four 32-bit fields lie in a token, in order (for `laidOutAsC`).
        static var storedOffsets: [Int?] {
            [
                MemoryLayout<Self>.offset(of: \.startOffset), MemoryLayout<Self>.offset(of: \.endOffset),
                MemoryLayout<Self>.offset(of: \.afterIndex), MemoryLayout<Self>.offset(of: \.memberIndex),
            ]
        }

        /// A string's content between its quotes, a number's or word's text, a container from
        /// its opening bracket to just past its closing one.
        public var start: Int { Int(startOffset) }
        public var end: Int {
            get { Int(endOffset) }
            set { endOffset = UInt32(truncatingIfNeeded: newValue) }
        }
        /// The index of the first token after this value (and all it contains).
        public var after: Int {
            get { Int(afterIndex) }
            set { afterIndex = UInt32(truncatingIfNeeded: newValue) }
        }
    }

    /// The largest document a tape reads (its offsets are 32-bit).
    public static let maxBytes = Int(UInt32.max) - 1

    /// A key's signature: its length (capped at 255) in the top byte and its first seven bytes
    /// below (the whole key when it has up to seven). Keys with equal signatures are equal when
    /// they have at most seven bytes; longer ones need their bytes compared.
    @inlinable
    public static func keySignature(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let length = UInt64(min(key.count, 255)) << 56
        if key.count >= 8 {
            return length | (key.loadUnaligned(as: UInt64.self).littleEndian & 0x00FF_FFFF_FFFF_FFFF)
        }
        var signature = length
        var at = 0
        while at < key.count {
            signature |= UInt64(key[at]) << (8 * UInt64(at))
            at += 1
        }
        return signature
    }

    /// A key's bytes 7 to 14 (zero past its end): keys of up to 15 bytes with equal
    /// signatures and rests are equal, with no byte compared.
    @inlinable
    public static func keyRest(_ key: UnsafeRawBufferPointer) -> UInt64 {
        guard key.count > 7 else { return 0 }
        if key.count >= 15 { return key.loadUnaligned(fromByteOffset: 7, as: UInt64.self).littleEndian }
        var rest: UInt64 = 0
        var at = 7
        while at < key.count {
            rest |= UInt64(key[at]) << (8 * UInt64(at - 7))
            at += 1
        }
        return rest
    }

    /// A signature's bit in an object's Bloom filter (`Token.signature` of an object).
    @inlinable
    public static func bloomBit(_ signature: UInt64) -> UInt64 {
        1 << ((signature &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// One object member in `members`: its key's signature and its value's token.
    public struct Member: Sendable, BitwiseCopyable {
        public var signature: UInt64
        /// The key's `keyRest`: with the signature, the whole of a key of up to 15 bytes.
        public var rest: UInt64
        public var value: Int
    }

    public let bytes: UnsafeRawBufferPointer
    /// Immutable once read: a `let` of a class is read without the dynamic exclusivity checks
    /// a `var` costs on every access (a quarter of the decoding time in the first profile).
    public let tokens: TapeBuffer<Token>
    /// Every object's members side by side, in source order, each object's run after an entry
    /// whose `signature` is the run's length (`Token.members` points at it): the decoders look
    /// up some sixty keys an order, and a run is read in one sweep where the members' tokens
    /// lie apart across the whole object.
    public let members: TapeBuffer<Member>

    /// Reads one complete document (whitespace around it allowed, as `JSONParser.parse`).
    public init(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth,
        textIssues: inout JSONTextIssues
    ) throws(JSONParseError) {
        self.bytes = bytes
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        guard bytes.count <= JSONTape.maxBytes else {
            throw parser.failure("the document is 4 GiB or larger, more than a tape reads")
        }
        // Compact orders hold about one token per ten bytes, and a member per twenty (the C reader
        // starts over when a buffer is full, so these err on the big side).
        var tokens = TapeBuffer<Token>(capacity: bytes.count / 8 + 16)
        var members = TapeBuffer<Member>(capacity: bytes.count / 12 + 8)
        // The C reader takes clean documents (most of them); the Swift one the rest, with the
        // errors and text issues it reports.
        if !JSONTape.readClean(bytes, maxDepth: maxDepth, tokens: &tokens, members: &members) {
            do {
                try parser.readTape(into: &tokens, members: &members)
            } catch {
                tokens.deallocate()
                members.deallocate()
                throw error
            }
        }
        self.tokens = tokens
        self.members = members
        textIssues = parser.textIssues
    }

    deinit {
        tokens.deallocate()
        members.deallocate()
    }

    @inlinable public subscript(index: Int) -> Token { tokens[index] }

    /// The raw bytes of a token's text.
    public func content(_ index: Int) -> UnsafeRawBufferPointer {
        let token = tokens[index]
        return UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// A string token's text (unescaped), or a number's text as written.
    public func text(_ index: Int) -> String {
        let token = tokens[index]
        let content = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        return token.escaped ? JSONParser.unescape(content) : String(decoding: content, as: UTF8.self)
    }

    /// A number or numeric string token as an integer, exactly as `JSONValue.int64Value` reads
    /// the same value (plain digits are read from the bytes; anything else through its text).
    public func int64(_ index: Int) -> Int64? {
        let token = tokens[index]
        guard token.kind == .number || token.kind == .string else { return nil }
        if !token.escaped {
            let length = token.end - token.start
            var at = token.start
            var negative = false
            if length > 1, bytes[at] == UInt8(ascii: "-") {
                negative = true
                at += 1
            }
            // Up to 18 digits cannot overflow; a leading zero, a sign or a fraction go the
            // long way, as do longer numbers.
            let digits = token.end - at
            if digits >= 1, digits <= 18, !(digits > 1 && bytes[at] == UInt8(ascii: "0")) {
                var value: Int64 = 0
                var plain = true
                while at < token.end {
                    let digit = bytes[at] &- UInt8(ascii: "0")
                    if digit > 9 {
                        plain = false
                        break
                    }
                    value = value * 10 + Int64(digit)
                    at += 1
                }
                if plain { return negative ? -value : value }
            }
        }
        return JSONValue.parseInteger(text(index))
    }

    /// The `JSONValue` of the token at `index` and everything in it (built without recursion,
    /// so any depth the reader accepted is fine).
    public func value(_ root: Int = 0) -> JSONValue {
        struct Open {
            var token: Int
            var keys: [String]
            var values: [JSONValue]
        }
        var open: [Open] = []
        var at = root
        while true {
            let token = tokens[at]
            var completed: JSONValue
            switch token.kind {
            case .null: completed = .null
            case .falseValue: completed = .bool(false)
            case .trueValue: completed = .bool(true)
            case .number: completed = .number(text(at))
            case .string: completed = .string(text(at))
            case .array, .object:
                if token.after == at + 1 {
                    completed = token.kind == .object ? .object(JSONObject()) : .array([])
                } else {
                    var container = Open(token: at, keys: [], values: [])
                    at += 1
                    if token.kind == .object {
                        container.keys.append(text(at))
                        at += 1
                    }
                    open.append(container)
                    continue
                }
            }
            at = token.kind == .array || token.kind == .object ? token.after : at + 1
            while true {
                guard !open.isEmpty else { return completed }
                let last = open.count - 1
                open[last].values.append(completed)
                let container = tokens[open[last].token]
                if at < container.after {
                    if container.kind == .object {
                        open[last].keys.append(text(at))
                        at += 1
                    }
                    break
                }
                let closed = open.removeLast()
                completed =
                    container.kind == .object
                    ? .object(JSONObject(keys: closed.keys, values: closed.values)) : .array(closed.values)
            }
        }
    }
}
