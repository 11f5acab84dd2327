extension JSONParser {
    /// Reads one document into `tokens` the way `parseDocument` reads it into a value: the same
    /// order of checks, so the same first error (reason and offset) and the same text issues.
    mutating func readTape(into tokens: inout [JSONTape.Token]) throws(JSONParseError) {
        skipWhitespace()
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3  // UTF-8 byte order mark
            skipWhitespace()
        }
        guard index < bytes.count else { throw failure("the document is empty") }
        try readTapeValue(into: &tokens)
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected \(describe(bytes[index])) after the end of the JSON value")
        }
    }

    private mutating func readTapeValue(into tokens: inout [JSONTape.Token]) throws(JSONParseError) {
        // Token indices of the open containers; each one's `after` and `end` are set at its close.
        var open: [Int] = []
        func scalar(_ kind: JSONTape.Kind, _ start: Int, _ end: Int, escaped: Bool = false) -> JSONTape.Token
        {
            JSONTape.Token(kind: kind, escaped: escaped, start: start, end: end, after: tokens.count + 1)
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
                    tokens.append(scalar(.object, start, start))
                    tokens.append(scalar(.string, key.start, key.end, escaped: key.escaped))
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
                        tokens.append(scalar(.string, key.start, key.end, escaped: key.escaped))
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
                tokens[container].end = index
                tokens[container].after = tokens.count
                open.removeLast()
            }
        }
    }
}
