import OrderIndex
import Testing

/// The bounds on streamed input, chunk by chunk.
@Suite struct StreamGuardTests {
    private static func feed(_ chunks: [String], maxBytes: Int) -> SourceError? {
        var limits = StreamGuard(maxBytes: maxBytes)
        for chunk in chunks {
            var bytes = Array(chunk.utf8)
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
            defer { pointer.deallocate() }
            bytes.withUnsafeMutableBytes { source in
                if let from = source.baseAddress { pointer.copyMemory(from: from, byteCount: source.count) }
            }
            do throws(SourceError) {
                try limits.check(UnsafeRawBufferPointer(start: pointer, count: bytes.count))
            } catch {
                return error
            }
        }
        return nil
    }

    @Test func aRunWithoutAStringIsCountedAcrossChunks() {
        // maxRun is half of 40: 20 bytes without a quote.
        #expect(
            Self.feed(
                [#"[{"a": 1,"#, String(repeating: " ", count: 12), String(repeating: " ", count: 12)],
                maxBytes: 40) != nil)
        #expect(
            Self.feed([#"[{"a": 1,"#, String(repeating: " ", count: 12), #""b": 2}]"#], maxBytes: 40) == nil)
    }

    @Test func aNULIsRefusedWithItsOffset() {
        guard case .unreadable(_, let reason)? = Self.feed([#"{"a":"#, "1\u{0}"], maxBytes: 100) else {
            Issue.record("a NUL was accepted")
            return
        }
        #expect(reason == "byte 6 is a NUL: this is not JSON text")
    }

    @Test func theTotalIsBounded() {
        #expect(Self.feed([String(repeating: #""x","#, count: 10)], maxBytes: 39) != nil)
        #expect(Self.feed([String(repeating: #""x","#, count: 10)], maxBytes: 40) == nil)
    }

    @Test func sizesReadWithUnits() {
        #expect(StreamGuard.parseSize("512") == 512)
        #expect(StreamGuard.parseSize("64K") == 65_536)
        #expect(StreamGuard.parseSize("16g") == 16 << 30)
        #expect(StreamGuard.parseSize("0") == nil)
        #expect(StreamGuard.parseSize("lots") == nil)
    }
}
