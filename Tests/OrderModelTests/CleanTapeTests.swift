import Foundation
import OrderSynthetic
import Testing

@testable import JSONCore

/// The C tape reader (`ctape_read`, behind `JSONTape.readClean`) against the Swift one
/// (`JSONParser.readTape`): for every document it takes, the same tokens and member runs; every
/// document the Swift reader rejects or notes a text issue in, it hands back.
@Suite("The C tape reader")
struct CleanTapeTests {
    /// The tokens and members of one reading, compared field by field.
    struct Reading: Equatable {
        struct TokenFields: Equatable {
            var kind: JSONTape.Kind
            var escaped: Bool
            var start, end, after, members: Int
            var signature: UInt64
        }
        struct MemberFields: Equatable {
            var signature, rest: UInt64
            var value: Int
        }
        var tokens: [TokenFields]
        var members: [MemberFields]

        init(_ tokens: TapeBuffer<JSONTape.Token>, _ members: TapeBuffer<JSONTape.Member>) {
            self.tokens = (0..<tokens.count).map {
                let token = tokens[$0]
                return TokenFields(
                    kind: token.kind, escaped: token.escaped, start: token.start, end: token.end,
                    after: token.after, members: token.members, signature: token.signature)
            }
            self.members = (0..<members.count).map {
                MemberFields(
                    signature: members[$0].signature, rest: members[$0].rest, value: members[$0].value)
            }
        }
    }

    /// The C reading, or nil when it hands the document back.
    static func cReading(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> Reading? {
        bytes.withUnsafeBytes { buffer in
            // Small buffers, so the start-over path runs too.
            var tokens = TapeBuffer<JSONTape.Token>(capacity: 1)
            var members = TapeBuffer<JSONTape.Member>(capacity: 1)
            defer {
                tokens.deallocate()
                members.deallocate()
            }
            guard JSONTape.readClean(buffer, maxDepth: maxDepth, tokens: &tokens, members: &members) else {
                #expect(tokens.count == 0 && members.count == 0)
                return nil
            }
            return Reading(tokens, members)
        }
    }

    /// The Swift reading: the tape, or the error; and the text issues.
    static func swiftReading(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> (
        reading: Reading?, issues: JSONTextIssues
    ) {
        bytes.withUnsafeBytes { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            var tokens = TapeBuffer<JSONTape.Token>(capacity: 16)
            var members = TapeBuffer<JSONTape.Member>(capacity: 16)
            defer {
                tokens.deallocate()
                members.deallocate()
            }
            do {
                try parser.readTape(into: &tokens, members: &members)
            } catch {
                return (nil, parser.textIssues)
            }
            return (Reading(tokens, members), parser.textIssues)
        }
    }

    /// Either the C reader hands the document back, or it reads it exactly as the Swift reader
    /// does and the Swift reader finds nothing wrong with it.
    static func expectAgreement(_ bytes: [UInt8], clean: Bool? = nil, _ comment: Comment? = nil) {
        let c = cReading(bytes)
        let swift = swiftReading(bytes)
        if let c {
            #expect(swift.issues.isEmpty, comment)
            #expect(swift.reading == c, comment)
        }
        if let clean {
            #expect((c != nil) == clean, comment)
        }
    }

    @Test func itsTokenLayoutIsTheSwiftOne() {
        #expect(JSONTape.Token.laidOutAsC)
        #expect(JSONTape.Member.laidOutAsC)
    }

    @Test(arguments: [
        "Resources/demo-orders.json", "Resources/sample-orders.json", "Tests/Fixtures/model/seed-order.json",
        "Tests/Fixtures/dumps/example-order.json",
    ])
    func readsTheDumpsAsTheSwiftReaderDoes(file: String) throws {
        let bytes = try OrderTapeDecodingTests.fileBytes(file)
        Self.expectAgreement(bytes, clean: true, "\(file)")
    }

    /// Generated orders (`orderscope generate`'s, whose dumps the benchmarks read), compact and
    /// pretty-printed: each read as the Swift reader reads it.
    @Test func readsGeneratedOrdersAsTheSwiftReaderDoes() {
        let orders = SyntheticOrders(seed: 6)
        for index in 0..<300 {
            Self.expectAgreement(orders.orderJSON(at: index), clean: true, "order \(index)")
            Self.expectAgreement(
                orders.orderJSON(at: index, pretty: true), clean: true, "pretty order \(index)")
        }
    }

    /// The hostile dump holds control characters and bytes that are not UTF-8: handed back.
    @Test func handsTheHostileDumpBack() throws {
        let bytes = try OrderTapeDecodingTests.fileBytes("Tests/Fixtures/dumps/hostile.json")
        Self.expectAgreement(bytes, clean: false)
    }

    @Test(arguments: [
        "{}", "[]", "0", "-0.5e+10", "\"x\"", "true", "false", "null",
        " \n\t\r{ \"a\" : [ 1 , { } , [ ] ] } \n",
        "\u{FEFF}{\"a\":1}", "{\"a\":1,\"a\":2,\"b\":{\"a\":[]}}",
        "[007, 1.0E5, -1e-3, 12345678901234567890]",
        "{\"gross_amount_with_a_long_name\":1,\"k\":\"v\"}",
        "{\"s\":\"escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e5 \\uD83D\\uDE00 end\"}",
        "{\"s\":\"Ståle Bø – 日本 😀 and then some more text to pass sixteen bytes\"}",
        "{\"a\":{\"b\":{\"c\":{\"d\":[[[[{\"e\":null}]]]]}}}}",
    ])
    func readsCleanDocuments(text: String) {
        Self.expectAgreement(Array(text.utf8), clean: true, "\(text)")
    }

    @Test(arguments: [
        "", "   ", "{", "[1,", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{1:2}", "[1 2]", "tru", "nul",
        "-", "1.", "1e", "01x", "\"open", "\"bad \\x escape\"", "\"bad \\u12G4\"", "{\"k\\n\":1}",
        "\"tab\there\"", "{} {}", "[1]]",
    ])
    func handsBackWhatIsNotClean(text: String) {
        Self.expectAgreement(Array(text.utf8), clean: false, "\(text)")
    }

    @Test func handsBackBytesThatAreNotUTF8() {
        for bad: [UInt8] in [
            [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
        ] {
            let bytes = Array("[\"a".utf8) + bad + Array("b\"]".utf8)
            Self.expectAgreement(bytes, clean: false, "\(bad)")
        }
    }

    @Test func handsBackDocumentsTooDeep() {
        let bytes = Array("[[[1]]]".utf8)
        #expect(Self.cReading(bytes, maxDepth: 2) == nil)
        #expect(Self.cReading(bytes, maxDepth: 3) != nil)
    }

    /// Every special byte at every place of a string longer than the 16-byte skim.
    @Test func findsSpecialBytesAtEveryPlaceOfALongString() {
        for special in ["\\\"", "\\n", "\u{1}", "å", "\u{FFFD}", "😀"] {
            for at in 0..<40 {
                let text =
                    String(repeating: "a", count: at) + special + String(repeating: "b", count: 40 - at)
                Self.expectAgreement(Array("{\"key\":\"\(text)\",\"n\":1}".utf8), "\(special) at \(at)")
            }
        }
    }

    /// Every special byte at every place of a key: a key that ends in its first 16-byte block
    /// takes its signature and rest from that block, a longer one (or one with an escape or a
    /// byte from 0x80) the byte path.
    @Test func findsSpecialBytesAtEveryPlaceOfAKey() {
        for special in ["\\\"", "\\n", "\u{1}", "\u{7F}", "å", "\u{FFFD}", "😀", " "] {
            for at in 0..<40 {
                let key = String(repeating: "a", count: at) + special + String(repeating: "b", count: 40 - at)
                let short = String(repeating: "c", count: at % 17) + special
                Self.expectAgreement(
                    Array("{\"\(key)\":1,\"\(short)\" : {\"\(short)\":[]}}".utf8), "\(special) at \(at)")
            }
        }
    }

    /// Keys of every length from 0 to 40 (their signatures and rests cover 15 bytes), each
    /// document also cut at every byte: the same tape, or handed back.
    @Test func readsKeysOfEveryLength() {
        for length in 0...40 {
            let key = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + ($0 * 7) % 58))) })
                .replacingOccurrences(of: "\\", with: "|")
            let text = "{\"\(key)\":1,\"\(key)x\" :{\"\(key)\":[true,{\"k\":null}]},\"\(key)\":\"\(key)\"}"
            let bytes = Array(text.utf8)
            Self.expectAgreement(bytes, clean: true, "key of \(length)")
            for cut in 0..<bytes.count {
                Self.expectAgreement(Array(bytes[..<cut]), "key of \(length) cut at \(cut)")
            }
        }
    }

    /// Strings and digit runs that end at every place of a 16-byte block and at the very end of
    /// the document (where the 16-byte reads stop and the bytes are read one by one), each
    /// document also cut at every byte: the same tape, or handed back.
    @Test func readsRunsEndingAtEveryPlaceAndAtTheEnd() {
        for length in 1...40 {
            let letters = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            let digits = String((0..<length).map { Character(UnicodeScalar(UInt8(48 + $0 % 10))) })
            for text in [
                "\"\(letters)\"", "[\"\(letters)\"]", "\"\(letters)å\"", "\(digits)", "-\(digits)",
                "[\(digits),\(digits)]",
                "1.\(digits)", "\(digits).5e-\(digits)", "{\"n\":\(digits)E+\(digits)}",
            ] {
                let bytes = Array(text.utf8)
                Self.expectAgreement(bytes, clean: true, "\(text)")
                for cut in 0..<bytes.count {
                    Self.expectAgreement(Array(bytes[..<cut]), "\(text) cut at \(cut)")
                }
            }
        }
    }

    /// Damaged orders: bytes of a real order dropped, replaced and inserted at random.
    @Test func agreesOnDamagedOrders() throws {
        let seed = try OrderTapeDecodingTests.fileBytes("Tests/Fixtures/model/seed-order.json")
        var random = SplitMix64(seed: 19)
        let specials: [UInt8] = Array("{}[]:,\"\\ \n0-.eEtfnu".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        var handedBack = 0
        for _ in 0..<1500 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = specials.randomElement(using: &random) ?? 0
                default: bytes.insert(specials.randomElement(using: &random) ?? 0, at: at)
                }
            }
            if Self.cReading(bytes) == nil { handedBack += 1 }
            Self.expectAgreement(bytes)
        }
        #expect(handedBack > 100)  // the damage reached the fallback, not only harmless places
    }
}
