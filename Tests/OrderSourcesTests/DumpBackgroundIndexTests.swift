import OrderModel
import Testing

@testable import OrderSources

@Suite("Dump background index")
struct DumpBackgroundIndexTests {
    @Test func returnsAfterTheFirstOrdersAndFinishesInTheBackground() async throws {
        let dir = try TempDirectory()
        let text = "[" + (1...3_000).map { sampleOrder($0) }.joined(separator: ",\n") + "]\n"
        let source = try DumpSource.openInBackground(paths: [try dir.write("orders.json", text)], firstOrders: 100)
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
        let source = try DumpSource.openInBackground(paths: [try dir.write("cut.json", text)], firstOrders: 10)
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
        #expect(throws: SourceError.self) { try DumpSource.openInBackground(paths: [dir.path + "/missing.json"]) }
    }

    @Test func aLaterFileWithoutOrdersBecomesAProblem() throws {
        let dir = try TempDirectory()
        let good = try dir.write("good.json", "[" + (1...50).map { sampleOrder($0) }.joined(separator: ",") + "]")
        let bad = try dir.write("bad.json", "[true]")
        let source = try DumpSource.openInBackground(paths: [good, bad], firstOrders: 10)
        source.waitUntilIndexed()
        #expect(source.count == 50)
        #expect(source.problems.contains { $0.message.contains("holds no orders") && $0.message.contains("skipped") })
    }
}
