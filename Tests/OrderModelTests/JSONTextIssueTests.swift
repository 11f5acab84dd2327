import Testing

@testable import JSONCore
@testable import OrderModel

/// Raw control characters and invalid UTF-8 inside strings: read (the value kept), and each
/// reported with its offset (issue 22, item 15).
@Suite("JSON text issues")
struct JSONTextIssueTests {
    func parse(_ bytes: [UInt8]) throws -> (JSONValue, JSONTextIssues) {
        var issues = JSONTextIssues()
        let value = try bytes.withUnsafeBytes { buffer in try JSONParser.parse(buffer, textIssues: &issues) }
        return (value, issues)
    }

    @Test func rawTabIsKeptAndReportedWithItsOffset() throws {
        let (value, issues) = try parse(Array("{\"a\": \"x\ty\"}".utf8))
        #expect(value["a"]?.stringValue == "x\ty")
        #expect(issues.total == 1)
        #expect(issues.first == [JSONTextIssue(offset: 8, kind: .controlCharacter(0x09))])
        #expect(issues.first[0].description == "raw control character U+0009 inside a string")
    }

    @Test func invalidByteBecomesReplacementAndIsReported() throws {
        let bytes: [UInt8] = Array("{\"a\": \"x".utf8) + [0xFF] + Array("y\"}".utf8)
        let (value, issues) = try parse(bytes)
        #expect(value["a"]?.stringValue == "x\u{FFFD}y")
        #expect(issues.first == [JSONTextIssue(offset: 8, kind: .invalidUTF8(0xFF))])
        #expect(issues.first[0].description == "invalid UTF-8 byte 0xFF inside a string")
    }

    @Test func controlCharacterInAKeyAndAfterAnEscapeIsReportedToo() throws {
        let (_, issues) = try parse(Array("{\"k\u{01}\": \"a\\n\u{1F}\"}".utf8))
        #expect(issues.first.map(\.kind) == [.controlCharacter(0x01), .controlCharacter(0x1F)])
        #expect(issues.first.map(\.offset) == [3, 11])
    }

    @Test func overlongSurrogateAndCutSequencesAreInvalid() throws {
        // C0 80 (overlong NUL), ED A0 80 (a surrogate), E2 82 cut short by the quote.
        let bytes: [UInt8] = [0x22, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xE2, 0x82, 0x22]
        let (_, issues) = try parse(bytes)
        #expect(
            issues.first.map(\.kind) == [
                .invalidUTF8(0xC0), .invalidUTF8(0x80), .invalidUTF8(0xED), .invalidUTF8(0xA0),
                .invalidUTF8(0x80),
                .invalidUTF8(0xE2), .invalidUTF8(0x82),
            ])
    }

    @Test func validTextAndEscapedControlsAreNoIssue() throws {
        let (_, issues) = try parse(Array("{\"a\": \"Ærø 日本 👨‍👩‍👧 \\u0009 \\t\", \"b\": [1, true]}".utf8))
        #expect(issues.isEmpty)
    }

    @Test func aFloodIsCountedButOnlyTheFirstAreKept() throws {
        let bytes: [UInt8] = [0x22] + [UInt8](repeating: 0x01, count: 1000) + [0x22]
        let (_, issues) = try parse(bytes)
        #expect(issues.total == 1000)
        #expect(issues.first.count == JSONTextIssues.limit)
    }

    @Test func anUnusualByteIsFoundAtEveryPositionOfALongString() throws {
        // The string scan reads eight bytes at a time: put each kind of byte at every offset.
        let cases: [(bytes: [UInt8], value: String, issue: JSONTextIssue.Kind?)] = [
            ([0x09], "\t", .controlCharacter(0x09)), ([0xFF], "\u{FFFD}", .invalidUTF8(0xFF)),
            ([0xC3, 0xA9], "é", nil), ([0x5C, 0x22], "\"", nil), ([0x5C, 0x6E], "\n", nil),
            ([0x7F], "\u{7F}", nil),
        ]
        for position in 0..<20 {
            for (inserted, text, issue) in cases {
                let before = [UInt8](repeating: UInt8(ascii: "a"), count: position)
                let after = [UInt8](repeating: UInt8(ascii: "b"), count: 19 - position)
                let (value, issues) = try parse([0x22] + before + inserted + after + [0x22])
                let expected =
                    String(repeating: "a", count: position) + text
                    + String(repeating: "b", count: 19 - position)
                #expect(value.stringValue == expected, "position \(position), \(inserted)")
                #expect(issues.first == (issue.map { [JSONTextIssue(offset: 1 + position, kind: $0)] } ?? []))
            }
            // The closing quote itself at every offset.
            let short = [0x22] + [UInt8](repeating: UInt8(ascii: "c"), count: position) + [0x22]
            #expect(try parse(short).0.stringValue == String(repeating: "c", count: position))
        }
    }
}
