import Foundation
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

/// `check`'s stream scans for the orders' bounds only (`DumpIndexer.boundariesOnly`) and scans
/// again in full from the start at the first order whose bytes do not parse. What it reports —
/// the orders consumed, every problem with its message and place, the ids naming damaged
/// orders, the error that ends it — must be what the full scan gives, on every damaged dump.
@Suite struct DumpStreamBoundariesTests {
    struct Outcome: Equatable, CustomStringConvertible {
        var numbers: [String]
        var problems: [SourceProblem]
        var error: String?

        var description: String {
            "\(numbers.count) orders \(numbers.prefix(8)), error \(error ?? "none"), problems:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// The stream as `check` runs it (`.forChecks`), with the quick scan or the full one.
    static func stream(_ path: String, boundariesOnly: Bool) -> Outcome {
        var numbers: [String] = []
        do {
            let problems = try DumpSource.streamOrders(
                path: path, decoding: .forChecks, boundariesOnly: boundariesOnly,
                transform: { $0.displayNumber }, consume: { numbers.append($0) })
            return Outcome(numbers: numbers, problems: problems, error: nil)
        } catch {
            return Outcome(numbers: numbers, problems: [], error: "\(error)")
        }
    }

    /// Both ways on `path`; the quick one's outcome (equal to the full one's, or a failure).
    @discardableResult
    static func expectSame(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let full = stream(path, boundariesOnly: false)
        let quick = stream(path, boundariesOnly: true)
        #expect(quick == full, "\(path)\nquick: \(quick)\nfull: \(full)", sourceLocation: sourceLocation)
        return quick
    }

    /// The full scan's problems for `text` (the indexing pass), and the quick scan's orders
    /// with their bounds and ids.
    static func scan(_ text: String, boundariesOnly: Bool) -> (
        orders: [String], problems: [SourceProblem]
    )? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw -> (orders: [String], problems: [SourceProblem])? in
            let buffer = UnsafeRawBufferPointer(raw)
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var orders: [String] = []
            var indexer = DumpIndexer(bytes: buffer, path: "x.json") { batch in
                for order in batch {
                    var record = SummaryRecord()
                    order.candidate.fill(&record, base: base) { "#" }
                    orders.append("\(order.start)..<\(order.end) \(record.string(of: .id))")
                }
            }
            indexer.boundariesOnly = boundariesOnly
            guard let result = try? indexer.run() else { return nil }
            return (orders, result.problems)
        }
    }

    @Test func everyFixtureDumpIsReportedAsByTheFullScan() throws {
        let directory = Fixtures.directory
        let names = try FileManager.default.subpathsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") || $0.hasSuffix(".gz") }
            .sorted()
        #expect(names.count >= 20)
        var damaged = 0
        for name in names {
            let outcome = Self.expectSame(directory + "/" + name)
            if !outcome.problems.isEmpty || outcome.error != nil { damaged += 1 }
        }
        #expect(damaged >= 8)  // the comparison covers problems, not only clean dumps
        // The hostile dump's text problems name their orders by id, as before.
        let hostile = Self.stream(Fixtures.path("hostile.json"), boundariesOnly: true)
        #expect(hostile.problems.contains { $0.message.hasPrefix("order hostile-") })
    }

    /// Orders one a line, the `k`th with `damage` put into it when `damaged` holds.
    static func dump(_ count: Int, _ damaged: Set<Int>, _ damage: (Int) -> String) -> String {
        "[\n"
            + (1...count).map { damaged.contains($0) ? damage($0) : sampleOrder($0) }.joined(separator: ",\n")
            + "\n]\n"
    }

    /// Grammar errors inside the containers the full scan walks and the quick one skips (the
    /// customer, the store, the first item, an operation, an attachment): the order's bytes do
    /// not parse, and the report is the full scan's (the damaged order skipped by the scan,
    /// named by its id), also when batches were consumed before it.
    @Test(arguments: [
        (#""customer":{"first_name":"#, #""customer":{"first_name" "#),
        (#""store":{"id":"S1"}"#, #""store":{"id":"S1",}"#),
        (#""items":[{"id":"1","line_id":1"#, #""items":[{"id":"1" "line_id":1"#),
        (#""captures":[{"id":"cap","amount":"#, #""captures":[{"id":"cap","amount":+"#),
        (#""attachments":[]"#, #""attachments":[{"bus_reservation":tru}]"#),
        (#""customer":{"first_name":"#, #""customer":{"x":01.,"first_name":"#),
    ])
    func aGrammarErrorTheQuickScanSkipsIsReportedAsByTheFullScan(_ from: String, _ to: String) throws {
        let dir = try TempDirectory()
        for (count, damaged) in [(5, Set([3])), (700, Set([2, 300, 301, 650]))] {
            let text = Self.dump(count, damaged) { sampleOrder($0).replacingOccurrences(of: from, with: to) }
            #expect(text.contains(to))
            // The quick scan alone takes the damaged order: the stream must see to it.
            let quick = try #require(Self.scan(text, boundariesOnly: true))
            let full = try #require(Self.scan(text, boundariesOnly: false))
            #expect(quick.orders.count == count)
            #expect(full.orders.count < count)
            #expect(full.problems.contains { $0.message.contains("(id id-\(damaged.sorted()[0]))") })
            let outcome = Self.expectSame(try dir.write("nested-\(count).json", text))
            #expect(outcome.numbers.count == full.orders.count)
            // The indexing pass's problems come first, the same but for the file's name.
            #expect(
                outcome.problems.prefix(full.problems.count).map(Self.located)
                    == full.problems.map(Self.located))
        }
    }

    /// An order whose bytes do not parse is read again alone by the full scan: a bad escape
    /// (which both scans skip) keeps the quick pass going, a grammar error in a container only
    /// the full scan walks does not; the full scan's own orders need no second look.
    @Test func theFullScanReadsAnUnparsableOrderAgainAlone() throws {
        let escape = sampleOrder(2).replacingOccurrences(of: "\\u00e6", with: "\\q")
        let grammar = sampleOrder(3).replacingOccurrences(of: "\"last_name\":", with: "\"last_name\" ")
        #expect(escape != sampleOrder(2) && grammar != sampleOrder(3))
        let page = "{\"orders\":[\(escape),\(grammar)]}"
        for text in [
            "[\n\(sampleOrder(1)),\n\(escape),\n\(grammar)\n]", page, escape, "\(escape)\n\(grammar)",
        ] {
            var bytes = Array(text.utf8)
            let verdicts = bytes.withUnsafeMutableBytes { raw -> [String: Bool] in
                let buffer = UnsafeRawBufferPointer(raw)
                var verdicts: [String: Bool] = [:]
                for lean in [true, false] {
                    var found: [ScannedOrder] = []
                    var indexer = DumpIndexer(bytes: buffer, path: "x.json") { found += $0 }
                    indexer.boundariesOnly = lean
                    _ = try? indexer.run()
                    for order in found {
                        let text = String(
                            decoding: UnsafeRawBufferPointer(rebasing: buffer[order.start..<order.end]),
                            as: UTF8.self)
                        let name = text == escape ? "escape" : text == grammar ? "grammar" : "other"
                        verdicts["\(name) \(lean ? "quick" : "full")"] = order.fullScanAgrees(in: buffer)
                    }
                }
                return verdicts
            }
            #expect(verdicts["escape quick"] == true, "\(text)")
            #expect(verdicts["escape full"] == true, "\(text)")
            #expect(verdicts["grammar full"] == nil, "\(text)")  // the full scan skips it
            if text.contains(grammar) { #expect(verdicts["grammar quick"] == false, "\(text)") }
        }
    }

    /// Order-like objects that are not orders, pages and fallback pages, a nested page, deep
    /// nesting, truncation in a nested container, NDJSON with a bad nested line, text problems
    /// in an order without an id: each reported as the full scan does.
    @Test func odderDumpsAreReportedAsByTheFullScan() throws {
        let dir = try TempDirectory()
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let order = sampleOrder(1)
        let cases: [String] = [
            "[\(order),{\"orders\":[\(sampleOrder(2)),\(sampleOrder(3))]},\(sampleOrder(4))]",
            "[{\"items\":[\(sampleOrder(2))]},{\"data\":[\(sampleOrder(3))]},\(sampleOrder(4))]",
            "[\(order),{\"id\":\"s1\",\"url\":\"https://x\",\"status\":\"open\",\"currency\":\"NOK\"},"
                + "{\"id\":\"op\",\"amount\":5,\"status\":\"ok\"},\(sampleOrder(4))]",
            "{\"orders\":[\(order),{\"id\":\"i\",\"gross_amount\":1,\"line_id\":1}]}\n{\"items\":[{\"id\":\"x\"}]}",
            "[\(order),{\"id\":\"d\",\"status\":\"open\",\"metadata\":\(deep)},\(sampleOrder(3))]",
            "[\(order),\n\(sampleOrder(2).replacingOccurrences(of: "\"last_name\":\"Last\"", with: "\"last_name\":\"La"))",
            "\(order)\n{\"id\":\"b\",\"status\":\"open\",\"customer\":{\"email\" 1}}\n\(sampleOrder(3))\n",
            "[{\"order_id\":\"oid\",\"note\":\"a\tb\"},{\"gross_amount\":1,\"currency\":\"NOK\",\"n\":\"c\td\"}]",
            "[\(order),{\"id\":\"x\",\"status\":\"open\",\"customer\":{\"a\":[1,2}},\(sampleOrder(3))]",
            "[\(order), 5, \"s\", [1], null, {\"orders\": []}, \(sampleOrder(2))]",
            "[\(order),{\"id\":\"e\",\"status\":\"open\",\"items\":[{\"a\":\"\\q\"}]},\(sampleOrder(3))]",
        ]
        for (index, text) in cases.enumerated() {
            Self.expectSame(try dir.write("odd-\(index).json", text))
        }
    }

    /// Random damage (a byte changed, dropped or doubled) anywhere in a small dump: the quick
    /// stream reports exactly what the full one does, whatever the damage hits.
    @Test func randomDamageIsReportedAsByTheFullScan() throws {
        let dir = try TempDirectory()
        let text = Array(
            ("[\n" + (1...6).map { sampleOrder($0) }.joined(separator: ",\n") + "\n]\n").utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array(#"{}[]":,\ 0-ex"#.utf8)
        var differing = 0
        for trial in 0..<150 {
            var bytes = text
            for _ in 0..<(1 + next(2)) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] = alphabet[next(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[at], at: at)
                }
            }
            let path = try dir.write("random-\(trial).json", bytes)
            if Self.stream(path, boundariesOnly: false).problems.isEmpty == false { differing += 1 }
            Self.expectSame(path)
        }
        #expect(differing >= 50)  // most of the damage is seen, so the comparison says something
    }

    /// A problem as `line:column message` (no line or column: `nil`), to compare two lists.
    static func located(_ problem: SourceProblem) -> String {
        "\(String(describing: problem.line)):\(String(describing: problem.column)) \(problem.message)"
    }
}
