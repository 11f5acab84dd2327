import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

@Suite("Dump background index")
struct DumpBackgroundIndexTests {
    @Test func returnsAfterTheFirstOrdersAndFinishesInTheBackground() async throws {
        let dir = try TempDirectory()
        let text = "[" + (1...3_000).map { sampleOrder($0) }.joined(separator: ",\n") + "]\n"
        let source = try DumpSource.openInBackground(
            paths: [try dir.write("orders.json", text)], firstOrders: 100)
        #expect(source.count >= 100)
        #expect(source.indexesInBackground)
        let first = try await source.page(after: nil, limit: 10)
        #expect(first.summaries.first?.id == "id-1")
        #expect(first.shared?.store === source.store)
        source.waitUntilIndexed()
        let progress = source.progress
        #expect(progress.finished)
        #expect(progress.percent == 100)
        #expect(progress.orders == 3_000)
        #expect(progress.bytes == progress.totalBytes)
        #expect(source.summaries[2_999].id == "id-3000")
        #expect(source.index(ofOrderID: "N2500") == 2_499)
        #expect(try source.order(at: 2_999).id == "id-3000")
        let last = try await source.page(after: PageCursor("2990"), limit: 100)
        #expect(last.next == nil)
        #expect(last.totalCount == 3_000)
        #expect(last.shared == SharedSummaries(store: source.store, count: 3_000, complete: true))
    }

    @Test func aTruncatedTailIsReportedWhenTheIndexEnds() throws {
        let dir = try TempDirectory()
        let text = "[" + (1...500).map { sampleOrder($0) }.joined(separator: ",\n") + ",\n{\"id\": \"cut"
        let source = try DumpSource.openInBackground(
            paths: [try dir.write("cut.json", text)], firstOrders: 10)
        source.waitUntilIndexed()
        #expect(source.count == 500)
        let problem = try #require(source.progress.problems.first)
        #expect(problem.message.contains("the file ends in the middle of order 501"))
        #expect(problem.line == 501)
    }

    @Test func errorsThatLeaveNoOrderAreThrown() throws {
        let dir = try TempDirectory()
        let path = try dir.write("nothing.json", "[1, 2]")
        #expect(throws: SourceError.self) { try DumpSource.openInBackground(paths: [path]) }
        #expect(throws: SourceError.self) {
            try DumpSource.openInBackground(paths: [dir.path + "/missing.json"])
        }
    }

    @Test func aLaterFileWithoutOrdersBecomesAProblem() throws {
        let dir = try TempDirectory()
        let good = try dir.write(
            "good.json", "[" + (1...50).map { sampleOrder($0) }.joined(separator: ",") + "]")
        let bad = try dir.write("bad.json", "[true]")
        let source = try DumpSource.openInBackground(paths: [good, bad], firstOrders: 10)
        source.waitUntilIndexed()
        #expect(source.count == 50)
        #expect(
            source.problems.contains {
                $0.message.contains("holds no orders") && $0.message.contains("skipped")
            })
    }
}

@Suite("Dump split scan")
struct DumpSplitScanTests {
    /// Scans with the two-thread split forced on, and without it; the orders, their order and the
    /// problems must be the same.
    func scan(_ text: String, split: Bool) -> (ids: [String], problems: [SourceProblem], splits: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes {
            raw -> (ids: [String], problems: [SourceProblem], splits: Int)? in
            let buffer = UnsafeRawBufferPointer(raw)
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var ids: [String] = []
            var indexer = DumpIndexer(bytes: buffer, path: "x.json") { batch in
                for order in batch {
                    var record = SummaryRecord()
                    order.candidate.fill(&record, base: base) { "#" }
                    ids.append(record.string(of: .id))
                }
            }
            indexer.splitMinimum = split ? 1 : Int.max
            guard let result = try? indexer.run() else { return nil }
            return (ids, result.problems, result.splitScans)
        }
    }

    @Test func aSplitScanFindsTheSameOrders() throws {
        let text = "[\n" + (1...400).map { sampleOrder($0) }.joined(separator: ",\n") + "\n]\n"
        let whole = try #require(scan(text, split: false))
        let split = try #require(scan(text, split: true))
        #expect(split.splits == 1)
        #expect(whole.splits == 0)
        #expect(split.ids == whole.ids)
        #expect(split.ids.count == 400)
        #expect(split.problems == whole.problems)
    }

    @Test func aDamagedOrderInTheSecondHalfIsToldAsWithoutTheSplit() throws {
        var orders = (1...400).map { sampleOrder($0) }
        orders[299] = orders[299].replacing(#""status":"open""#, with: #""status":x"#)
        let text = "[\n" + orders.joined(separator: ",\n") + "\n]\n"
        let whole = try #require(scan(text, split: false))
        let split = try #require(scan(text, split: true))
        #expect(split.splits == 1)
        #expect(split.ids == whole.ids)
        #expect(split.ids.count == 399)
        #expect(split.problems == whole.problems)
        // The damaged order's own id, not that of the last order before the split.
        #expect(split.problems.first?.message.contains("order 300 (id id-300)") == true)
    }

    @Test func aTruncatedSecondHalfIsReportedAsWithoutTheSplit() throws {
        let text =
            "[\n" + (1...400).map { sampleOrder($0) }.joined(separator: ",\n")
            + ",\n{\"id\": \"cut\", \"x\": [1, "
        let whole = try #require(scan(text, split: false))
        let split = try #require(scan(text, split: true))
        #expect(split.splits == 1)
        #expect(split.ids == whole.ids)
        #expect(split.problems == whole.problems)
        #expect(split.problems.first?.message.contains("the file ends in the middle of order 401") == true)
    }

    /// NDJSON lines, some replaced by `replace` (line number from 1 to its text).
    private func ndjson(_ count: Int, replace: [Int: String] = [:]) -> String {
        (1...count).map { replace[$0] ?? sampleOrder($0) }.joined(separator: "\n") + "\n"
    }

    /// The orders and problems of a two-thread read equal those of a one-thread read.
    private func expectSame(_ text: String, splits: Int, orders: Int) throws {
        let whole = try #require(scan(text, split: false))
        let split = try #require(scan(text, split: true))
        #expect(whole.splits == 0)
        #expect(split.splits == splits)
        #expect(split.ids == whole.ids)
        #expect(split.ids.count == orders)
        #expect(split.problems == whole.problems)
    }

    @Test func ndjsonIsReadOnTwoThreadsWithTheSameResult() throws {
        try expectSame(ndjson(400), splits: 1, orders: 400)
        // Objects one after another, pretty-printed, and a BOM and blank lines at the start.
        let pretty = (1...120).map { "{\n  \"id\": \"p\($0)\",\n  \"order_number\": \"N\($0)\"\n}" }
        try expectSame("\u{FEFF}\n\n" + pretty.joined(separator: "\n"), splits: 1, orders: 120)
    }

    @Test func ndjsonWithABadLineBeforeTheMiddleStillSplits() throws {
        let text = ndjson(400, replace: [50: "{\"id\": \"bad\", \"x\": tru}", 51: "[1, 2]"])
        try expectSame(text, splits: 1, orders: 398)
        #expect(try #require(scan(text, split: true)).problems.count >= 2)
    }

    @Test func ndjsonWhoseSecondHalfHasProblemsIsReadAsWithoutTheSplit() throws {
        // A bad line, then more bad lines than are reported one by one, after the middle.
        var bad: [Int: String] = [:]
        for line in 300..<330 { bad[line] = "{\"id\": \"b\(line)\", \"x\": [}" }
        try expectSame(ndjson(400, replace: [10: "not json"].merging(bad) { $1 }), splits: 0, orders: 369)
        // Values that are not orders after the middle are taken with the second half.
        try expectSame(
            ndjson(400, replace: [310: "{\"foo\": 1}", 320: "[]", 330: "7"]), splits: 1, orders: 397)
        // A file cut inside its last order.
        try expectSame(String(ndjson(400).dropLast(40)), splits: 0, orders: 399)
    }

    @Test func aSplitPointInsideAStringIsNotTaken() throws {
        // A pretty-printed order whose string holds an escaped newline followed by "{": the guess
        // lands on a line that is not an order; the result must not change.
        let orders = (1...50).map { index in
            "{\n  \"id\": \"o\(index)\",\n  \"order_number\": \"N\(index)\",\n  \"items\": [\n{\"x\": 1},\n  {\"y\": 2}\n  ]\n}"
        }
        let text = "[\n" + orders.joined(separator: ",\n") + "\n]"
        let whole = try #require(scan(text, split: false))
        let split = try #require(scan(text, split: true))
        #expect(split.ids == whole.ids)
        #expect(split.ids.count == 50)
        #expect(split.problems == whole.problems)
    }
}

/// The list rows of a split scan, the second half's built on its own thread (`SummaryRows`),
/// equal those of a one-thread scan appended one by one.
@Suite("Dump split scan rows")
struct DumpSplitRowsTests {
    /// Indexes `text` into a store as `DumpSource` does, with the split forced on or off.
    func index(_ text: String, split: Bool) -> (store: SummaryStore, splits: Int)? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw -> (store: SummaryStore, splits: Int)? in
            let buffer = UnsafeRawBufferPointer(raw)
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            let store = SummaryStore()
            var record = SummaryRecord()
            var indexer = DumpIndexer(bytes: buffer, path: "x.json") { batch in
                for order in batch {
                    order.candidate.fill(&record, base: base) { "#\(store.count + 1)" }
                    record.file = 3
                    record.start = order.start
                    record.end = order.end
                    store.append(record)
                }
            }
            indexer.secondHalfRows = (3, { store.append($0) })
            indexer.splitMinimum = split ? 1 : Int.max
            guard let result = try? indexer.run() else { return nil }
            return (store, result.splitScans)
        }
    }

    private func expectSameRows(_ text: String, orders: Int) throws {
        let whole = try #require(index(text, split: false))
        let split = try #require(index(text, split: true))
        #expect(whole.splits == 0)
        #expect(split.splits == 1)
        let one = whole.store.snapshot()
        let two = split.store.snapshot()
        #expect(one.count == orders)
        #expect(two.count == orders)
        for row in 0..<min(one.count, two.count) {
            #expect(one.summary(at: row) == two.summary(at: row))
            #expect(one.location(row: row) == two.location(row: row))
            #expect(one.rowText(row: row).elementsEqual(two.rowText(row: row)))
        }
        #expect(whole.store.duplicateIDs.count == split.store.duplicateIDs.count)
        #expect(whole.store.duplicateIDs.first == split.store.duplicateIDs.first)
        for row in stride(from: 0, to: one.count, by: 7) {
            let id = one.id(row: row)
            #expect(whole.store.row(ofID: id) == split.store.row(ofID: id))
            if let number = one.string(.orderNumber, row: row) {
                #expect(whole.store.row(ofOrderNumber: number) == split.store.row(ofOrderNumber: number))
            }
        }
    }

    /// Orders of the second half without an id (named after their row number), one repeating
    /// an id of the first half, and rows big enough to fill several chunks on both sides.
    @Test func theSecondHalfsRowsAreTheOneThreadScansRows() throws {
        let long = String(repeating: "y", count: 3_000)
        let orders = (1...2_400).map { number -> String in
            switch number {
            case 1_500, 2_399:
                return #"{"order_number":"X\#(number)","status":"open","currency":"NOK"}"#
            case 1_700:
                return sampleOrder(3)
            case 400..<2_300:
                return #"{"id":"big\#(number)","status":"\#(long)","currency":"\#(long)","#
                    + #""customer":{"first_name":"\#(long)","last_name":"\#(long)","email":"\#(long)"}}"#
            default:
                return sampleOrder(number)
            }
        }
        try expectSameRows("[\n" + orders.joined(separator: ",\n") + "\n]\n", orders: 2_400)
        try expectSameRows(orders.joined(separator: "\n") + "\n", orders: 2_400)
    }
}

@Suite("Dump streaming")
struct DumpStreamingTests {
    @Test func streamedOrdersComeInFileOrderWithTheProblems() throws {
        let dir = try TempDirectory()
        let text = "[" + (1...30).map { sampleOrder($0) }.joined(separator: ",\n") + ",\n{\"id\": \"cut"
        var numbers: [String] = []
        let problems = try DumpSource.streamOrders(path: try dir.write("s.json", text)) { order in
            numbers.append(order.orderNumber ?? "")
        }
        #expect(numbers == (1...30).map { "N\($0)" })
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("the file ends in the middle of order 31") == true)
    }

    @Test func anOrderTheParserRejectsIsSkippedWithItsPlace() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "esc.json",
            "[{\"id\": \"a\", \"status\": \"open\"},\n{\"id\": \"b\", \"status\": \"open\", \"x\": \"bad \\q escape\"},\n"
                + "{\"id\": \"c\", \"status\": \"open\"}]")
        var seen: [String] = []
        let problems = try DumpSource.streamOrders(path: file) { seen.append($0.id ?? "") }
        #expect(seen == ["a", "c"])
        #expect(problems.map(\.line) == [2])
        #expect(
            problems.first?.message
                == "order b cannot be read: invalid escape \\q in a string; it was skipped")
    }
}

/// `check`'s stream decodes and transforms on every core and still hands results over in file
/// order.
@Suite struct ParallelStreamTests {
    @Test func resultsKeepTheFilesOrderAcrossBatches() throws {
        let dir = try TempDirectory()
        let orders = (0..<2_000).map {
            #"{"id":"o\#($0)","status":"open","note":"\#(String(repeating: "x", count: $0 % 97))"}"#
        }
        let path = try dir.write("many.json", "[\n" + orders.joined(separator: ",\n") + "\n]\n")
        var seen: [String] = []
        let problems = try DumpSource.streamOrders(
            path: path, transform: { ($0.id ?? "") + "!" }, consume: { seen.append($0) })
        #expect(problems.isEmpty)
        #expect(seen == (0..<2_000).map { "o\($0)!" })
    }
}
