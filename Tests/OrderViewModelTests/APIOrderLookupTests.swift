import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// `:order ID` on the API: an order not paged in yet is fetched by id, joins the list and is
/// selected; on a dump it is only looked for among the loaded orders.
@Suite struct APIOrderLookupTests {
    static func apiState() -> AppState {
        var state = AppState(origin: .api(accountID: "T12345678", storeID: nil), pageSize: 10)
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: 10, detailRows: 20, timelineRows: 10))
        _ = state.handle(
            .pageLoaded(
                request: 1, .success(OrderPage(summaries: AppStateTests.summaries(3), next: PageCursor("o2")))
            ))
        return state
    }

    @Test func anOrderNotLoadedIsFetchedJoinsTheListAndIsSelected() throws {
        var state = Self.apiState()
        #expect(state.handle(.command(.jump("far-away"))) == [.lookUpOrder(id: "far-away")])
        #expect(state.status == .info("fetching order far-away…"))
        let order = try Fixtures.order(
            #"{"id": "far-away", "order_number": "N-77", "currency": "NOK", "gross_amount": 5}"#)
        let effects = state.handle(.orderLookedUp(id: "far-away", .success(order)))
        #expect(state.list.loadedCount == 4)
        #expect(state.list.selectedID == "far-away")
        #expect(state.detail.orderID == "far-away")
        #expect(state.detail.load == .loaded)
        // The detail came with the lookup: nothing more to load for it.
        #expect(!effects.contains(.loadOrder(id: "far-away")))
        // A page that brings the same order later does not list it twice.
        _ = state.handle(.command(.jump("o0")))
        var paged = AppStateTests.summaries(1, from: 3)
        paged.append(OrderSummary(order: order))
        _ = state.handle(.command(.moveToBottom))
        if let request = state.list.paging.inFlight {
            _ = state.handle(.pageLoaded(request: request, .success(OrderPage(summaries: paged, next: nil))))
        }
        #expect(state.list.loadedCount == 5)
    }

    @Test func aMissingOrderSaysSoInTheStatusBar() throws {
        var state = Self.apiState()
        _ = state.handle(.command(.jump("nope")))
        let error = SourceError.api(
            message: "no order nope in account T12345678", status: 404, retryable: false)
        // Not an id: looked for as an order number in the pages still to come (OrderHuntTests).
        _ = state.handle(.orderLookedUp(id: "nope", .failure(error)))
        let request = try #require(state.list.paging.inFlight)
        _ = state.handle(.pageLoaded(request: request, .success(OrderPage(summaries: [], next: nil))))
        #expect(
            state.status
                == .warning(
                    "API error 404: no order nope in account T12345678; no order number nope among the 3 orders listed"
                ))
        #expect(state.list.loadedCount == 3)
        // Any other failure is shown as it is.
        _ = state.handle(.command(.jump("down")))
        let down = SourceError.api(message: "the API is down", status: 503, retryable: true)
        #expect(state.handle(.orderLookedUp(id: "down", .failure(down))) == [])
        #expect(state.status == .error("API error 503: the API is down"))
    }

    @Test func dumpsAreNotAskedForOrdersTheyDoNotHold() {
        var (state, _) = AppStateTests.loaded(3)
        #expect(state.handle(.command(.jump("far-away"))) == [])
        #expect(state.status == .warning("no order far-away among the 3 orders loaded"))
    }
}
