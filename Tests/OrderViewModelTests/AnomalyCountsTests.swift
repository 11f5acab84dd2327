import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// The background check's counts arrive as runs of store positions: they reach the store at
/// once (also for rows the list has not taken in yet), wait for rows the store does not hold,
/// and rebuild rows that depend on them one rebuild at a time, however many batches come.
@Suite struct AnomalyCountsTests {
    static func tally(_ count: Int) -> AnomalyTally {
        AnomalyTally(count: count, kinds: count > 0 ? AnomalyTally.bit(.paymentStatus) : 0)
    }

    /// A list sharing `store`, of which it has taken in `taken` rows.
    static func sharing(_ store: SummaryStore, taken: Int, inlineLimit: Int = 20_000) -> AppState {
        var state = LargeListTests.started()
        state.list.inlineRebuildLimit = inlineLimit
        let shared = SharedSummaries(store: store, count: taken, complete: taken == store.count)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, shared: shared))))
        return state
    }

    @Test func countsByPositionReachTheStoreAndWaitForRowsNotThereYet() {
        let store = LargeListTests.store(30)
        var state = Self.sharing(store, taken: 20)
        #expect(state.list.loadedCount == 20)
        // Positions 15..<35: 15 to 19 are shown, 20 to 29 are in the store only, 30 to 34 are not
        // there yet; position 17 could not be read (nil: its count stays unknown).
        let tallies: [AnomalyTally?] = (15..<35).map { $0 == 17 ? nil : Self.tally($0 % 3) }
        let effects = state.handle(
            .anomaliesCounted(AnomalyCounts(start: 15, tallies: tallies), checked: 35, total: 40))
        #expect(effects.isEmpty)  // the selection (o0) did not change, no rows depend on counts
        #expect(state.anomalyCheck == AnomalyCheckProgress(checked: 35, total: 40))
        #expect(state.list.summary(id: "o16")?.anomalyCount == 1)
        #expect(state.list.summary(id: "o16")?.anomalyKinds == AnomalyTally.bit(.paymentStatus))
        #expect(state.list.summary(id: "o18")?.anomalyCount == 0)
        #expect(state.list.summary(id: "o17")?.anomalyCount == nil)
        #expect(state.list.summary(id: "o14")?.anomalyCount == nil)
        #expect(store.snapshot().anomalyCount(row: 25) == 1)  // not taken in by the list yet

        // The index goes on: rows 30 to 39 arrive and take the counts that waited for them.
        for summary in AppStateTests.summaries(10, from: 30) { store.append(summary) }
        let progress = IndexProgress(orders: 40, bytes: 100, totalBytes: 100, finished: true)
        _ = state.handle(.indexProgress(progress, SharedSummaries(store: store, count: 40, complete: true)))
        #expect(state.list.loadedCount == 40)
        #expect(state.list.summary(id: "o25")?.anomalyCount == 1)
        #expect(state.list.summary(id: "o31")?.anomalyCount == 1)
        #expect(state.list.summary(id: "o33")?.anomalyCount == 0)
        #expect(state.list.summary(id: "o34")?.anomalyCount == 1)
        #expect(state.list.summary(id: "o35")?.anomalyCount == nil)

        // The last batch ends the check (progress gone from the status bar).
        _ = state.handle(
            .anomaliesCounted(
                AnomalyCounts(start: 35, tallies: (35..<40).map { _ in Self.tally(0) }), checked: 40,
                total: 40))
        #expect(state.anomalyCheck == nil)
        #expect(state.list.summary(id: "o39")?.anomalyCount == 0)
    }

    @Test func pagesAppendedLaterTakeTheCountsThatWaitedForThem() {
        var (state, _) = AppStateTests.loaded(5)
        _ = state.handle(
            .anomaliesCounted(
                AnomalyCounts(start: 3, tallies: [Self.tally(2), nil, Self.tally(1)]), checked: 6, total: 6))
        #expect(state.list.summary(id: "o3")?.anomalyCount == 2)
        #expect(state.list.summary(id: "o4")?.anomalyCount == nil)
        state.list.append(AppStateTests.summaries(2, from: 5))
        #expect(state.list.summary(id: "o5")?.anomalyCount == 1)
        #expect(state.list.summary(id: "o6")?.anomalyCount == nil)
    }

    @Test func anAnomalyFilterRebuildsOnceAtATimeWhileBatchesArrive() throws {
        var state = Self.sharing(LargeListTests.store(40), taken: 40, inlineLimit: 10)
        guard let first = Self.filterByAnomalies(&state) else { return }
        // Two batches while the filter's rebuild runs: no rebuild each, one after it.
        let batch = { (start: Int) in
            AnomalyCounts(start: start, tallies: (start..<start + 20).map { Self.tally($0 % 4 == 1 ? 1 : 0) })
        }
        #expect(
            !state.handle(.anomaliesCounted(batch(0), checked: 20, total: 40)).contains(where: Self.isRebuild)
        )
        #expect(
            !state.handle(.anomaliesCounted(batch(20), checked: 40, total: 40)).contains(
                where: Self.isRebuild))
        let afterFirst = state.handle(
            .rowsRebuilt(generation: first.generation, rows: first.run(), covering: 40))
        guard case .rebuildRows(let second)? = afterFirst.first(where: Self.isRebuild) else {
            Issue.record("expected one more rebuild after counts changed, got \(afterFirst)")
            return
        }
        #expect(state.list.rebuildPending)
        let done = state.handle(.rowsRebuilt(generation: second.generation, rows: second.run(), covering: 40))
        #expect(!done.contains(where: Self.isRebuild))
        #expect(!state.list.rebuildPending)
        let shown = (0..<state.list.rows.count).compactMap { state.list.summary(atRow: $0)?.id }
        #expect(shown == stride(from: 1, to: 40, by: 4).map { "o\($0)" })

        // The same counts again change no row: no rebuild.
        #expect(state.handle(.anomaliesCounted(batch(0), checked: 40, total: 40)).isEmpty)
        // A count that changes, with no rebuild running: one rebuild at once.
        let changed = AnomalyCounts(start: 2, tallies: [Self.tally(3)])
        #expect(
            state.handle(.anomaliesCounted(changed, checked: 40, total: 40)).contains(where: Self.isRebuild))
    }

    @Test func aBigListFilteredByAnomaliesIsRebuiltOncePerEighthChecked() throws {
        var state = Self.sharing(LargeListTests.store(800), taken: 800, inlineLimit: 10)
        guard let first = Self.filterByAnomalies(&state) else { return }
        _ = state.handle(.rowsRebuilt(generation: first.generation, rows: first.run(), covering: 800))
        #expect(state.list.rows.isEmpty)  // nothing checked yet
        // Batches of 20 orders, each with an anomaly: a rebuild once 100 orders (an eighth of
        // 800) were checked since the last one, not for every batch.
        var rebuilds: [Int] = []
        for start in stride(from: 0, to: 800, by: 20) {
            let batch = AnomalyCounts(
                start: start, tallies: (start..<start + 20).map { Self.tally($0 % 20 == 0 ? 1 : 0) })
            let effects = state.handle(.anomaliesCounted(batch, checked: start + 20, total: 800))
            guard case .rebuildRows(let rebuild)? = effects.first(where: Self.isRebuild) else { continue }
            rebuilds.append(start + 20)
            _ = state.handle(.rowsRebuilt(generation: rebuild.generation, rows: rebuild.run(), covering: 800))
        }
        // Every fifth batch, and the last one (the check is over: the rows are complete).
        #expect(rebuilds == Array(stride(from: 100, through: 800, by: 100)))
        #expect(state.list.rows.count == 40)
        #expect(!state.list.rebuildPending)
    }

    /// Sets the `anomaly` filter and returns the rebuild it asks for (nil, recorded, if none).
    static func filterByAnomalies(_ state: inout AppState) -> RowRebuild? {
        let effects = state.handle(.command(.setFilter("anomaly")))
        guard case .rebuildRows(let rebuild)? = effects.last else {
            Issue.record("expected a rebuild effect, got \(effects)")
            return nil
        }
        return rebuild
    }

    static func isRebuild(_ effect: AppEffect) -> Bool {
        if case .rebuildRows = effect { return true }
        return false
    }
}
