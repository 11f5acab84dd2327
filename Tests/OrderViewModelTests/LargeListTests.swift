import Foundation
import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// The list over a shared store: a background index growing it, and filter/sort handed to the
/// loop as effects when the list is big (the threshold is lowered so the lists stay small).
@Suite struct LargeListTests {
    static func store(_ count: Int) -> SummaryStore {
        let store = SummaryStore()
        for summary in AppStateTests.summaries(count) { store.append(summary) }
        return store
    }

    static func started(viewport: Int = 10) -> AppState {
        var state = AppState(origin: .files(["big.json"]), pageSize: 100, prefetchDistance: .max)
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: viewport, detailRows: 20, timelineRows: 10))
        return state
    }

    @Test func aSharedStoreIsTakenWholeAndGrowsWithTheIndex() {
        let store = Self.store(30)
        var state = Self.started()
        let shared = SharedSummaries(store: store, count: 20, complete: false)
        let page = OrderPage(summaries: [], next: PageCursor("20"), totalCount: nil, shared: shared)
        #expect(state.handle(.pageLoaded(request: 1, .success(page))) == [.loadOrder(id: "o0")])
        #expect(state.list.loadedCount == 20)
        #expect(state.list.rows.count == 20)
        #expect(state.list.paging.exhausted)  // no more pages: the index reports the rest
        #expect(state.list.store === store)

        let progress = IndexProgress(orders: 30, bytes: 50, totalBytes: 100, finished: false)
        _ = state.handle(.indexProgress(progress, SharedSummaries(store: store, count: 30, complete: false)))
        #expect(state.indexing?.percent == 50)
        #expect(state.list.rows.count == 30)
        #expect(state.list.selectedID == "o0")

        let problem = SourceProblem(file: "big.json", line: 9, column: 1, message: "the file ends early")
        let done = IndexProgress(orders: 30, bytes: 100, totalBytes: 100, finished: true, problems: [problem])
        _ = state.handle(.indexProgress(done, SharedSummaries(store: store, count: 30, complete: true)))
        #expect(state.indexing == nil)
        #expect(state.list.paging.totalCount == 30)
        #expect(state.status == .warning(problem.description))
    }

    @Test func bigFiltersRunAsAnEffectAndStaleResultsAreDropped() throws {
        let store = Self.store(40)
        var state = Self.started()
        state.list.inlineRebuildLimit = 10
        let shared = SharedSummaries(store: store, count: 40, complete: true)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, shared: shared))))
        _ = state.handle(.command(.moveDown))
        #expect(state.list.selectedID == "o1")

        let effects = state.handle(.command(.setFilter("status:closed")))
        guard case .rebuildRows(let first)? = effects.last else {
            Issue.record("expected a rebuild effect, got \(effects)")
            return
        }
        #expect(state.list.rebuildPending)
        #expect(state.list.rows.count == 40)  // the old rows stay until the result comes back
        #expect(state.status == .info("filtering 40 orders…"))

        // A second filter before the first is done: the first result is stale.
        let second = state.handle(.command(.setFilter("status:open")))
        guard case .rebuildRows(let newer)? = second.last else {
            Issue.record("expected a rebuild effect, got \(second)")
            return
        }
        _ = state.handle(.rowsRebuilt(generation: first.generation, rows: first.run(), covering: 40))
        #expect(state.list.rebuildPending)
        #expect(state.list.rows.count == 40)

        _ = state.handle(.rowsRebuilt(generation: newer.generation, rows: newer.run(), covering: 40))
        #expect(!state.list.rebuildPending)
        #expect(state.list.rows.count == 20)
        #expect(state.list.summary(atRow: 0)?.status == "open")
        #expect(state.status == .info("20 orders match status:open"))
    }

    @Test func aBigSortKeepsTheSelectionOnItsOrder() throws {
        let store = Self.store(40)
        var state = Self.started()
        state.list.inlineRebuildLimit = 10
        let shared = SharedSummaries(store: store, count: 40, complete: true)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, shared: shared))))
        _ = state.handle(.command(.moveDown))
        _ = state.handle(.command(.moveDown))
        #expect(state.list.selectedID == "o2")
        let effects = state.handle(.command(.sort(.amount)))
        guard case .rebuildRows(let rebuild)? = effects.last else {
            Issue.record("expected a rebuild effect, got \(effects)")
            return
        }
        _ = state.handle(.rowsRebuilt(generation: rebuild.generation, rows: rebuild.run(), covering: 40))
        // After a sort the view shows its start: the selection is the new first row.
        #expect(state.list.selectedRow == 0)
        #expect(state.list.selectedID == state.list.summary(atRow: 0)?.id)
        let amounts = (0..<40).compactMap { state.list.summary(atRow: $0)?.grossAmount }
        let ascending = state.list.sort?.ascending ?? true
        #expect(amounts == (ascending ? amounts.sorted() : amounts.sorted(by: >)))
    }

    @Test func storeSortMatchesSummarySortForEveryColumn() {
        let summaries = AppStateTests.summaries(60).enumerated().map { index, summary -> OrderSummary in
            var changed = summary
            if index % 7 == 0 { changed.grossAmount = nil }
            if index % 5 == 0 { changed.customerLastName = nil }
            if index % 11 == 0 { changed.createdAt = nil }
            changed.anomalyCount = index % 3 == 0 ? index % 4 : nil
            return changed
        }
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        let snapshot = store.snapshot()
        for column in ListColumn.allCases {
            for ascending in [true, false] {
                let order = SortOrder(column, ascending: ascending)
                var expected = Array(summaries.indices)
                order.sort(&expected, in: summaries)
                var positions = (0..<Int32(summaries.count)).map { $0 }
                order.sort(&positions, in: snapshot)
                #expect(positions.map(Int.init) == expected, "\(column) ascending: \(ascending)")
            }
        }
    }

    @Test func storeFilterMatchesSummaryFilter() throws {
        let summaries = AppStateTests.summaries(60)
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        for text in [
            "status:open", "-status:open", "ann", "ANN", "berg", "1005", "amount>20", "created>=2024-01-15",
            "currency:nok", "ann status:closed", "\"Ann Berg\"", "has:attachments", "anomaly",
        ] {
            let query = try OrderQuery.parse(text)
            let rebuild = RowRebuild(generation: 1, snapshot: store.snapshot(), query: query, sort: nil)
            let expected = summaries.indices.filter { query.matches(summaries[$0]) }
            #expect(Array(rebuild.run()) == expected, "\(text)")
        }
    }

    @Test func twoCoreSortAndFilterMatchTheSimpleOnes() throws {
        // Enough rows that the halves run on both cores and are merged.
        let summaries = AppStateTests.summaries(60_000)
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        let snapshot = store.snapshot()
        // One sort in the default run (the halves and their merge are the same code for every
        // column), the three in the benchmark job (ORDERSCOPE_BULK=1, Tests/Benchmarks/bulk.sh).
        let bulk = ProcessInfo.processInfo.environment["ORDERSCOPE_BULK"] == "1"
        let orders = [SortOrder(.customer), SortOrder(.amount, ascending: false), SortOrder(.created)]
        for order in bulk ? orders : [SortOrder(.amount, ascending: false)] {
            var expected = Array(summaries.indices)
            order.sort(&expected, in: summaries)
            var positions = (0..<Int32(summaries.count)).map { $0 }
            order.sort(&positions, in: snapshot)
            #expect(positions.map(Int.init) == expected, "\(order.label)")
        }
        let query = try OrderQuery.parse("ann -status:open")
        let rows = RowRebuild(generation: 1, snapshot: snapshot, query: query, sort: nil).run()
        #expect(Array(rows) == summaries.indices.filter { query.matches(summaries[$0]) })
    }

    @Test func rowsIndexedDuringABigFilterAreFilteredToo() throws {
        let store = Self.store(40)
        var state = Self.started()
        state.list.inlineRebuildLimit = 10
        let first = SharedSummaries(store: store, count: 20, complete: false)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, shared: first))))
        guard case .rebuildRows(let rebuild)? = state.handle(.command(.setFilter("status:open"))).last else {
            Issue.record("expected a rebuild")
            return
        }
        // The index grows while the filter runs: nothing changes until the result is in.
        let progress = IndexProgress(orders: 40, bytes: 100, totalBytes: 100, finished: true)
        _ = state.handle(.indexProgress(progress, SharedSummaries(store: store, count: 40, complete: true)))
        #expect(state.list.rows.count == 20)
        let effects = state.handle(
            .rowsRebuilt(generation: rebuild.generation, rows: rebuild.run(), covering: 20))
        #expect(state.list.rows.count == 10)  // the result for the first 20 orders is shown...
        guard case .rebuildRows(let more)? = effects.last else {
            Issue.record("expected a rebuild for the new rows, got \(effects)")
            return
        }
        _ = state.handle(.rowsRebuilt(generation: more.generation, rows: more.run(), covering: 40))
        #expect(state.list.rows.count == 20)  // ...then the one for all 40
        #expect(!state.list.rebuildPending)
    }
}
