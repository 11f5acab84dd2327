import JSONCore
import Testing

@testable import OrderModel

@Suite("JSONParser")
struct JSONParserTests {
    func failure(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(text, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingComma() throws {
        let error = try #require(failure("{\n  \"a\": 1\n  \"b\": 2\n}"))
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.reason.contains("expected ',' or '}'"))
        #expect(error.snippet.contains("\"b\""))
        #expect(error.description.hasPrefix("line 3, column 3:"))
    }

    @Test func missingCommaInArray() throws {
        let error = try #require(failure("[1 2]"))
        #expect(error.line == 1)
        #expect(error.column == 4)
    }

    @Test func truncated() throws {
        let error = try #require(failure("{\"items\": [{\"a\": 1}, {\"b\""))
        #expect(error.reason.contains("ends") || error.reason.contains("truncated"))
        #expect(error.line == 1)
        let second = try #require(failure("[1, 2"))
        #expect(second.reason.contains("truncated"))
    }

    @Test func unterminatedString() throws {
        let error = try #require(failure("{\"a\": \"abc"))
        #expect(error.reason.contains("never closed"))
        #expect(error.column == 7)
    }

    @Test func badEscape() throws {
        let error = try #require(failure(#"{"a": "x\qy"}"#))
        #expect(error.reason.contains("invalid escape"))
        #expect(error.column == 9)
        #expect(!error.snippet.isEmpty)
        #expect(failure(#"["\u12G4"]"#) != nil)
    }

    @Test func trailingGarbage() throws {
        let error = try #require(failure("{\"a\": 1}\n x"))
        #expect(error.reason.contains("after the end"))
        #expect(error.line == 2)
        #expect(error.column == 2)
    }

    @Test func emptyDocument() {
        #expect(failure("") != nil)
        #expect(failure("   \n") != nil)
    }

    @Test func surrogatePairs() throws {
        let value = try JSONParser.parse(#"["\ud83d\ude00", "\u00e6\u00f8\u00e5", "a\nb\t\"q\"\\/"]"#)
        #expect(value.arrayValue?[0] == .string("😀"))
        #expect(value.arrayValue?[1] == .string("æøå"))
        #expect(value.arrayValue?[2] == .string("a\nb\t\"q\"\\/"))
        // A lone high surrogate becomes U+FFFD instead of failing.
        let lone = try JSONParser.parse(#"["\ud83d x"]"#)
        #expect(lone.arrayValue?[0] == .string("\u{FFFD} x"))
    }

    @Test func byteOrderMark() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"id": "x"}"#.utf8))
        #expect(value["id"] == .string("x"))
    }

    @Test func numbersKeepTheirText() throws {
        let value = try JSONParser.parse(#"[1e3, -0.50, 12.00, "12", 5584.0440]"#)
        #expect(value.arrayValue?.map { $0.stringValue } == ["1e3", "-0.50", "12.00", "12", "5584.0440"])
        #expect(value.arrayValue?[2].int64Value == 12)
        #expect(value.arrayValue?[3].int64Value == 12)
        #expect(value.arrayValue?[1].int64Value == nil)
        #expect(failure("[-]") != nil)
        #expect(failure("[1.]") != nil)
    }

    @Test func keyOrderKeptAndDuplicatesLastWins() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(value.objectValue?.keys == ["b", "a", "b"])
        #expect(value["b"] == .number("3"))
    }

    @Test func nestingLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let error = try #require(failure(deep))
        #expect(error.reason.contains("nesting deeper than 10000"))
        // maxDepth counts open non-empty containers; the innermost `[]` is a value.
        let small = String(repeating: "[", count: 12) + String(repeating: "]", count: 12)
        #expect(failure(small, maxDepth: 10) != nil)
        #expect(failure(small, maxDepth: 11) == nil)
    }

    @Test func deepButAllowedNesting() throws {
        let depth = 2_000
        let text = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        var value = try JSONParser.parse(text)
        var levels = 0
        while let next = value["a"] {
            value = next
            levels += 1
        }
        #expect(levels == depth)
    }
}
