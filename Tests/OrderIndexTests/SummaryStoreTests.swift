import OrderModel
import Testing

@testable import OrderIndex

@Suite("Summary store")
struct SummaryStoreTests {
    static func summary(_ index: Int) -> OrderSummary {
        OrderSummary(
            id: "id-\(index)", orderNumber: index % 3 == 0 ? nil : "N\(index)",
            createdAt: "2024-05-0\(index % 9 + 1)T12:00:00Z",
            customerFirstName: "Åse\(index)", customerLastName: index % 2 == 0 ? "Berg" : nil,
            customerEmail: "c\(index)@example.com", customerPhone: nil,
            companyName: index % 5 == 0 ? "Firma AS" : nil,
            status: "open", paymentStatus: index % 2 == 0 ? "captured" : nil,
            grossAmount: index % 4 == 0 ? nil : Int64(index * 10),
            currency: "NOK", storeID: "S\(index % 7)",
            maskedPANs: index % 2 == 0 ? ["4444 **** 1", "5555 **** 2"] : [],
            bookingIDs: index % 3 == 0 ? ["B\(index)"] : [], hasAttachments: index % 2 == 1,
            anomalyCount: index % 6 == 0 ? 2 : nil)
    }

    @Test func summariesComeBackExactlyAcrossChunks() {
        let store = SummaryStore()
        let count = SummaryChunk.capacity + 100
        for index in 0..<count { #expect(store.append(Self.summary(index)) == index) }
        #expect(store.count == count)
        let snapshot = store.snapshot()
        for index in [0, 1, 2, 3, 5, 6, SummaryChunk.capacity - 1, SummaryChunk.capacity, count - 1] {
            #expect(snapshot.summary(at: index) == Self.summary(index))
        }
        #expect(store.row(ofID: "id-\(SummaryChunk.capacity + 7)") == SummaryChunk.capacity + 7)
        #expect(store.row(ofOrderNumber: "N4") == 4)
        #expect(store.row(ofOrderNumber: "N3") == nil)  // every third order has no number
        #expect(store.row(ofID: "nope") == nil)
    }

    @Test func aSnapshotKeepsItsCountWhileTheStoreGrows() {
        let store = SummaryStore()
        for index in 0..<10 { store.append(Self.summary(index)) }
        let before = store.snapshot()
        for index in 10..<20 { store.append(Self.summary(index)) }
        #expect(before.count == 10)
        #expect(store.snapshot().count == 20)
        #expect(Array(SummaryList(before.prefix(3))).map(\.id) == ["id-0", "id-1", "id-2"])
    }

    @Test func repeatedIDsAreKeptAsRowsAndCounted() {
        let store = SummaryStore()
        store.append(OrderSummary(id: "a"))
        store.append(OrderSummary(id: "b"))
        store.append(OrderSummary(id: "a", orderNumber: "second"))
        #expect(store.count == 3)
        #expect(store.row(ofID: "a") == 0)
        #expect(store.duplicateIDs.count == 1)
        #expect(store.duplicateIDs.first == "a")
    }

    @Test func anomalyCountsChangeInPlace() {
        let store = SummaryStore()
        store.append(OrderSummary(id: "a"))
        let snapshot = store.snapshot()
        #expect(snapshot.anomalyCount(row: 0) == nil)
        store.setAnomalyCount(3, at: 0)
        #expect(snapshot.anomalyCount(row: 0) == 3)
        store.setAnomalyCount(nil, at: 0)
        #expect(store.summary(at: 0).anomalyCount == nil)
    }

    @Test func longFieldsAreCutAndTimesGetASortableKey() {
        let store = SummaryStore()
        let long = String(repeating: "x", count: SummaryRecord.maxFieldBytes + 10)
        store.append(OrderSummary(id: "a", createdAt: "2024-05-01T12:00:00.123Z", customerEmail: long))
        store.append(OrderSummary(id: "b", createdAt: "2023-12-31T23:59:59Z"))
        let snapshot = store.snapshot()
        #expect(snapshot.summary(at: 0).customerEmail?.utf8.count == SummaryRecord.maxFieldBytes)
        let a = try! #require(snapshot.createdKey(row: 0))
        let b = try! #require(snapshot.createdKey(row: 1))
        #expect(b < a)
        #expect(a == 20_240_501_120_000_123)
    }

    @Test func readsWhileAnotherThreadAppends() async {
        let store = SummaryStore()
        let writer = Task.detached {
            for index in 0..<20_000 { store.append(Self.summary(index)) }
        }
        var seen = 0
        while seen < 20_000 {
            let snapshot = store.snapshot()
            if snapshot.count > 0 {
                let last = snapshot.count - 1
                #expect(snapshot.summary(at: last).id == "id-\(last)")
            }
            seen = snapshot.count
            await Task.yield()
        }
        await writer.value
    }
}
