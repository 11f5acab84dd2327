import OrderAnalysis
import OrderModel
import OrderSources
import Testing

@testable import OrderViewModel

/// Issue 16: the answers a few keys away, feedback that does not mislead.
@Suite("operator path")
struct OperatorPathTests {
    /// The sample orders loaded (documentation example last), the first one's detail shown.
    static func sampleState() throws -> AppState {
        let orders = try Fixtures.sampleOrders()
        var state = AppState(origin: .demo, pageSize: 100)
        _ = state.handle(.started)
        _ = state.handle(.viewportChanged(listRows: 10, detailRows: 20, timelineRows: 10))
        let summaries = orders.map { OrderSummary(order: $0) }
        var effects = state.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: summaries, next: nil))))
        while let effect = effects.first {
            effects.removeFirst()
            if case .loadOrder(let id) = effect,
                let order = orders.first(where: { OrderSummary(order: $0).id == id })
            {
                effects += state.handle(.orderLoaded(id: id, .success(order)))
            }
        }
        return state
    }

    static func select(_ id: String, _ state: inout AppState) throws {
        let orders = try Fixtures.sampleOrders()
        var effects = state.handle(.command(.jump(id)))
        while let effect = effects.first {
            effects.removeFirst()
            if case .loadOrder(let id) = effect,
                let order = orders.first(where: { OrderSummary(order: $0).id == id })
            {
                effects += state.handle(.orderLoaded(id: id, .success(order)))
            }
        }
    }

    @Test func foldsAreRememberedPerSectionKindForTheNextOrder() throws {
        var state = try Self.sampleState()
        _ = state.handle(.command(.jumpToSection("items")))
        #expect(state.focus == .detail)
        _ = state.handle(.command(.toggleSection))
        #expect(state.detail.current?.collapsed.contains("items") == true)
        #expect(state.foldedSections == ["items"])
        // The next order opens with its items folded too.
        _ = state.handle(.command(.focus(.list)))
        try Self.select("order123456", &state)
        #expect(state.detail.current?.collapsed.contains("items") == true)
        // Unfold everything: remembered as well.
        _ = state.handle(.command(.focus(.detail)))
        _ = state.handle(.command(.foldAll(false)))
        #expect(state.detail.current?.collapsed.isEmpty == true)
        #expect(state.foldedSections.isEmpty)
        _ = state.handle(.command(.foldAll(true)))
        let ids = Set(state.detail.current?.screen.sections.map(\.id) ?? [])
        #expect(state.detail.current?.collapsed == ids)
    }

    @Test func aSectionJumpUnfoldsAndLandsOnTheFirstRowThatOpens() throws {
        var state = try Self.sampleState()
        try Self.select("order123456", &state)
        _ = state.handle(.command(.focus(.detail)))
        _ = state.handle(.command(.foldAll(true)))
        _ = state.handle(.command(.focus(.list)))
        _ = state.handle(.command(.jumpToSection("items")))
        let level = try #require(state.detail.current)
        #expect(state.focus == .detail)
        #expect(!level.collapsed.contains("items"))
        let row = try #require(level.row(at: level.lines[level.cursor]))
        #expect(row.target == .item(0))
        // `p` on the item row: its payout tree, one key.
        _ = state.handle(.command(.openPayout))
        #expect(state.detail.current?.target == .itemPayout(0))
        #expect(state.detail.current?.screen.sections.first?.id == "payout")
    }

    @Test func aMissingSectionIsSaidNotGuessed() throws {
        var state = try Self.sampleState()
        _ = state.handle(.command(.jumpToSection("attachments")))
        if state.detail.current?.screen.sections.contains(where: { $0.id == "attachments" }) != true {
            #expect(state.status == .warning("no attachments section here"))
        }
    }

    @Test func theTimelineOpensOnItsLastEntry() throws {
        var state = try Self.sampleState()
        try Self.select("order123456", &state)
        let count = try #require(state.selectedAnalysis?.timeline.entries.count)
        #expect(count > 1)
        #expect(state.timeline.cursor == count - 1)
    }

    @Test func orderFindsWhatTheFilterHidesAndClearsIt() throws {
        var state = try Self.sampleState()
        _ = state.handle(.command(.setFilter("status:nothing-has-this")))
        #expect(state.list.rows.count == 0)
        try Self.select("ORDER123456", &state)  // any case
        #expect(state.list.query.isEmpty)
        #expect(state.list.selectedSummary?.orderNumber == "order123456")
        #expect(state.status?.text.contains("hid it and is cleared") == true)
    }

    @Test func orderTakesAUniquePrefixAndListsSeveral() {
        var (state, _) = AppStateTests.loaded(30)
        // Numbers are 1000...1029: "1029" is exact, "102" starts ten of them.
        _ = state.handle(.command(.jump("1029")))
        #expect(state.list.selectedID == "o29")
        _ = state.handle(.command(.jump("o1")))  // exact id beats the prefix o10...o19
        #expect(state.list.selectedID == "o1")
        _ = state.handle(.command(.jump("102")))
        #expect(state.list.selectedID == "o1")  // not moved
        #expect(state.status?.text.hasPrefix("10 orders start with 102: 1020, 1021") == true)
        _ = state.handle(.command(.jump("O2")))  // exact, another case
        #expect(state.list.selectedID == "o2")
    }

    @Test func aLaterSuccessClearsAStaleError() throws {
        var (state, _) = AppStateTests.loaded(3)
        _ = state.handle(.orderLoaded(id: "o0", .failure(.orderNotFound(id: "o0"))))
        #expect({ if case .error? = state.status { return true } else { return false } }())
        let order = try Fixtures.order(#"{"id": "o0", "order_number": "1000"}"#)
        _ = state.handle(.orderLoaded(id: "o0", .success(order)))
        #expect(state.status == nil)
    }

    @Test func countsAreWordedRight() {
        var (state, _) = AppStateTests.loaded(6)
        _ = state.handle(.command(.setFilter("1003")))
        #expect(state.status == .info("1 order matches 1003"))
        _ = state.handle(.command(.setFilter("status:open")))
        #expect(state.status == .info("3 orders match status:open"))
    }

    @Test func sortCyclesOnlyTheShownColumnsAndShowsTheStart() {
        var (state, _) = AppStateTests.loaded(6)
        _ = state.handle(
            .viewportChanged(listRows: 5, detailRows: 10, timelineRows: 5, listColumns: [.number, .amount]))
        _ = state.handle(.command(.moveToBottom))
        _ = state.handle(.command(.cycleSort))
        #expect(state.list.sort?.column == .number)
        #expect(state.list.selectedRow == 0)
        _ = state.handle(.command(.cycleSort))
        #expect(state.list.sort?.column == .amount)
        _ = state.handle(.command(.cycleSort))
        #expect(state.list.sort?.column == .number)
    }
}

@Suite("itinerary units")
struct ItineraryUnitTests {
    @Test func distancesAndDurationsShowUnits() throws {
        let order = try Fixtures.order(
            #"""
            {"id": "t1", "itinerary": [{"id": "leg", "distance": {"value": 7088}, "duration": {"value": 23880}},
                                       {"id": "short", "distance": {"value": 640}, "duration": {"value": "x"}}]}
            """#)
        let long = try #require(OrderScreens.screen(.itinerary(0), in: order))
        let rows = long.sections.flatMap(\.rows)
        #expect(rows.first { $0.label == "Distance" }?.value == "7.1 km (7088 m)")
        #expect(rows.first { $0.label == "Duration" }?.value == "6h 38m (23880 s)")
        let short = try #require(OrderScreens.screen(.itinerary(1), in: order))
        #expect(short.sections.flatMap(\.rows).first { $0.label == "Distance" }?.value == "640 m")
    }
}
