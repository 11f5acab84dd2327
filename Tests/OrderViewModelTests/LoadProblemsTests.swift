import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// Every problem met while loading is kept for the problems list, not only the latest one the
/// status bar shows.
@Suite struct LoadProblemsTests {
    static func problem(_ file: String, _ line: Int) -> SourceProblem {
        SourceProblem(file: file, line: line, column: 1, message: "line \(line) is not a valid order")
    }

    @Test func pageAndIndexProblemsAreKeptInOrderOnceEach() {
        var state = AppState(origin: .demo, pageSize: 2)
        _ = state.handle(.started)
        #expect(state.loadProblems.isEmpty)
        let first = Self.problem("a.ndjson", 2)
        let second = Self.problem("a.ndjson", 4)
        _ = state.handle(
            .pageLoaded(
                request: 1,
                .success(
                    OrderPage(
                        summaries: AppStateTests.summaries(2), next: PageCursor("2"),
                        problems: [first, second]))))
        #expect(state.loadProblems == [first.description, second.description])
        #expect(state.status == .warning(second.description))

        // The next page repeats one (a source re-reading after a retry) and adds one.
        let third = Self.problem("b.json", 9)
        _ = state.handle(.command(.moveToBottom))
        _ = state.handle(
            .pageLoaded(
                request: 2,
                .success(
                    OrderPage(
                        summaries: AppStateTests.summaries(1, from: 2), next: nil, problems: [second, third]))
            ))
        #expect(state.loadProblems == [first, second, third].map(\.description))
        #expect(state.status == .warning(third.description))
    }

    @Test func theListIsBounded() {
        var state = AppState(origin: .demo, pageSize: 10)
        _ = state.handle(.started)
        let many = (1...(AppState.loadProblemLimit + 50)).map { Self.problem("big.ndjson", $0) }
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, problems: many))))
        #expect(state.loadProblems.count == AppState.loadProblemLimit)
        #expect(state.loadProblems.first == many[0].description)
        // The status bar still says what the latest one was.
        #expect(state.status == .warning(many.last!.description))
    }
}
