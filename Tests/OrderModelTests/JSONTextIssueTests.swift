import Testing

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
        #expect(issues.first.map(\.kind) == [
            .invalidUTF8(0xC0), .invalidUTF8(0x80), .invalidUTF8(0xED), .invalidUTF8(0xA0), .invalidUTF8(0x80),
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
}
