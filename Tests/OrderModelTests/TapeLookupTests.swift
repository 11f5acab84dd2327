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
