import Foundation
import Testing

@testable import OrderIndex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 64-byte-block pass over nested containers (`DumpScanner.skipContainer`, Sources/CScan)
/// against a slow byte-by-byte reference: same end offset, same error (offset, message, atEnd),
/// same masked card numbers and booking ids, on generated JSON and on garbage. Every input sits
/// at the very end of a readable page with an unreadable page after it, so a read past the end
/// crashes the test.
@Suite("Scanner block pass")
struct ScannerBlockPassTests {
    /// Generated rounds: a few hundred in the default run (every container offset modulo 64 is
    /// still met many times over), thousands in the benchmark job (ORDERSCOPE_BULK=1,
    /// Tests/Benchmarks/bulk.sh).
    static let bulk = ProcessInfo.processInfo.environment["ORDERSCOPE_BULK"] == "1"
    // MARK: - Generated documents

    @Test func randomDocumentsAgreeWithTheReference() {
        let generator = Generator(seed: 0x5CA11)
        for round in 0..<(Self.bulk ? 3_000 : 400) {
            var doc: [UInt8] = []
            let lead = generator.roll(64)  // the container starts at every offset modulo 64
            doc += Array(repeating: UInt8(ascii: " "), count: lead)
            generator.container(into: &doc, depth: 0)
            check(doc, open: lead, baseDepth: 1, label: "random \(round)")
            // The same document near the nesting limit.
            check(doc, open: lead, baseDepth: DumpScanner.maxDepth - 3, label: "deep \(round)")
        }
    }

    @Test func truncationsAtEveryOffset() {
        let generator = Generator(seed: 42)
        generator.maxDepth = 4
        for round in 0..<12 {
            var doc: [UInt8] = []
            generator.container(into: &doc, depth: 0)
            if doc.count > 700 { doc = Array(doc.prefix(700)) }
            for cut in 1...doc.count {
                check(Array(doc.prefix(cut)), open: 0, baseDepth: 1, label: "round \(round) cut \(cut)")
            }
        }
        // A fixed small document with every feature, cut everywhere and shifted through a block.
        let small = Array(
            #"{"a":[1,{"masked_pan":"4111\"11"},"x\\\"]}"],"booking_id" : "B-\\1","b\\":{"c":"{[\\\\"}}"#.utf8
        )
        for shift in 0..<64 {
            let doc = Array(repeating: UInt8(ascii: " "), count: shift) + small
            for cut in (shift + 1)...doc.count {
                check(
                    Array(doc.prefix(cut)), open: shift, baseDepth: 1,
                    label: "small shift \(shift) cut \(cut)")
            }
        }
    }

    @Test func escapesAndTenByteStringsAtEveryOffset() {
        // Backslash runs of every length before a quote, brackets inside strings, and ten-byte
        // keys (with a string value, with another value, and as values) at every offset of two
        // consecutive blocks.
        let patterns: [String] = [
            #""a\"b]""#, #""\\""#, #""\\\"}""#, #""\\\\""#, #""\\\\\"{""#, #""\\\\\\\\\\""#,
            #"{"masked_pan":"5555********4444"}"#, #"{"booking_id" :  "BK\"1\\"}"#,
            #"{"masked_pan":12}"#, #"["masked_pan","booking_id"]"#, #"{"x":"masked_pan"}"#,
            #"{"booking_id":"masked_pan","masked_pan":"booking_id"}"#, #""0123456789""#,
            #""01234\"789""#, #""abcd","efg""#, #""]]]]]]]]]]""#, #"{"masked_pan":"A"}{"booking_id":"B"}"#,
        ]
        for pattern in patterns {
            for pad in 0..<140 {
                var doc =
                    Array("[".utf8) + Array(repeating: UInt8(ascii: " "), count: pad) + Array(pattern.utf8)
                doc += Array("]".utf8)
                check(doc, open: 0, baseDepth: 1, label: "\(pattern) at \(pad)")
                // And cut just before and inside the pattern's end.
                for back in 1...3 {
                    check(
                        Array(doc.dropLast(back)), open: 0, baseDepth: 1,
                        label: "\(pattern) at \(pad) cut \(back)")
                }
            }
        }
    }

    @Test func garbageAgreesWithTheReference() {
        // Not JSON: stray backslashes, unbalanced quotes and brackets (the block pass hands a
        // container with a backslash outside strings to the byte-by-byte pass).
        var rng = SplitMix(seed: 7)
        let alphabet = Array("\"\"\\\\\\{}[] a:,0masked_pnbooking_id".utf8)
        for round in 0..<(Self.bulk ? 4_000 : 600) {
            var doc: [UInt8] = [UInt8(ascii: "[")]
            let length = Int(rng.next() % 300)
            for _ in 0..<length { doc.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            if rng.next() % 2 == 0 { doc += Array(#""masked_pan":"v\#(round)"]"#.utf8) }
            check(doc, open: 0, baseDepth: 1, label: "garbage \(round)")
            check(doc, open: 0, baseDepth: DumpScanner.maxDepth - 2, label: "garbage deep \(round)")
        }
    }

    @Test func nestingLimitAndEndMessages() {
        let deep =
            Array(String(repeating: "[", count: 200).utf8) + Array(String(repeating: "]", count: 200).utf8)
        for baseDepth in [
            1, DumpScanner.maxDepth - 250, DumpScanner.maxDepth - 199, DumpScanner.maxDepth - 150,
        ] {
            check(deep, open: 0, baseDepth: baseDepth, label: "deep \(baseDepth)")
        }
        let result = run(Array(#"{"a":"b"#.utf8), open: 0, baseDepth: 1, bytewise: false)
        #expect(result.outcome == .failure(offset: 7, reason: "the input ends inside a string", atEnd: true))
        let open = run(Array(#"{"a":["b"]"#.utf8), open: 0, baseDepth: 1, bytewise: false)
        #expect(open.outcome == .failure(offset: 10, reason: "the input ends inside a value", atEnd: true))
        let tooDeep = run(deep, open: 0, baseDepth: DumpScanner.maxDepth - 100, bytewise: false)
        #expect(
            tooDeep.outcome
                == .failure(
                    offset: 100, reason: "nesting deeper than \(DumpScanner.maxDepth) levels", atEnd: false))
    }

    @Test func longContainerWithManyCaptures() {
        // More ten-byte keys than one call's hit buffer holds, over many blocks.
        var text = "["
        for k in 0..<500 {
            text += #"{"masked_pan":"P\#(k % 37)","n":"0123456789","booking_id":"B\#(k % 11)"},"#
        }
        text += "0]"
        let doc = Array(text.utf8)
        check(doc, open: 0, baseDepth: 1, label: "many captures")
        let result = run(doc, open: 0, baseDepth: 1, bytewise: false)
        #expect(result.pans.count == 37)
        #expect(result.bookings.count == 11)
        #expect(result.outcome == .end(doc.count))
    }

    // MARK: - Checking

    enum Outcome: Equatable {
        case end(Int)
        case failure(offset: Int, reason: String, atEnd: Bool)
    }

    struct Result: Equatable {
        var outcome: Outcome
        var pans: [String]
        var bookings: [String]
    }

    private func check(_ doc: [UInt8], open: Int, baseDepth: Int, label: String) {
        let block = run(doc, open: open, baseDepth: baseDepth, bytewise: false)
        let expected = reference(doc, open: open, baseDepth: baseDepth)
        #expect(block == expected, "\(label): \(String(decoding: doc, as: UTF8.self))")
        let bytewise = run(doc, open: open, baseDepth: baseDepth, bytewise: true)
        #expect(bytewise == expected, "bytewise \(label)")
    }

    /// Runs the scanner's skip over `doc` placed at the end of a readable region followed by an
    /// unreadable page.
    private func run(_ doc: [UInt8], open: Int, baseDepth: Int, bytewise: Bool) -> Result {
        withGuardedBytes(doc) { base in
            var scanner = DumpScanner(base: base, count: doc.count)
            let outcome: Outcome
            do throws(ScanFailure) {
                outcome = .end(
                    try scanner.skipContainerForTesting(open, depth: baseDepth, bytewise: bytewise))
            } catch {
                outcome = .failure(offset: error.offset, reason: error.reason, atEnd: error.atEnd)
            }
            return Result(
                outcome: outcome, pans: scanner.testCandidate.maskedPANs,
                bookings: scanner.testCandidate.bookingIDs)
        }
    }

    /// The byte-by-byte skip this pass replaced, written out plainly.
    private func reference(_ p: [UInt8], open: Int, baseDepth: Int) -> Result {
        let n = p.count
        var pans: [String] = []
        var bookings: [String] = []
        func done(_ outcome: Outcome) -> Result { Result(outcome: outcome, pans: pans, bookings: bookings) }
        let inString = Outcome.failure(offset: n, reason: "the input ends inside a string", atEnd: true)
        // A scanner used on its own has no open container around the skipped one.
        let endOutsideStrings = "the input ends inside a value"
        /// The offset after the string whose body starts at `s`, or nil at the end of the input.
        func stringEnd(_ s: Int) -> Int? {
            var j = s
            while j < n {
                if p[j] == UInt8(ascii: "\"") { return j + 1 }
                j += p[j] == UInt8(ascii: "\\") ? 2 : 1
            }
            return nil
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        var depth = 1
        var i = open + 1
        while true {
            guard i < n else { return done(.failure(offset: n, reason: endOutsideStrings, atEnd: true)) }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let s = i + 1
                guard let e = stringEnd(s) else { return done(inString) }
                i = e
                let key = String(decoding: p[s..<(e - 1)], as: UTF8.self)
                guard key == "masked_pan" || key == "booking_id" else { continue }
                var j = e
                while j < n, isSpace(p[j]) { j += 1 }
                guard j < n, p[j] == UInt8(ascii: ":") else { continue }
                j += 1
                while j < n, isSpace(p[j]) { j += 1 }
                guard j < n, p[j] == UInt8(ascii: "\"") else { continue }
                guard let valueEnd = stringEnd(j + 1) else { return done(inString) }
                let text = p.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { JSONStringDecoder.decode($0, start: j + 1, end: valueEnd - 1) }
                        ?? ""
                }
                if key == "masked_pan" {
                    if !text.isEmpty, !pans.contains(text) { pans.append(text) }
                } else if !text.isEmpty, !bookings.contains(text) {
                    bookings.append(text)
                }
                i = valueEnd
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
                if baseDepth + depth > DumpScanner.maxDepth {
                    return done(
                        .failure(
                            offset: i, reason: "nesting deeper than \(DumpScanner.maxDepth) levels",
                            atEnd: false))
                }
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return done(.end(i + 1)) }
            }
            i += 1
        }
    }
}

/// Calls `body` with `bytes` copied to the end of a mapped region whose next page is not
/// readable.
private func withGuardedBytes<T>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> T) -> T {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let dataPages = (bytes.count + page - 1) / page + 1
    let total = (dataPages + 1) * page
    guard let region = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
        region != MAP_FAILED
    else { fatalError("mmap failed") }
    defer { munmap(region, total) }
    let guardPage = region + dataPages * page
    precondition(mprotect(guardPage, page, PROT_NONE) == 0)
    let start = (guardPage - bytes.count).assumingMemoryBound(to: UInt8.self)
    bytes.withUnsafeBufferPointer { source in
        if let from = source.baseAddress { start.update(from: from, count: bytes.count) }
    }
    return body(UnsafePointer(start))
}

/// A small deterministic random source.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON containers: nesting, escaped quotes and backslash runs, brackets inside strings,
/// ten-byte strings (the search keys among them), whitespace.
private final class Generator {
    var rng: SplitMix
    var maxDepth = 7

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    func roll(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    func space(into out: inout [UInt8]) {
        switch roll(6) {
        case 0: out += Array(" ".utf8)
        case 1: out += Array("\n  ".utf8)
        case 2: out += Array("\t".utf8)
        default: break
        }
    }

    func string(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        switch roll(6) {
        case 0:
            let fixed = [
                "masked_pan", "booking_id", "0123456789", "created_at", "masked_paN", "a\\\"bcdefgh",
                "\\\\\\\\\\\\",
            ]
            out += Array(fixed[roll(fixed.count)].utf8)
        default:
            let length = roll(5) == 0 ? roll(90) : roll(14)
            var k = 0
            while k < length {
                switch roll(12) {
                case 0: out += Array("\\\"".utf8)
                case 1: out += Array(String(repeating: "\\", count: 2 * (1 + roll(4))).utf8)
                case 2:
                    out.append(
                        [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]")][roll(4)])
                case 3: out += Array("\\u00e5".utf8)
                case 4: out += Array("ø".utf8)
                default: out.append(UInt8(ascii: "a") + UInt8(roll(26)))
                }
                k += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    func value(into out: inout [UInt8], depth: Int) {
        switch depth >= maxDepth ? 2 + roll(3) : roll(6) {
        case 0, 1: container(into: &out, depth: depth + 1)
        case 2, 3: string(into: &out)
        default:
            let scalars = ["0", "-12.5e3", "true", "false", "null", "1234567"]
            out += Array(scalars[roll(scalars.count)].utf8)
        }
    }

    func container(into out: inout [UInt8], depth: Int) {
        let object = roll(2) == 0
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        let count = roll(depth == 0 ? 12 : 6)
        for k in 0..<count {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            space(into: &out)
            if object {
                string(into: &out)
                space(into: &out)
                out.append(UInt8(ascii: ":"))
                space(into: &out)
            }
            value(into: &out, depth: depth)
            space(into: &out)
        }
        out.append(object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }
}
