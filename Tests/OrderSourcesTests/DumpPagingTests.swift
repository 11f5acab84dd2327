import OrderModel
import Testing

@testable import OrderSources

@Suite("Dump paging")
struct DumpPagingTests {
    @Test func twoHundredFiftyOrdersInPagesOfOneHundred() async throws {
        let dir = try TempDirectory()
        let text = (1...250).map { sampleOrder($0) }.joined(separator: "\n") + "\n"
        let source = try DumpSource.open(paths: [try dir.write("orders.ndjson", text)])
        #expect(source.count == 250)

        let first = try await source.page(after: nil, limit: 100)
        #expect(first.summaries.count == 100)
        #expect(first.summaries.first?.id == "id-1")
        #expect(first.next == PageCursor("100"))
        #expect(first.totalCount == 250)

        let second = try await source.page(after: first.next, limit: 100)
        #expect(second.summaries.first?.id == "id-101")
        #expect(second.next == PageCursor("200"))

        let third = try await source.page(after: second.next, limit: 100)
        #expect(third.summaries.count == 50)
        #expect(third.summaries.last?.id == "id-250")
        #expect(third.next == nil)
        #expect(third.totalCount == 250)

        let summary = source.summaries[41]
        #expect(summary.grossAmount == 420)
        #expect(summary.maskedPANs == ["4444 **** **** 42"])
        #expect(summary.customerFirstName == "First42")
        #expect(summary.storeID == "S1")
        #expect(summary.hasAttachments == false)
    }

    @Test func problemsComeWithTheFirstPageOnly() async throws {
        let source = try DumpSource.open(paths: [Fixtures.path("truncated-array.json")])
        let first = try await source.page(after: nil, limit: 1)
        #expect(first.problems.count == 1)
        let second = try await source.page(after: first.next, limit: 1)
        #expect(second.problems.isEmpty)
        #expect(second.next == nil)
    }
}
