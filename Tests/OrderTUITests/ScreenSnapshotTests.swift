import JSONCore
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

@Suite("screen snapshots")
struct ScreenSnapshotTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 50), (200, 60)])
    func mainScreen(width: Int, height: Int) async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: width, height: height)
        let (state, _) = await Fixtures.loadedState(size: size, orders: orders)
        Snapshot.assertScreen(state, size: size, theme: .monochrome, named: "main-\(width)x\(height)")
    }

    /// The documentation example (the last order): G, Enter focuses its detail. The payout tree
    /// below it has a snapshot of its own (`ViewSnapshotTests.payoutTree`).
    @Test func documentationOrderDetail() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("G"), .enter], &state, controller, size: size, orders: orders)
        #expect(state.app.focus == .detail)
        #expect(state.app.breadcrumbs.prefix(2) == ["Orders", "order123456"])
        Snapshot.assertScreen(state, size: size, theme: .monochrome, named: "detail-order123456-120x40")
    }

    @Test func helpOverlay() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 100, height: 30)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("?")], &state, controller, size: size, orders: orders)
        Snapshot.assertScreen(state, size: size, theme: .monochrome, named: "help-100x30")
        await Fixtures.press([.char("G")], &state, controller, size: size, orders: orders)
        Snapshot.assertScreen(state, size: size, theme: .monochrome, named: "help-end-100x30")
    }

    @Test func tinyTerminalsShowATooSmallMessageAndNeverCrash() async throws {
        let orders = try Fixtures.sampleOrders()
        for width in 0...30 {
            for height in 0...10 {
                let size = Size(width: width, height: height)
                let (state, _) = await Fixtures.loadedState(size: size, orders: orders)
                let grid = ScreenRenderer.render(state, size: size)
                #expect(grid.width == width && grid.height == height)
            }
        }
        let (state, _) = await Fixtures.loadedState(size: Size(width: 20, height: 4), orders: orders)
        Snapshot.assertScreen(
            state, size: Size(width: 20, height: 4), theme: .standard, named: "too-small-20x4")
    }

    @Test func singlePaneModeShowsOnlyTheFocusedPane() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 50, height: 16)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        #expect(ScreenLayout.compute(size: size, focus: .list).mode == .single)
        await Fixtures.press([.tab], &state, controller, size: size, orders: orders)
        Snapshot.assertScreen(state, size: size, theme: .monochrome, named: "single-detail-50x16")
    }

    @Test func filterPromptFiltersAsYouType() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let keys: [Key] = [.char("/")] + "currency:SEK".map { .char($0) }
        await Fixtures.press(keys, &state, controller, size: size, orders: orders)
        #expect(state.app.list.rows.count == 1)
        #expect(state.app.list.selectedSummary?.orderNumber == "SO-100002")
        await Fixtures.press([.enter], &state, controller, size: size, orders: orders)
        #expect(state.prompt == nil)
        let text = ScreenRenderer.render(state, size: size).text()
        #expect(text.contains("filter currency:SEK"))
    }

    @Test func hostileTextIsDrawnEscaped() async throws {
        let json = try JSONParser.parse(
            #"{"id":"x","order_number":"A\u001b[2J\u0007","customer":{"first_name":"\u202eevil"},"currency":"NOK","gross_amount":1}"#
        )
        let orders = [Order(json: json)]
        let size = Size(width: 120, height: 30)
        let (state, _) = await Fixtures.loadedState(size: size, orders: orders)
        let grid = ScreenRenderer.render(state, size: size)
        let text = grid.text()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.contains("\u{202e}"))
        #expect(text.contains(#"A\e[2J\a"#))
    }
}
