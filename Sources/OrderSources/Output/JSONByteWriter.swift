import OrderModel

/// Writes JSON text straight into a byte buffer, compact or pretty (two-space indent), with
/// commas and indentation handled by the writer: callers say `beginObject`, `key`, a value,
/// `endObject`. No `JSONValue`, no `String` building, no Foundation — this is the synthetic
/// generator's hot path.
///
/// Strings passed as `[UInt8]` or `StaticString` are written as they are (the generator's tables
/// hold no quotes, backslashes or control characters); `escapedString` escapes arbitrary text.
public struct JSONByteWriter: Sendable {
    /// The JSON written so far (since the last `removeAll`).
    public private(set) var bytes: [UInt8]
    /// Pretty (newlines and two-space indents) or compact.
    public let pretty: Bool
    private var depth = 0
    private var first = true
    private var afterKey = false

    public init(pretty: Bool = false, capacity: Int = 1 << 16) {
        self.pretty = pretty
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Drops the written bytes but keeps the nesting state (for streaming flushes).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Starts a fresh top-level value (e.g. the next NDJSON line).
    public mutating func resetTopLevel() {
        depth = 0
        first = true
        afterKey = false
    }

    // MARK: - Structure

    @inline(__always)
    private mutating func valueStart() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            if !first { bytes.append(0x2C) }
            if pretty { newline() }
        }
        first = false
    }

    @inline(__always)
    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    public mutating func beginObject() {
        valueStart()
        bytes.append(0x7B)
        depth += 1
        first = true
    }

    public mutating func endObject() {
        depth -= 1
        if pretty && !first { newline() }
        bytes.append(0x7D)
        first = false
    }

    public mutating func beginArray() {
        valueStart()
        bytes.append(0x5B)
        depth += 1
        first = true
    }

    public mutating func endArray() {
        depth -= 1
        if pretty && !first { newline() }
        bytes.append(0x5D)
        first = false
    }

    /// An object member's key (written as is: no escaping).
    public mutating func key(_ name: StaticString) {
        if depth > 0 {
            if !first { bytes.append(0x2C) }
            if pretty { newline() }
        }
        first = false
        bytes.append(0x22)
        appendRaw(name)
        bytes.append(0x22)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    // MARK: - Raw bytes

    @inline(__always)
    public mutating func appendRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    public mutating func appendRaw(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    @inline(__always)
    public mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }

    /// Digits of a non-negative integer, zero-padded to `width`.
    public mutating func appendDigits(_ value: Int64, width: Int = 1) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var index = 24
            repeat {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0 || 24 - index < width
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// `scaled / 10^scale` as a decimal without exponent: `decimalText(59942112, scale: 6)` is
    /// `59.942112`; a negative value gets a minus sign.
    public mutating func appendDecimal(_ scaled: Int64, scale: Int) {
        if scaled < 0 { bytes.append(0x2D) }
        let magnitude = scaled.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        appendDigits(Int64(magnitude / divisor))
        if scale > 0 {
            bytes.append(0x2E)
            appendDigits(Int64(magnitude % divisor), width: scale)
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for seconds since 1970 (UTC), without quotes.
    public mutating func appendTimestamp(_ epochSeconds: Int64) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = Timestamp.civilFromDays(Int(days))
        appendDigits(Int64(year), width: 4)
        bytes.append(0x2D)
        appendDigits(Int64(month), width: 2)
        bytes.append(0x2D)
        appendDigits(Int64(day), width: 2)
        bytes.append(0x54)
        appendDigits(secondOfDay / 3600, width: 2)
        bytes.append(0x3A)
        appendDigits(secondOfDay / 60 % 60, width: 2)
        bytes.append(0x3A)
        appendDigits(secondOfDay % 60, width: 2)
        bytes.append(0x5A)
    }

    /// Lower-case hex of `value`, `digits` wide.
    public mutating func appendHex(_ value: UInt64, digits: Int) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xF)
            bytes.append(nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57)
            shift -= 4
        }
    }

    /// A version-4 UUID from two random words, without quotes.
    public mutating func appendUUID(_ high: UInt64, _ low: UInt64) {
        let hi = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let lo = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        appendHex(hi >> 32, digits: 8)
        bytes.append(0x2D)
        appendHex((hi >> 16) & 0xFFFF, digits: 4)
        bytes.append(0x2D)
        appendHex(hi & 0xFFFF, digits: 4)
        bytes.append(0x2D)
        appendHex(lo >> 48, digits: 4)
        bytes.append(0x2D)
        appendHex(lo & 0xFFFF_FFFF_FFFF, digits: 12)
    }

    // MARK: - Values

    public mutating func null() {
        valueStart()
        appendRaw("null")
    }

    public mutating func bool(_ value: Bool) {
        valueStart()
        if value { appendRaw("true") } else { appendRaw("false") }
    }

    public mutating func int(_ value: Int64) {
        valueStart()
        if value < 0 { bytes.append(0x2D) }
        appendDigits(value)
    }

    public mutating func int(_ value: Int) { int(Int64(value)) }

    /// A number with a fixed number of decimals (`decimal(150, scale: 2)` is `1.50`).
    public mutating func decimal(_ scaled: Int64, scale: Int) {
        valueStart()
        appendDecimal(scaled, scale: scale)
    }

    /// A string value whose bytes need no escaping.
    public mutating func string(_ text: StaticString) {
        valueStart()
        bytes.append(0x22)
        appendRaw(text)
        bytes.append(0x22)
    }

    /// A string value whose bytes need no escaping.
    public mutating func string(_ text: [UInt8]) {
        valueStart()
        bytes.append(0x22)
        bytes.append(contentsOf: text)
        bytes.append(0x22)
    }

    /// Opens a string value to be filled with `appendRaw`/`appendDigits`…; close with `endString`.
    public mutating func beginString() {
        valueStart()
        bytes.append(0x22)
    }

    public mutating func endString() { bytes.append(0x22) }

    /// A timestamp string value.
    public mutating func timestamp(_ epochSeconds: Int64) {
        beginString()
        appendTimestamp(epochSeconds)
        endString()
    }

    /// A UUID string value.
    public mutating func uuid(_ high: UInt64, _ low: UInt64) {
        beginString()
        appendUUID(high, low)
        endString()
    }

    /// Any text as a JSON string, escaped (`"`, `\`, control characters).
    public mutating func escapedString(_ text: String) {
        valueStart()
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                appendRaw("\\u00")
                appendHex(UInt64(byte), digits: 2)
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
