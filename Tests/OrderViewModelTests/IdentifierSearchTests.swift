import OrderIndex
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// Issue 16 item 3: `f` (search) and `/` (filter) also match the identifiers the list's columns
/// do not hold, never a redacted one, with "match x of y"; item 2: `:order NUMBER` on the API
/// pages through the list for an order not loaded yet, with progress, and Esc stops it.
@Suite struct IdentifierSearchTests {
    /// Three API orders: a PSP payment id and a transaction id on the second, an email and a
    /// session id on the third, the same payment id as a word in the first's item description.
    static let documents = [
        #"""
        {"id": "a-1", "order_number": "N-1", "currency": "NOK", "gross_amount": 100,
         "items": [{"line_id": 1, "description": "gift for PID_77AB", "amount": 100}]}
        """#,
        #"""
        {"id": "a-2", "order_number": "N-2", "currency": "NOK", "gross_amount": 200,
         "captures": [{"id": "cap-9", "amount": 200, "metadata": {"transaction_id": "T-5150"},
                       "payment_details": {"payment_id": "PID_77AB", "psp": "Bambora"}}]}
        """#,
        #"""
        {"id": "a-3", "order_number": "N-3", "currency": "NOK", "gross_amount": 300,
         "customer": {"email": "kari@post.example", "phone_number": "+4790000001"},
         "sessions": [{"id": "sess-314"}]}
        """#,
    ]

    static func apiState(redaction: Redaction = .off) throws -> AppState {
        var state = AppState(origin: .api(accountID: "T12345678", storeID: nil), pageSize: 10)
        state.redaction = redaction
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: 10, detailRows: 20, timelineRows: 10))
        let orders = try documents.map { try Fixtures.order($0) }
        let page = OrderPage(
            summaries: orders.map { OrderSummary(order: $0) }, next: nil,
            identifiers: orders.map { OrderIdentifiers.of($0.raw) })
        _ = state.handle(.pageLoaded(request: 1, .success(page)))
        return state
    }

    @Test func searchFindsAPaymentIDInAnIdentifierFieldOnlyAndCountsTheMatches() throws {
        var state = try Self.apiState()
        _ = state.handle(.command(.search("pid_77ab")))
        // The first order holds the text in an item description: not an identifier.
        #expect(state.list.selectedID == "a-2")
        #expect(state.status == .info("match 1 of 1 for \"pid_77ab\""))
        _ = state.handle(.command(.search("T-5150")))
        #expect(state.list.selectedID == "a-2")
        _ = state.handle(.command(.search("sess-3")))
        #expect(state.list.selectedID == "a-3")
        _ = state.handle(.command(.search("N-")))  // from the selection on: a-3 itself
        #expect(state.status == .info("match 3 of 3 for \"N-\""))
        _ = state.handle(.command(.searchNext))
        #expect(state.status == .info("match 1 of 3 for \"N-\", search wrapped"))
    }

    @Test func filterKeepsTheOrdersWhoseIdentifiersHoldTheText() throws {
        var state = try Self.apiState()
        _ = state.handle(.command(.setFilter("cap-9")))
        #expect(state.list.rows.count == 1)
        #expect(state.list.selectedID == "a-2")
        #expect(state.status == .info("1 order matches cap-9"))
        _ = state.handle(.command(.setFilter("-pid_77ab")))
        #expect(state.list.rows.count == 2)
    }

    @Test func ordersThatArriveLaterAreMatchedToo() throws {
        var state = try Self.apiState()
        _ = state.handle(.command(.setFilter("pid_77")))
        #expect(state.list.rows.count == 1)
        _ = state.handle(.command(.search("pid_77")))
        let later = try Fixtures.order(
            #"{"id": "a-4", "order_number": "N-4", "currency": "NOK", "gross_amount": 1, "#
                + #""refunds": [{"id": "r-1", "payment_details": {"payment_id": "PID_77CD"}}]}"#)
        _ = state.handle(.command(.jump("a-4")))
        _ = state.handle(.orderLookedUp(id: "a-4", .success(later)))
        // The filter and the search take in the new order (only the new position is searched).
        #expect(state.list.rows.count == 2)
        _ = state.handle(.command(.searchNext))
        #expect(state.status?.text.hasPrefix("match ") == true)
        #expect(state.status?.text.contains(" of 2 for \"pid_77\"") == true)
    }

    @Test func emailAndPhoneMatchOnlyWhileNotRedacted() throws {
        var state = try Self.apiState()
        _ = state.handle(.command(.search("kari@post")))
        #expect(state.list.selectedID == "a-3")
        _ = state.handle(.command(.setFilter("+4790000001")))
        #expect(state.list.rows.count == 1)

        var redacted = try Self.apiState(redaction: .locked)
        _ = redacted.handle(.command(.search("kari@post")))
        #expect(redacted.status == .warning("no order matches \"kari@post\""))
        _ = redacted.handle(.command(.setFilter("+4790000001")))
        #expect(redacted.list.rows.count == 0)
        // Nor does the mask itself match: "[redacted]" is not the customer's data.
        _ = redacted.handle(.command(.setFilter("redacted")))
        #expect(redacted.list.rows.count == 0)
        // Identifiers that are not personal still match.
        _ = redacted.handle(.command(.setFilter("sess-314")))
        #expect(redacted.list.rows.count == 1)

        // Turning redaction on searches again.
        _ = state.handle(.command(.clearFilter))
        _ = state.handle(.command(.toggleRedaction))
        _ = state.handle(.command(.search("kari@post")))
        #expect(state.status == .warning("no order matches \"kari@post\""))
    }

    @Test func aDumpListAsksTheSourceOffTheLoopAndEscStopsThePass() throws {
        let (state0, _) = AppStateTests.loaded(3)
        var state = state0
        state.sourceSearchesIdentifiers = true
        let effects = state.handle(.command(.search("o1")))
        guard case .findSearchHits(let search)? = effects.last else {
            Issue.record("expected a search off the loop, got \(effects)")
            return
        }
        #expect(state.status == .info("searching 3 orders for \"o1\"… (Esc stops)"))
        #expect(state.list.runningPass === search.control)
        _ = state.handle(.command(.back))
        #expect(search.control.isStopped)
        #expect(state.status == .info("stopping the identifier search…"))
        // Stopped, the hits come from the list's columns only, and say so.
        _ = state.handle(.searchHitsFound(generation: search.generation, search.run()))
        #expect(state.list.selectedID == "o1")
        #expect(state.status == .info("match 1 of 1 for \"o1\" (identifiers not searched)"))

        // A filter with free text goes off the loop too.
        let filter = state.handle(.command(.setFilter("o2")))
        guard case .rebuildRows(let rebuild)? = filter.last else {
            Issue.record("expected a rebuild off the loop, got \(filter)")
            return
        }
        #expect(state.list.runningPass === rebuild.control)
        _ = state.handle(.rowsRebuilt(generation: rebuild.generation, rows: rebuild.run(), covering: 3))
        #expect(state.list.rows.count == 1)
        #expect(state.list.runningPass == nil)
    }
}

/// `:order NUMBER` on the API: the id lookup's 404 starts a hunt through the list's pages.
@Suite struct OrderHuntTests {
    static let notFound = SourceError.api(
        message: "no order 1008 in account T12345678", status: 404, retryable: false)

    @Test func aNumberNotLoadedIsFoundByPagingOnWithProgress() throws {
        var state = APIOrderLookupTests.apiState()
        #expect(state.handle(.command(.jump("1008"))) == [.lookUpOrder(id: "1008")])
        // The list's prefetch of the next page is in flight already: its answer goes on with it.
        #expect(state.handle(.orderLookedUp(id: "1008", .failure(Self.notFound))) == [])
        let request = try #require(state.list.paging.inFlight)
        #expect(state.hunt?.text == "1008")
        #expect(state.status?.text.contains("looking for it as an order number") == true)
        let next = state.handle(
            .pageLoaded(
                request: request,
                .success(OrderPage(summaries: AppStateTests.summaries(3, from: 3), next: PageCursor("o5")))))
        #expect(state.status == .info("looking for order 1008: 1 page, 3 orders more listed… (Esc stops)"))
        guard case .loadPage(let second, _, _)? = next.last else {
            Issue.record("expected another page, got \(next)")
            return
        }
        _ = state.handle(
            .pageLoaded(
                request: second,
                .success(OrderPage(summaries: AppStateTests.summaries(3, from: 6), next: nil))))
        #expect(state.hunt == nil)
        #expect(state.list.selectedID == "o8")
        #expect(state.status == .info("order 1008 (2 pages read)"))
    }

    @Test func escStopsTheHuntAndTheEndOfTheListSaysWhatWasLookedAt() throws {
        var state = APIOrderLookupTests.apiState()
        _ = state.handle(.command(.jump("1008")))
        _ = state.handle(.orderLookedUp(id: "1008", .failure(Self.notFound)))
        #expect(state.hunt != nil)
        _ = state.handle(.command(.back))
        #expect(state.hunt == nil)
        #expect(state.status == .info("stopped looking for order 1008 after 0 pages (0 orders listed)"))

        var ended = APIOrderLookupTests.apiState()
        _ = ended.handle(.command(.jump("4242")))
        let missing = SourceError.api(
            message: "no order 4242 in account T12345678", status: 404, retryable: false)
        _ = ended.handle(.orderLookedUp(id: "4242", .failure(missing)))
        let request = try #require(ended.list.paging.inFlight)
        _ = ended.handle(
            .pageLoaded(
                request: request,
                .success(OrderPage(summaries: AppStateTests.summaries(2, from: 3), next: nil))))
        #expect(ended.hunt == nil)
        #expect(
            ended.status
                == .warning(
                    "API error 404: no order 4242 in account T12345678; no order number 4242 among the 5 orders listed"
                ))
    }
}
