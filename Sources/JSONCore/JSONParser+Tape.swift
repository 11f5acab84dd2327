extension JSONParser {
    /// Reads one document into `tokens` the way `parseDocument` reads it into a value: the same
    /// order of checks, so the same first error (reason and offset) and the same text issues.
    mutating func readTape(
        into tokens: inout TapeBuffer<JSONTape.Token>, members: inout TapeBuffer<JSONTape.Member>
    )
        throws(JSONParseError)
    {
        skipWhitespace()
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3  // UTF-8 byte order mark
            skipWhitespace()
        }
        guard index < bytes.count else { throw failure("the document is empty") }
        try readTapeValue(into: &tokens, members: &members)
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected \(describe(bytes[index])) after the end of the JSON value")
        }
    }

    private mutating func readTapeValue(
        into tokens: inout TapeBuffer<JSONTape.Token>, members: inout TapeBuffer<JSONTape.Member>
    ) throws(JSONParseError) {
        // Token indices of the open containers; each one's `after` and `end` are set at its close.
        var open: [Int] = []
        // The members of the open objects, innermost last, and where each open object's begin
        // (for arrays, unused): an object's run moves to `members` when it closes.
        var pending: [JSONTape.Member] = []
        var pendingBase: [Int] = []
        func scalar(_ kind: JSONTape.Kind, _ start: Int, _ end: Int, escaped: Bool = false) -> JSONTape.Token
        {
            JSONTape.Token(kind: kind, escaped: escaped, start: start, end: end, after: tokens.count + 1)
        }
        // A key's token carries its signature, and its object's token the Bloom bit of it: the
        // decoders look up some sixty keys an order, most of them absent.
        func appendKey(_ key: StringToken, object: Int) {
            let signature: UInt64
            let rest: UInt64
            if key.escaped {
                var text = stringText(key)
                (signature, rest) = text.withUTF8 {
                    (
                        JSONTape.keySignature(UnsafeRawBufferPointer($0)),
                        JSONTape.keyRest(UnsafeRawBufferPointer($0))
                    )
                }
            } else {
                let name = UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end])
                signature = JSONTape.keySignature(name)
                rest = JSONTape.keyRest(name)
            }
            tokens.set(object) { $0.signature |= JSONTape.bloomBit(signature) }
            pending.append(JSONTape.Member(signature: signature, rest: rest, value: tokens.count + 1))
            tokens.append(
                JSONTape.Token(
                    kind: .string, escaped: key.escaped, start: key.start, end: key.end,
                    after: tokens.count + 1,
                    signature: signature))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw failure(endOfInputReason(open.count)) }
            let start = index
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "}")) {
                    index += 1
                    tokens.append(scalar(.object, start, index))
                } else {
                    guard open.count < maxDepth else { throw tooDeep() }
                    let key = try scanKey()
                    open.append(tokens.count)
                    pendingBase.append(pending.count)
                    tokens.append(scalar(.object, start, start))
                    appendKey(key, object: tokens.count - 1)
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "]")) {
                    index += 1
                    tokens.append(scalar(.array, start, index))
                } else {
                    guard open.count < maxDepth else { throw tooDeep() }
                    open.append(tokens.count)
                    pendingBase.append(pending.count)
                    tokens.append(scalar(.array, start, start))
                    continue
                }
            case UInt8(ascii: "\""):
                let string = try scanString()
                tokens.append(scalar(.string, string.start, string.end, escaped: string.escaped))
            case UInt8(ascii: "t"):
                try expectWord("true")
                tokens.append(scalar(.trueValue, start, index))
            case UInt8(ascii: "f"):
                try expectWord("false")
                tokens.append(scalar(.falseValue, start, index))
            case UInt8(ascii: "n"):
                try expectWord("null")
                tokens.append(scalar(.null, start, index))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let number = try scanNumber()
                tokens.append(scalar(.number, number.lowerBound, number.upperBound))
            default:
                throw failure("expected a value but found \(describe(byte))")
            }

            // After a value: the next member, or the end of one or more containers.
            while true {
                guard let container = open.last else { return }
                skipWhitespace()
                guard index < bytes.count else { throw failure(endOfInputReason(open.count)) }
                let next = bytes[index]
                let isObject = tokens[container].kind == .object
                if next == UInt8(ascii: ",") {
                    index += 1
                    if isObject {
                        skipWhitespace()
                        let key = try scanKey()
                        appendKey(key, object: container)
                    }
                    break
                }
                if isObject {
                    guard next == UInt8(ascii: "}") else {
                        throw failure("expected ',' or '}' in an object but found \(describe(next))")
                    }
                } else {
                    guard next == UInt8(ascii: "]") else {
                        throw failure("expected ',' or ']' in an array but found \(describe(next))")
                    }
                }
                index += 1
                let after = tokens.count
                tokens.set(container) { token in
                    token.end = index
                    token.after = after
                }
                open.removeLast()
                let base = pendingBase.removeLast()
                if isObject {
                    let run = members.count
                    tokens.set(container) { $0.members = run }
                    members.append(
                        JSONTape.Member(signature: UInt64(pending.count - base), rest: 0, value: container))
                    pending.withUnsafeBufferPointer {
                        members.append(contentsOf: UnsafeBufferPointer(rebasing: $0[base...]))
                    }
                    pending.removeSubrange(base...)
                }
            }
        }
    }
}
