import Foundation
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

@Suite("Bad dumps")
struct DumpProblemTests {
    @Test func truncatedArrayKeepsTheCompleteOrders() throws {
        let path = Fixtures.path("truncated-array.json")
        let source = try DumpSource.open(paths: [path])
        #expect(source.summaries.map(\.id) == ["t1", "t2"])
        let problem = try #require(source.problems.first)
        #expect(source.problems.count == 1)
        #expect(problem.file == path)
        #expect(
            problem.message
                == "the file ends in the middle of order 3 (line 20, column 1); 2 complete orders before it were kept"
        )
        #expect(problem.line == 22)
        #expect(problem.column == 25)
        #expect(problem.snippet == "  \"order_number\": \"T-3\",⟦here⟧")
    }

    @Test func truncatedInsideAString() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "cut.json",
            "[{\"id\": \"a\", \"status\": \"open\"},\n{\"id\": \"b\", \"status\": \"open\"},\n{\"id\": \"c\", \"note\": \"hal"
        )
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["a", "b"])
        #expect(
            source.problems.map(\.message) == [
                "the file ends in the middle of order 3 (line 3, column 1); 2 complete orders before it were kept"
            ])
    }

    @Test func truncatedGzip() throws {
        let dir = try TempDirectory()
        let text = "[" + (1...200).map { sampleOrder($0) }.joined(separator: ",\n") + "]"
        let zipped = gzip(text)
        let file = try dir.write("cut.json.gz", Array(zipped.prefix(zipped.count / 2)))
        let source = try DumpSource.open(paths: [file])
        #expect(source.count > 10)
        #expect(source.count < 200)
        #expect(source.summaries.map(\.id) == (1...source.count).map { "id-\($0)" })
        #expect(source.problems.count == 2)
        #expect(
            source.problems[0].message.hasPrefix(
                "the gzip stream ends early after \(zipped.count / 2) compressed bytes"))
        #expect(
            source.problems[1].message.hasPrefix("the file ends in the middle of order \(source.count + 1) "))
    }

    @Test func badNDJSONLinesAreSkipped() throws {
        let path = Fixtures.path("orders-bad-line.ndjson")
        let source = try DumpSource.open(paths: [path])
        #expect(source.summaries.map(\.id) == ["n1", "n3", "n4"])
        #expect(
            source.problems.map(\.message) == [
                "line 2 is not a valid order: expected a JSON value but found 'N' at column 26; the line was skipped",
                "line 4 is not a valid order: expected a JSON value but found 't' at column 1; the line was skipped",
            ])
        #expect(source.problems.map(\.line) == [2, 4])
        #expect(source.problems.map(\.column) == [26, 1])
        #expect(source.problems[0].description == "\(path):2:26: " + source.problems[0].message)
    }

    @Test func ndjsonLineMissingItsClosingBrace() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "nd.json",
            "{\"id\": \"a\", \"status\": \"open\"}\n{\"id\": \"b\"\n{\"id\": \"c\", \"status\": \"open\"}\n")
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["a", "c"])
        #expect(
            source.problems.map(\.message) == [
                "line 2 is not a valid order: expected ',' or '}' in an object but found '{' at line 3, column 1; "
                    + "the line was skipped"
            ])
    }

    @Test func garbageInsideAnArrayCostsOnlyTheOrderItIsIn() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "bad.json",
            "[\n{\"id\": \"a\", \"status\": \"open\"},\n{\"id\": \"b\" \"x\": 1},\n{\"id\": \"c\", \"status\": \"open\"}\n]"
        )
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["a", "c"])
        #expect(
            source.problems.map(\.message) == [
                "order 2 (id b), which starts at line 3, column 1, is damaged: expected ',' or '}' in an object but "
                    + "found '\"'; it was skipped and reading went on at line 4, column 1"
            ])
        #expect(source.problems.first?.line == 3)
        #expect(source.problems.first?.column == 12)
    }

    @Test func malformedBeforeAnyOrder() throws {
        let dir = try TempDirectory()
        let file = try dir.write("bad.json", "{\n  \"id\": \"a\",\n  \"gross_amount\": 12x\n}\n")
        let error = try #require(openError([file]))
        let problem = SourceProblem(
            file: file, line: 3, column: 21,
            message: "expected ',' or '}' in an object but found 'x'",
            snippet: "  \"gross_amount\": 12⟦here⟧x")
        #expect(error == .malformed(problem))
        #expect(
            error.message == "\(file):3:21: " + problem.message + "\n    " + "  \"gross_amount\": 12⟦here⟧x")
    }

    @Test func truncatedBeforeAnyOrder() throws {
        let dir = try TempDirectory()
        let file = try dir.write("cut.json", "[{\"id\": \"a\", ")
        guard case .malformed(let problem) = openError([file]) else {
            Issue.record("expected malformed")
            return
        }
        #expect(
            problem.message
                == "the file ends in the middle of the first order (line 1, column 2); the file looks truncated"
        )
        #expect(problem.line == 1)
        #expect(problem.column == 14)
    }

    @Test func notJSONAtAll() throws {
        let dir = try TempDirectory()
        let file = try dir.write("text.json", "hello world\n")
        #expect(
            openError([file])
                == .malformed(
                    SourceProblem(
                        file: file, line: 1, column: 1, message: "expected a JSON value but found 'h'",
                        snippet: "⟦here⟧hello world")))
    }

    @Test func emptyAndWhitespaceOnlyFiles() throws {
        let dir = try TempDirectory()
        let empty = try dir.write("empty.json", "")
        let blank = try dir.write("blank.json", "  \n\n\t \n")
        let bom = try dir.write("bom.json", "\u{FEFF}\n")
        let emptyGzip = try dir.write("empty.json.gz", gzip(""))
        #expect(openError([empty]) == .emptyFile(path: empty))
        #expect(openError([blank]) == .emptyFile(path: blank))
        #expect(openError([bom]) == .emptyFile(path: bom))
        #expect(openError([emptyGzip]) == .emptyFile(path: emptyGzip))
        #expect(SourceError.emptyFile(path: empty).message == "\(empty): the file is empty")
    }

    @Test(arguments: [
        (#"{"foo": 1, "bar": [2]}"#, "an object with keys foo, bar"),
        ("[1,2,3]", "a JSON array of numbers"),
        (#"[1, "a", 2]"#, "a JSON array of numbers and strings"),
        (#""just a string""#, "a string"),
        ("[]", "an empty JSON array"),
        ("{}", "an empty object"),
        (#"{"orders": []}"#, "an order list with no orders"),
        (#"[{"a": 1}, {"a": 2}]"#, "a JSON array of objects with keys a"),
        ("1\n2\n", "2 JSON values: a number, a number"),
        ("null", "null"),
    ])
    func notOrders(text: String, found: String) throws {
        let dir = try TempDirectory()
        let file = try dir.write("x.json", text)
        #expect(openError([file]) == .notOrders(path: file, found: found))
    }

    @Test func notOrdersMessage() {
        #expect(
            openError([Fixtures.path("not-orders-object.json")])?.message
                == Fixtures.path("not-orders-object.json")
                + ": holds no orders (an object with keys foo, bar)")
        #expect(
            openError([Fixtures.path("numbers.json")])
                == .notOrders(path: Fixtures.path("numbers.json"), found: "a JSON array of numbers"))
    }

    @Test func nonOrdersBesideOrdersAreReported() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "mixed.json",
            "[{\"id\": \"a\", \"status\": \"open\"},\n null, 3, {\"id\": \"b\", \"status\": \"open\"}]")
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["a", "b"])
        #expect(
            source.problems.map(\.message) == [
                "not an order: null; it was skipped", "not an order: a number; it was skipped",
            ])
        #expect(source.problems.map(\.line) == [2, 2])
        #expect(source.problems.map(\.column) == [2, 8])
    }

    @Test func missingFileAndDirectory() throws {
        let dir = try TempDirectory()
        let missing = dir.path + "/nope.json"
        #expect(openError([missing]) == .fileNotFound(path: missing))
        #expect(openError([missing])?.message == "\(missing): no such file")
        #expect(openError([dir.path]) == .notAFile(path: dir.path))
        #expect(openError([dir.path])?.message == "\(dir.path): is a directory, not a dump file")
        // One bad file fails the whole open.
        #expect(openError([Fixtures.path("orders.ndjson"), missing]) == .fileNotFound(path: missing))
    }

    @Test func unreadableFile() throws {
        let dir = try TempDirectory()
        let file = try dir.write("secret.json", "[]")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file) }
        if getuid() == 0 {
            // root reads anything; a non-regular, unreadable path still gives the errno text.
            let error = openError(["/proc/self/mem"])
            #expect(error != nil)
            return
        }
        #expect(openError([file]) == .unreadable(path: file, reason: "Permission denied"))
        #expect(openError([file])?.message == "\(file): cannot be read (Permission denied)")
    }

    @Test func corruptGzip() throws {
        let path = Fixtures.path("corrupt.json.gz")
        let error = try #require(openError([path]))
        #expect(
            error
                == .malformed(
                    SourceProblem(
                        file: path,
                        message: "the gzip stream is damaged at byte 43 (invalid bit length repeat)")))
    }

    @Test func deepNestingIsBoundedNotACrash() throws {
        let dir = try TempDirectory()
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let file = try dir.write("deep.json", "{\"id\": \"a\", \"x\": " + deep + "}")
        guard case .malformed(let problem) = openError([file]) else {
            Issue.record("expected malformed")
            return
        }
        #expect(problem.message.contains("nesting deeper than 10000 levels"))
    }

    @Test func orderSliceThatTheParserRejectsIsReportedNotCrashed() throws {
        // The scanner does not check escapes; the parser does, when the order is opened.
        let dir = try TempDirectory()
        let file = try dir.write(
            "esc.json", "[{\"id\": \"a\", \"status\": \"open\", \"x\": \"bad \\q escape\"}]")
        let source = try DumpSource.open(paths: [file])
        #expect(throws: SourceError.self) { try source.loadOrder(id: "a") }
        guard
            case .malformed(let problem) =
                (Result { () throws(SourceError) in try source.loadOrder(id: "a") }).failureValue
        else { return }
        #expect(problem.line == 1)
        #expect(problem.column == 42)
        #expect(problem.message == "order a cannot be read: invalid escape \\q in a string")
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Raw control characters and invalid UTF-8 inside strings are load problems with file, line
/// and column; the order is still read and checked (issue 22, item 15).
@Suite("Dump text problems")
struct DumpTextProblemTests {
    static let bytes: [UInt8] =
        Array("[\n{\"id\": \"a\", \"status\": \"open\", \"comment\": \"x\ty\"},\n".utf8)
        + Array("{\"id\": \"b\", \"status\": \"open\", \"comment\": \"".utf8) + [0xFF]
        + Array("\"}\n]\n".utf8)

    @Test func checkStreamReportsWhereAndWhatAndKeepsTheOrders() throws {
        let dir = try TempDirectory()
        let file = try dir.write("text.json", Self.bytes)
        var comments: [String?] = []
        let problems = try DumpSource.streamOrders(path: file) { comments.append($0.comment) }
        #expect(comments == ["x\ty", "\u{FFFD}"])
        #expect(
            problems.map(\.description) == [
                "\(file):2:44: order a: raw control character U+0009 inside a string (JSON needs it escaped; the order is still read)",
                "\(file):3:43: order b: invalid UTF-8 byte 0xFF inside a string (JSON needs it escaped; the order is still read)",
            ])
    }

    @Test func openingOneOrderReportsItsTextProblems() throws {
        let dir = try TempDirectory()
        let file = try dir.write("text.json", Self.bytes)
        let source = try DumpSource.open(paths: [file])
        let loaded = try source.orderReportingText(at: 1)
        #expect(loaded.order.comment == "\u{FFFD}")
        #expect(loaded.problems.map { [$0.line, $0.column] } == [[3, 43]])
        #expect(try source.orderReportingText(at: 0).problems.count == 1)
    }
}
