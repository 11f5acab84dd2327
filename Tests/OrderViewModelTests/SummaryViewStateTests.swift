import OrderAnalysis
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// The summary view's reducer through `AppState`: effects out, results in, partial until every
/// order is checked, stale results dropped, one computation at a time.
@Suite("Summary view state")
struct SummaryViewStateTests {
    static func loaded(_ count: Int) -> AppState {
        var state = AppState(origin: .files(["x.json"]))
        guard case .loadPage(let request, _, _)? = state.handle(.started).first else { return state }
        let summaries = (0..<count).map {
            OrderSummary(
                id: "o\($0)", status: $0 % 2 == 0 ? "open" : "closed", grossAmount: 100, currency: "NOK")
        }
        _ = state.handle(.pageLoaded(request: request, .success(OrderPage(summaries: summaries, next: nil))))
        return state
    }

    static func requests(_ effects: [AppEffect]) -> [SummaryRequest] {
        effects.compactMap {
            if case .computeSummary(let request) = $0 { return request } else { return nil }
        }
    }

    @Test func partialUntilTheChecksReportedAndStaleResultsDropped() throws {
        var state = Self.loaded(10)
        let first = try #require(Self.requests(state.handle(.command(.summarize([.status])))).first)
        #expect(state.summary.isActive && state.summary.computing)
        let firstTable = first.run()  // as the loop runs it, before the checks report
        // The checks report while the first computation runs: one more is asked for only after it.
        let counts = AnomalyCounts(
            start: 0,
            tallies: (0..<10).map { AnomalyTally(count: $0 == 3 ? 1 : 0, kinds: $0 == 3 ? 1 : 0) })
        #expect(Self.requests(state.handle(.anomaliesCounted(counts, checked: 10, total: 10))).isEmpty)
        let again = try #require(
            Self.requests(state.handle(.summaryComputed(generation: first.generation, firstTable))).first)
        #expect(state.summary.partial)  // computed before any order was checked
        #expect(state.summary.table?.uncheckedOrders == 10)
        _ = state.handle(.summaryComputed(generation: again.generation, again.run()))
        #expect(!state.summary.partial)
        #expect(state.summary.table?.groups.map(\.anomalous).reduce(0, +) == 1)
        // A result from an older generation changes nothing.
        let shown = state.summary
        _ = state.handle(.summaryComputed(generation: first.generation, first.run()))
        #expect(state.summary == shown)
    }

    @Test func aFilterTypedOverTheSummaryRecomputesIt() throws {
        var state = Self.loaded(10)
        let first = try #require(Self.requests(state.handle(.command(.summarize([.status])))).first)
        _ = state.handle(.summaryComputed(generation: first.generation, first.run()))
        #expect(state.summary.table?.orderCount == 10)
        let next = try #require(Self.requests(state.handle(.command(.setFilter("status:open")))).first)
        _ = state.handle(.summaryComputed(generation: next.generation, next.run()))
        #expect(state.summary.isActive)
        #expect(state.summary.table?.orderCount == 5)
        #expect(state.summary.table?.groups.map(\.values) == [["open"]])
    }

    @Test func paneCommandsDoNothingWhileItShows() throws {
        var state = Self.loaded(4)
        let first = try #require(Self.requests(state.handle(.command(.summarize(nil)))).first)
        _ = state.handle(.summaryComputed(generation: first.generation, first.run()))
        #expect(state.summary.columns == [.status])
        let focus = state.focus
        #expect(state.handle(.command(.focusNext)).isEmpty)
        #expect(state.focus == focus)
        _ = state.handle(.command(.moveDown))
        #expect(state.summary.selectedLine == 1)
        _ = state.handle(.command(.moveDown))
        #expect(state.summary.selectedLine == 1)  // two groups, one line each
        _ = state.handle(.command(.back))
        #expect(!state.summary.isActive)
        #expect(!state.summary.canReturn)
    }
}
