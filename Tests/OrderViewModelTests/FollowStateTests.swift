import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// `browse --follow`: a poll's orders join the list marked, and nothing the operator was
/// looking at moves.
@Suite struct FollowStateTests {
    static func following() -> AppState {
        var state = AppState(origin: .api(accountID: "T12345678", storeID: nil), pageSize: 30)
        state.follow.every = 30
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: 10, detailRows: 20, timelineRows: 10))
        _ = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: AppStateTests.summaries(30), next: nil))))
        return state
    }

    @Test func newOrdersJoinMarkedAndTheSelectionAndScrollStay() {
        var state = Self.following()
        for _ in 0..<15 { _ = state.handle(.command(.moveDown)) }
        let selected = state.list.selectedID
        let row = state.list.selectedRow
        let scroll = state.list.scrollOffset
        #expect(selected == "o15" && scroll > 0)
        var changed = AppStateTests.summaries(1, from: 3)[0]
        changed.paymentStatus = "refunded"
        let polled = AppStateTests.summaries(1, from: 2) + [changed] + AppStateTests.summaries(2, from: 30)
        _ = state.handle(.followed(.success(polled)))
        #expect(state.list.loadedCount == 32)
        #expect(state.list.selectedID == selected && state.list.selectedRow == row)
        #expect(state.list.scrollOffset == scroll)
        #expect(state.follow.newIDs == ["o30", "o31"])
        #expect(state.follow.changedIDs == ["o3"])
        #expect(state.follow.mark(for: "o30") == "new" && state.follow.mark(for: "o3") == "chg")
        #expect(state.follow.mark(for: "o2") == nil)
        #expect(state.status == .info("follow: 2 new, 1 changed"))
        // The same answer again brings nothing more.
        _ = state.handle(.followed(.success(polled)))
        #expect(state.list.loadedCount == 32 && state.follow.newIDs.count == 2)
    }

    @Test func aFailedPollIsAWarningAndChangesNothing() {
        var state = Self.following()
        _ = state.handle(.followed(.failure(.api(message: "no network", status: nil, retryable: true))))
        #expect(state.status == .warning("follow: API error: no network"))
        #expect(state.list.loadedCount == 30 && state.follow.newIDs.isEmpty)
    }

    @Test func pollsStartAtTheNewestLoadedOrder() {
        // The fixtures were created on 10..19 January at 10:00Z.
        #expect(Self.following().newestCreatedAt == "2024-01-19T10:00:00Z")
        #expect(AppState(origin: .demo).newestCreatedAt == nil)
    }
}
