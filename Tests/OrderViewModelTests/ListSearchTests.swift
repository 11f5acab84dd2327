import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// n/N over a shared store: matches found once per text (as an effect when the list is big),
/// then each key walks the rows shown testing one bit each; new rows from the index are tested
/// as they come.
@Suite struct ListSearchTests {
    static func loaded(_ count: Int, of store: SummaryStore, limit: Int = 10) -> AppState {
        var state = LargeListTests.started()
        state.list.inlineRebuildLimit = limit
        let shared = SharedSummaries(store: store, count: count, complete: false)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, shared: shared))))
        return state
    }

    /// The rows whose summary matches, by the plain definition.
    static func expectedRows(_ state: AppState, _ needle: String) -> [Int] {
        state.list.rows.indices.filter { row in
            state.list.summary(atRow: row).map { OrderQuery.textMatches(needle, $0) } ?? false
        }
    }

    @Test func aBigSearchRunsAsAnEffectThenNAndShiftNStepThroughTheMatches() throws {
        let store = LargeListTests.store(60)
        var state = Self.loaded(60, of: store)
        let needle = try #require(state.list.summary(atRow: 7)?.customerLastName)
        let expected = Self.expectedRows(state, needle)
        #expect(expected.count >= 2)

        let effects = state.handle(.command(.search(needle)))
        guard case .findSearchHits(let search)? = effects.last else {
            Issue.record("expected a search effect, got \(effects)")
            return
        }
        #expect(state.list.selectedRow == 0)  // nothing moves until the matches are in
        _ = state.handle(.searchHitsFound(generation: search.generation, search.run()))
        #expect(state.list.selectedRow == expected[0])

        for match in expected.dropFirst() {
            #expect(
                state.handle(.command(.searchNext)).allSatisfy {
                    if case .findSearchHits = $0 { false } else { true }
                })
            #expect(state.list.selectedRow == match)
        }
        _ = state.handle(.command(.searchNext))
        #expect(state.list.selectedRow == expected[0])
        #expect(state.status == .info("match 1 of \(expected.count) for \"\(needle)\", search wrapped"))
        _ = state.handle(.command(.searchPrevious))
        #expect(state.list.selectedRow == expected.last)
    }

    @Test func staleSearchResultsAreDroppedAndRowsIndexedLaterAreSearchedToo() throws {
        let store = LargeListTests.store(80)
        var state = Self.loaded(40, of: store)
        let first = state.handle(.command(.search("nobody-matches-this")))
        guard case .findSearchHits(let stale)? = first.last else {
            Issue.record("expected a search effect")
            return
        }
        let needle = try #require(state.list.summary(atRow: 3)?.customerFirstName)
        guard case .findSearchHits(let search)? = state.handle(.command(.search(needle))).last else {
            Issue.record("expected a search effect")
            return
        }
        _ = state.handle(.searchHitsFound(generation: stale.generation, stale.run()))  // dropped
        #expect(state.list.selectedRow == 0)
        _ = state.handle(.searchHitsFound(generation: search.generation, search.run()))
        #expect(state.list.selectedRow == Self.expectedRows(state, needle).first)

        // The index adds 40 rows: the next n tests them before stepping (few: at once).
        state.list.inlineRebuildLimit = 100
        let progress = IndexProgress(orders: 80, bytes: 100, totalBytes: 100, finished: true)
        _ = state.handle(.indexProgress(progress, SharedSummaries(store: store, count: 80, complete: true)))
        let expected = Self.expectedRows(state, needle)
        #expect(expected.contains { $0 >= 40 })
        var seen: [Int] = []
        for _ in expected.indices {
            _ = state.handle(.command(.searchNext))
            seen.append(state.list.selectedRow ?? -1)
        }
        #expect(seen.sorted() == expected)
    }

    @Test func noMatchSaysSoAndJumpFindsByNumberWithoutAScan() {
        let store = LargeListTests.store(30)
        var state = Self.loaded(30, of: store, limit: 1000)
        _ = state.handle(.command(.search("zz-no-such-order")))
        #expect(state.status == .warning("no order matches \"zz-no-such-order\""))
        _ = state.handle(.command(.jump("1017")))
        #expect(state.list.selectedID == "o17")
    }
}
