import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// The lead's state machine driven by events, with fake summaries and no I/O.
@Suite struct AppStateTests {
    static let names = ["Ann Berg", "Bo Li", "Cy Moe", "Ann Dahl", "Eva Holm", "Finn Ask"]

    static func summaries(_ count: Int, from start: Int = 0) -> [OrderSummary] {
        (start..<start + count).map { index in
            let name = names[index % names.count].split(separator: " ")
            return OrderSummary(
                id: "o\(index)", orderNumber: "\(1000 + index)",
                createdAt: "2024-01-\(10 + index % 10)T10:00:00Z",
                customerFirstName: String(name[0]), customerLastName: String(name[1]),
                status: index % 2 == 0 ? "open" : "closed", paymentStatus: "paid",
                grossAmount: Int64(index * 100),
                currency: "NOK")
        }
    }

    /// A state that has started, with one page of `count` summaries loaded.
    static func loaded(
        _ count: Int, next: PageCursor? = nil, pageSize: Int = 10, prefetch: Int = 5, viewport: Int = 10
    ) -> (AppState, [AppEffect]) {
        var state = AppState(origin: .demo, pageSize: pageSize, prefetchDistance: prefetch)
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: viewport, detailRows: 20, timelineRows: 10))
        let effects = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: summaries(count), next: next))))
        return (state, effects)
    }

    @Test func startAsksForTheFirstPage() {
        var state = AppState(origin: .demo, pageSize: 50)
        #expect(state.handle(.started) == [.loadPage(request: 1, after: nil, limit: 50)])
        #expect(state.list.paging.inFlight == 1)
    }

    @Test func pageLoadedShowsRowsAndLoadsTheFirstOrder() {
        let (state, effects) = Self.loaded(6)
        #expect(state.list.rows.count == 6)
        #expect(state.list.selectedID == "o0")
        #expect(effects == [.loadOrder(id: "o0")])
        #expect(state.detail.orderID == "o0")
        #expect(state.detail.load == .loading)
        #expect(state.list.paging.exhausted)
    }

    @Test func stalePageAndStaleOrderResultsAreDropped() throws {
        var state = AppState(origin: .demo, pageSize: 10)
        _ = state.handle(.started)
        #expect(
            state.handle(
                .pageLoaded(request: 7, .success(OrderPage(summaries: Self.summaries(3), next: nil)))) == [])
        #expect(state.list.rows.isEmpty)
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: Self.summaries(3), next: nil))))
        state.focus = .list
        #expect(state.handle(.command(.moveDown)) == [.loadOrder(id: "o1")])
        // The answer for o0 arrives late: cached, but the detail stays on o1.
        #expect(state.handle(.orderLoaded(id: "o0", .success(try Fixtures.order("{\"id\":\"o0\"}")))) == [])
        #expect(state.detail.orderID == "o1")
        #expect(state.detail.load == .loading)
        #expect(state.cache["o0"] != nil)
        // A late failure for o0 does not touch the detail either.
        #expect(state.handle(.orderLoaded(id: "o0", .failure(.orderNotFound(id: "o0")))) == [])
        #expect(state.detail.load == .loading)
        // Going back to o0 uses the cache: no load.
        #expect(state.handle(.command(.moveUp)) == [])
        #expect(state.detail.load == .loaded)
    }

    @Test func moveDownChangesSelectionAndAsksForTheOrder() {
        var (state, _) = Self.loaded(6)
        #expect(state.handle(.command(.moveDown)) == [.loadOrder(id: "o1")])
        #expect(state.list.selectedRow == 1)
        #expect(state.handle(.command(.moveToBottom)) == [.loadOrder(id: "o5")])
        #expect(state.handle(.command(.moveDown)) == [])
        #expect(state.list.selectedID == "o5")
    }

    @Test func prefetchesWhenTheSelectionNearsTheEnd() {
        var (state, effects) = Self.loaded(30, next: PageCursor("c1"), pageSize: 30, prefetch: 5)
        #expect(effects == [.loadOrder(id: "o0")])
        #expect(state.handle(.command(.selectRow(20))) == [.loadOrder(id: "o20")])
        #expect(
            state.handle(.command(.selectRow(25)))
                == [.loadOrder(id: "o25"), .loadPage(request: 2, after: PageCursor("c1"), limit: 30)])
        // While the page is in flight, no second request.
        #expect(state.handle(.command(.moveDown)) == [.loadOrder(id: "o26")])
        let next = state.handle(
            .pageLoaded(request: 2, .success(OrderPage(summaries: Self.summaries(10, from: 30), next: nil))))
        #expect(next == [])
        #expect(state.list.rows.count == 40)
        #expect(state.list.selectedID == "o26")
    }

    @Test func failedPageShowsErrorAndRetries() {
        var state = AppState(origin: .demo, pageSize: 10)
        _ = state.handle(.started)
        let error = SourceError.api(message: "boom", status: 503, retryable: true)
        #expect(state.handle(.pageLoaded(request: 1, .failure(error))) == [])
        #expect(state.list.paging.error == error)
        #expect(state.status == .error("API error 503: boom (r to retry)"))
        #expect(state.handle(.command(.retry)) == [.loadPage(request: 2, after: nil, limit: 10)])
        #expect(state.list.paging.error == nil)
    }

    /// An order that loads after a page failed does not hide the page's error: paging stays
    /// stopped until `r`, and the status bar must keep saying so.
    @Test func aPageErrorOutlivesALaterOrderLoad() throws {
        var state = AppState(origin: .demo, pageSize: 10)
        _ = state.handle(.started)
        _ = state.handle(
            .pageLoaded(
                request: 1, .success(OrderPage(summaries: Self.summaries(10), next: PageCursor("c1")))))
        _ = state.handle(.command(.moveToBottom))
        let error = SourceError.api(message: "boom", status: 500, retryable: true)
        _ = state.handle(.pageLoaded(request: 2, .failure(error)))
        #expect(state.status == .error("API error 500: boom (r to retry)"))
        let order = try Fixtures.order(#"{"id": "o9", "order_number": "1009"}"#)
        _ = state.handle(.orderLoaded(id: "o9", .success(order)))
        #expect(state.list.paging.error == error)
        #expect(state.status == .error("API error 500: boom (r to retry)"))
    }

    @Test func filterKeepsTheSelectionWhenItStillMatches() {
        var (state, _) = Self.loaded(6)
        _ = state.handle(.command(.selectRow(3)))  // o3, Ann Dahl
        #expect(state.handle(.command(.setFilter("ann"))) == [])
        #expect(state.list.rows.count == 2)
        #expect(state.list.selectedID == "o3")
        #expect(state.list.selectedRow == 1)
        // A filter that hides it moves the selection to the first match.
        #expect(state.handle(.command(.setFilter("status:open"))) == [.loadOrder(id: "o0")])
        #expect(state.list.selectedID == "o0")
        _ = state.handle(.command(.clearFilter))
        #expect(state.list.rows.count == 6)
    }

    @Test func sortIsStable() {
        var (state, _) = Self.loaded(6)
        _ = state.handle(.command(.sort(.status)))
        #expect(state.list.rows.map { state.list.loaded[$0].id } == ["o1", "o3", "o5", "o0", "o2", "o4"])
        #expect(state.list.selectedID == "o1")  // the first row after the sort
        _ = state.handle(.command(.sort(.status)))  // again: descending, equal keys still in source order
        #expect(state.list.rows.map { state.list.loaded[$0].id } == ["o0", "o2", "o4", "o1", "o3", "o5"])
    }

    @Test func searchNextAndPreviousWrap() {
        var (state, _) = Self.loaded(6)
        #expect(state.handle(.command(.search("ann"))) == [])  // o0 itself matches
        #expect(state.list.selectedID == "o0")
        #expect(state.handle(.command(.searchNext)) == [.loadOrder(id: "o3")])
        #expect(state.status == .info("match 2 of 2 for \"ann\""))
        #expect(state.handle(.command(.searchNext)) == [.loadOrder(id: "o0")])
        #expect(state.status == .info("match 1 of 2 for \"ann\", search wrapped"))
        #expect(state.handle(.command(.searchPrevious)) == [.loadOrder(id: "o3")])
        #expect(state.status == .info("match 2 of 2 for \"ann\", search wrapped"))
    }

    @Test func jumpByNumberOrID() {
        var (state, _) = Self.loaded(6)
        #expect(state.handle(.command(.jump("1004"))) == [.loadOrder(id: "o4")])
        #expect(state.handle(.command(.jump("o2"))) == [.loadOrder(id: "o2")])
        #expect(state.handle(.command(.jump("9999"))) == [])
        #expect(state.status == .warning("no order 9999 among the 6 orders loaded"))
        // Another case than the data's: ids here are lower case.
        #expect(state.handle(.command(.jump("O3"))) == [.loadOrder(id: "o3")])
        #expect(state.handle(.command(.jump("X9"))) == [])
        #expect(state.status == .warning("no order X9 among the 6 orders loaded"))
    }

    /// The line index of the first row with a target on the current level.
    static func line(of target: DrillTarget, in state: AppState) -> Int? {
        guard let level = state.detail.current else { return nil }
        return level.lines.firstIndex { level.row(at: $0)?.target == target }
    }

    @Test func drillIntoItemThenPayoutAndBackKeepsTheCursor() throws {
        var (state, _) = Self.loaded(3)
        _ = state.handle(.orderLoaded(id: "o0", .success(try Fixtures.exampleOrder())))
        #expect(state.detail.load == .loaded)
        _ = state.handle(.command(.drillIn))
        #expect(state.focus == .detail)
        let itemLine = try #require(Self.line(of: .item(0), in: state))
        _ = state.handle(.command(.selectRow(itemLine)))
        _ = state.handle(.command(.drillIn))
        #expect(state.detail.stack.count == 2)
        #expect(state.detail.current?.screen.crumb == "Item 1")
        let payoutLine = try #require(Self.line(of: .itemPayout(0), in: state))
        _ = state.handle(.command(.selectRow(payoutLine)))
        _ = state.handle(.command(.drillIn))
        #expect(state.breadcrumbs == ["Orders", "1000", "Item 1", "Payout"])
        #expect(state.detail.current?.cursor == 1)
        _ = state.handle(.command(.back))
        #expect(state.detail.current?.cursor == payoutLine)
        _ = state.handle(.command(.back))
        #expect(state.detail.stack.count == 1)
        #expect(state.detail.current?.cursor == itemLine)
        _ = state.handle(.command(.back))
        #expect(state.focus == .list)
    }

    @Test func timelineEntryDrillsIntoItsOperation() throws {
        var (state, _) = Self.loaded(3)
        _ = state.handle(.orderLoaded(id: "o0", .success(try Fixtures.order(PaymentTimelineTests.handMade))))
        #expect(state.timeline.count == 7)
        _ = state.handle(.command(.focus(.timeline)))
        _ = state.handle(.command(.selectRow(3)))
        _ = state.handle(.command(.drillIn))
        #expect(state.focus == .detail)
        #expect(state.detail.current?.target == .operation(kind: "capture", index: 2))
        // Back returns to the timeline entry it came from, not the top of the order's detail.
        _ = state.handle(.command(.back))
        #expect(state.focus == .timeline)
        #expect(state.timeline.cursor == 3)
        #expect(state.detail.stack.count == 1)
    }

    @Test func toggleSectionCollapsesAndExpands() throws {
        var (state, _) = Self.loaded(3)
        _ = state.handle(.orderLoaded(id: "o0", .success(try Fixtures.exampleOrder())))
        _ = state.handle(.command(.focus(.detail)))
        let itemLine = try #require(Self.line(of: .item(0), in: state))
        _ = state.handle(.command(.selectRow(itemLine)))
        let before = state.detail.current?.lines.count ?? 0
        _ = state.handle(.command(.toggleSection))
        #expect(state.detail.current?.collapsed == ["items"])
        #expect(state.detail.current?.lines.count == before - 1)
        let cursor = try #require(state.detail.current?.cursor)
        #expect(state.detail.current?.lines[cursor] == .header(4))
        #expect(state.detail.current?.screen.sections[4].id == "items")
        _ = state.handle(.command(.toggleSection))
        #expect(state.detail.current?.collapsed == [])
        #expect(state.detail.current?.lines.count == before)
    }
}
