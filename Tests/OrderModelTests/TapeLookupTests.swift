import Testing

@testable import JSONCore
@testable import OrderModel

/// The pieces the whole-order decoder's field lookups stand on (issue 19): key signatures,
/// each object's run of members on the tape, and the literal field names.
@Suite("Tape field lookups")
struct TapeLookupTests {
    @Test func eachReservationKindsLookupKeyIsItsFieldName() {
        for kind in ReservationKind.allCases {
            #expect(NodeReader.name(kind.fieldKey) == kind.fieldName)
        }
    }

    @Test func signaturesTellKeysOfUpToSevenBytesApartAndCarryTheLength() {
        func signature(_ key: String) -> UInt64 {
            var key = key
            return key.withUTF8 { JSONTape.keySignature(UnsafeRawBufferPointer($0)) }
        }
        let keys = [
            "", "a", "b", "ab", "ba", "id", "type", "amount", "amounts", "gross_amount", "gross_amounts",
        ]
        #expect(Set(keys.map(signature)).count == keys.count)
        #expect(signature("gross_amount") >> 56 == 12)
        // Same length and first seven bytes: the same signature, so the bytes decide.
        #expect(signature("abcdefgX") == signature("abcdefgY"))
        // The rest (bytes 7 to 14) tells those apart, and holds keys of up to 15 bytes whole.
        func rest(_ key: String) -> UInt64 {
            var key = key
            return key.withUTF8 { JSONTape.keyRest(UnsafeRawBufferPointer($0)) }
        }
        #expect(rest("abcdefgX") != rest("abcdefgY"))
        #expect(rest("payment_status") != rest("payment_statux"))
        #expect(rest("remaining_capture_amount") == rest("remaining_capture_amounts"))
        #expect(rest("id") == 0)
    }

    /// The readers compute a literal's signature and rest in line: the same as the tape's, for
    /// every length (past 255 bytes the length saturates) and any bytes.
    @Test func theReadersSignaturesAreTheTapes() {
        var random = SystemRandomNumberGenerator()
        for length in [Int](0...40) + [254, 255, 256, 300] {
            for _ in 0..<20 {
                let key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                key.withUnsafeBytes { key in
                    #expect(NodeReader.signature(key) == JSONTape.keySignature(key), "length \(length)")
                    #expect(NodeReader.rest(key) == JSONTape.keyRest(key), "length \(length)")
                }
            }
        }
        for name in ["id", "type", "amount", "gross_amount", "payment_status", "remaining_capture_amount"] {
            var name = name
            name.withUTF8 { key in
                let key = UnsafeRawBufferPointer(key)
                #expect(NodeReader.signature(key) == JSONTape.keySignature(key))
                #expect(NodeReader.rest(key) == JSONTape.keyRest(key))
            }
        }
    }

    @Test func everyObjectsMembersAreOneRunInSourceOrder() throws {
        let text = #"{"a": 1, "b": {"c": [ {"d": null}, {} ], "e": "x"}, "a": 2, "f": []}"#
        var issues = JSONTextIssues()
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBytes { buffer in
            let tape = try JSONTape(buffer, textIssues: &issues)
            func keys(_ object: Int) -> [String] {
                let token = tape[object]
                guard token.kind == .object, token.signature != 0 else { return [] }
                let run = token.members
                let count = Int(tape.members[run].signature)
                return (run + 1..<run + 1 + count).map { tape.text(tape.members[$0].value - 1) }
            }
            #expect(keys(0) == ["a", "b", "a", "f"])
            let b = tape.members[tape[0].members + 2].value
            #expect(keys(b) == ["c", "e"])
            var objects: [Int] = []
            for index in 0..<tape.tokens.count where tape[index].kind == .object { objects.append(index) }
            #expect(objects.map(keys) == [["a", "b", "a", "f"], ["c", "e"], ["d"], []])
        }
    }
}
