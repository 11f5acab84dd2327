import CZlib
import OrderIndex

/// Inflates gzip data (one member or several concatenated, as `cat a.gz b.gz` makes) into a
/// `SpillBuffer` (an unlinked temporary file), checking what comes out with a `StreamGuard`.
///
/// A damaged or cut-off stream keeps what was inflated before the damage and says where it is;
/// the dump reader decides whether the remainder is still useful.
enum GzipInflater {
    struct Result: ~Copyable {
        var buffer: SpillBuffer
        /// Why inflation stopped early, if it did.
        var problem: String?
    }

    /// True when the bytes start with the gzip magic number `1f 8b`.
    static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    static func inflate(_ input: UnsafeRawBufferPointer) throws(SourceError) -> Result {
        // The last member's trailer holds its size mod 2^32: a fair first guess for one member.
        var guess = input.count * 4
        if input.count >= 18 {
            let tail = input.count - 4
            let size =
                Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16
                | Int(input[tail + 3]) << 24
            guess = max(guess, size + 1)
        }
        var output = try SpillBuffer(capacity: min(guess, 64 << 20))
        var limits = StreamGuard()
        guard let inputBase = input.baseAddress else { return Result(buffer: output, problem: nil) }

        var stream = z_stream()
        let headerSize = Int32(MemoryLayout<z_stream>.size)
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), headerSize) == Z_OK else {
            throw SourceError.unreadable(path: "", reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }

        var consumed = 0  // input bytes consumed by finished members
        var problem: String?
        stream.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: UInt8.self))
        // avail_in is 32-bit: feed at most 1 GiB at a time.
        let chunk = 1 << 30
        var remainingInput = input.count
        stream.avail_in = UInt32(min(remainingInput, chunk))
        remainingInput -= Int(stream.avail_in)

        while true {
            if output.capacity - output.count < (1 << 16) {
                try output.grow(toAtLeast: output.count + (1 << 20))
            }
            let free = output.capacity - output.count
            stream.next_out = output.freeSpace?.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(min(free, chunk))
            let before = stream.avail_out
            if stream.avail_in == 0, remainingInput > 0 {
                stream.avail_in = UInt32(min(remainingInput, chunk))
                remainingInput -= Int(stream.avail_in)
            }
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = Int(before - stream.avail_out)
            if let start = output.freeSpace {
                try limits.check(UnsafeRawBufferPointer(start: start, count: produced))
            }
            output.count += produced
            let position = inputBase.distance(to: UnsafeRawPointer(stream.next_in))
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                consumed = position
                // Another member follows? Skip zero padding, which some tools append.
                var next = consumed
                while next < input.count, input[next] == 0 { next += 1 }
                if next >= input.count { return Result(buffer: output, problem: nil) }
                if next + 1 < input.count, input[next] == 0x1F, input[next + 1] == 0x8B {
                    inflateReset(&stream)
                    stream.next_in = UnsafeMutablePointer(
                        mutating: (inputBase + next).assumingMemoryBound(to: UInt8.self))
                    let left = input.count - next
                    stream.avail_in = UInt32(min(left, chunk))
                    remainingInput = left - Int(stream.avail_in)
                    continue
                }
                problem =
                    "\(input.count - next) bytes after the end of the gzip data (at byte \(next)) are not "
                    + "gzip data and were ignored"
                return Result(buffer: output, problem: problem)
            case Z_BUF_ERROR where stream.avail_in == 0 && remainingInput == 0:
                problem =
                    "the gzip stream ends early after \(input.count) compressed bytes (the file looks "
                    + "truncated); the \(output.count) bytes inflated before that were read"
                return Result(buffer: output, problem: problem)
            case Z_BUF_ERROR:
                continue  // output full: loop grows it
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                problem = "the gzip stream is damaged at byte \(position) (\(reason))"
                return Result(buffer: output, problem: problem)
            }
        }
    }
}
