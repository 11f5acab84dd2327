#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bounds what a streamed input (inflated gzip, a pipe, a FIFO, a device) may be, checked as the
/// bytes arrive so an endless or hostile stream is refused early instead of filling the disk:
/// - at most `maxBytes` in all (`ORDERSCOPE_MAX_INPUT`, e.g. `512M`, `16G`; default 16 GiB);
/// - no NUL byte (never in JSON text, not even inside a string: a binary file or a device);
/// - no run of more than `maxRun` bytes without a `"` (every few bytes of an order are keys and
///   strings; a run of spaces, or of anything else, that long is not a dump). `maxRun` is
///   64 MiB, or half of `maxBytes` when that is smaller.
/// Mapped regular files are not streamed and not checked: their size is known and bounded.
package struct StreamGuard {
    package let maxBytes: Int
    package let maxRun: Int
    /// Bytes checked so far.
    package private(set) var seen = 0
    /// Bytes since the last `"`.
    private var sinceQuote = 0

    package init(maxBytes: Int = StreamGuard.configuredMaximum) {
        self.maxBytes = maxBytes
        maxRun = min(64 << 20, max(1, maxBytes / 2))
    }

    /// Checks the bytes that just arrived; throws the reason to refuse the input.
    package mutating func check(_ bytes: UnsafeRawBufferPointer) throws(SourceError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if seen + bytes.count > maxBytes {
            throw SourceError.unreadable(
                path: "",
                reason:
                    "the input is bigger than \(StreamGuard.describe(maxBytes)) (set ORDERSCOPE_MAX_INPUT to allow more)"
            )
        }
        if let nul = memchr(base, 0, bytes.count) {
            throw SourceError.unreadable(
                path: "",
                reason:
                    "byte \(seen + (base.distance(to: UnsafeRawPointer(nul)))) is a NUL: this is not JSON text"
            )
        }
        let quote = Int32(UInt8(ascii: "\""))
        if let first = memchr(base, quote, bytes.count) {
            let before = base.distance(to: UnsafeRawPointer(first))
            if sinceQuote + before > maxRun { throw runFailure(at: seen + before) }
            // The last quote, from the end: in JSON one is never far.
            let bytes8 = base.assumingMemoryBound(to: UInt8.self)
            var last = bytes.count - 1
            while last > before, bytes8[last] != UInt8(ascii: "\"") { last -= 1 }
            sinceQuote = bytes.count - last - 1
        } else {
            sinceQuote += bytes.count
            if sinceQuote > maxRun { throw runFailure(at: seen + bytes.count) }
        }
        seen += bytes.count
    }

    private func runFailure(at offset: Int) -> SourceError {
        .unreadable(
            path: "",
            reason: "more than \(StreamGuard.describe(maxRun)) without a JSON string before byte \(offset) "
                + "(a run of whitespace or data that is not JSON)")
    }

    /// `ORDERSCOPE_MAX_INPUT` (bytes, or with a K, M or G suffix), else 16 GiB.
    package static var configuredMaximum: Int {
        guard let raw = getenv("ORDERSCOPE_MAX_INPUT"), let value = parseSize(String(cString: raw)) else {
            return 16 << 30
        }
        return value
    }

    /// `123`, `512K`, `64M`, `16G` (binary units); nil when not a positive size.
    package static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text)
        var shift = 0
        switch digits.last.map({ Character($0.uppercased()) }) {
        case "K": shift = 10
        case "M": shift = 20
        case "G": shift = 30
        default: break
        }
        if shift > 0 { digits = digits.dropLast() }
        guard let number = Int(digits), number > 0, number <= (Int.max >> shift) else { return nil }
        return number << shift
    }

    /// `describe`, or with `rounded` the size in whole MiB (or KiB) for sizes that are not round.
    package static func describe(_ bytes: Int, rounded: Bool) -> String {
        guard rounded else { return describe(bytes) }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    package static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
