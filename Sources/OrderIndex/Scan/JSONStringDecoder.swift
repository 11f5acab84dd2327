/// Decodes the body of a JSON string (the bytes between the quotes) into a Swift `String`;
/// used only for the few values an index keeps.
enum JSONStringDecoder {
    static func decode(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> String {
        let raw = UnsafeBufferPointer(start: base + start, count: end - start)
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < raw.count else {
                out.append(byte)
                continue
            }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(raw, index) else {
                    out.append(contentsOf: [UInt8(ascii: "\\"), escape])
                    continue
                }
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= raw.count,
                    raw[index] == UInt8(ascii: "\\"),
                    raw[index + 1] == UInt8(ascii: "u"), let low = hex4(raw, index + 2),
                    (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(character).utf8)
            default:
                out.append(escape)  // \" \\ \/ and, tolerantly, anything else
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = raw[at + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// An integer from a number literal or numeric string: `59800`, `-5`, `12.00`; else nil.
    static func integer(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int64? {
        var index = start
        var negative = false
        if index < end, base[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < end else { return nil }
        var value: Int64 = 0
        var digits = 0
        while index < end, base[index] >= 0x30, base[index] <= 0x39 {
            // Negative values accumulate downwards so Int64.min, whose magnitude has no
            // positive Int64, reads like any other amount.
            let digit = Int64(base[index] - 0x30)
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
                negative
                ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end else { return nil }
            while index < end, base[index] == UInt8(ascii: "0") { index += 1 }
        }
        guard index == end else { return nil }
        return value
    }
}
