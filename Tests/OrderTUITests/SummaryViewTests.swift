import Foundation
import JSONCore
import OrderAnalysis
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The summary view (F, :group) and its time chart, drawn from the demo dataset with every
/// order checked for anomalies, through the real key and event path.
@Suite("summary view")
struct SummaryViewTests {
    static func demoOrders() throws -> [Order] {
        let data = try Data(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Resources/demo-orders.json"))
        return (try JSONParser.parse(Array(data)).arrayValue ?? []).map { Order(json: $0) }
    }

    /// Every demo order loaded (with its anomalies, as after the background check).
    static func loaded(size: Size) async throws -> (UIState, UIController, [Order]) {
        let orders = try demoOrders()
        var state = UIState(
            app: AppState(origin: .files(["demo-orders.json"]), pageSize: 1_000),
            sourceLabel: "demo-orders.json")
        let runner = EffectRunner(source: FixtureSource(orders: orders, analysed: true))
        let layout = ScreenLayout.compute(size: size, focus: .list)
        await runner.send(
            .viewportChanged(
                listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows),
            to: &state.app)
        await runner.send(.started, to: &state.app)
        return (state, UIController(), orders)
    }

    static func type(_ text: String) -> [Key] { text.map { $0 == " " ? Key.char(" ") : Key.char($0) } }

    @Test(arguments: [(80, 24), (200, 50)])
    func groupedByStatusAndCurrency(width: Int, height: Int) async throws {
        let size = Size(width: width, height: height)
        var (state, controller, orders) = try await Self.loaded(size: size)
        await Fixtures.press(
            [.char(":")] + Self.type("group status,currency") + [.enter], &state, controller, size: size,
            orders: orders)
        #expect(state.app.summary.isActive)
        #expect(state.app.summary.table?.orderCount == 300)
        Snapshot.assertScreen(
            state, size: size, theme: .monochrome, named: "summary-status-currency-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (200, 50)])
    func timeChartByDay(width: Int, height: Int) async throws {
        let size = Size(width: width, height: height)
        var (state, controller, orders) = try await Self.loaded(size: size)
        await Fixtures.press(
            [.char(":")] + Self.type("group day") + [.enter], &state, controller, size: size, orders: orders)
        let grid = ScreenRenderer.render(state, size: size, theme: .monochrome)
        #expect(grid.lines().contains { $0.contains("Orders per day") })
        #expect(grid.lines().contains { $0.contains("!") })  // days with anomalies are marked
        Snapshot.assert(grid, theme: .monochrome, named: "summary-chart-day-\(width)x\(height)")
    }

    @Test func timeChartInASCII() async throws {
        let size = Size(width: 80, height: 24)
        var (state, controller, orders) = try await Self.loaded(size: size)
        await Fixtures.press(
            [.char(":")] + Self.type("group month") + [.enter], &state, controller, size: size, orders: orders
        )
        var theme = Theme.monochrome
        theme.glyphs = .ascii
        let grid = ScreenRenderer.render(state, size: size, theme: theme)
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("#"))
        #expect(!text.contains("█") && !text.contains("─") && !text.contains("▏"))
        #expect(grid.lines().allSatisfy { $0.count <= 80 })
        Snapshot.assert(grid, theme: theme, named: "summary-chart-month-ascii-80x24")
    }

    @Test func enterOpensTheGroupAndEscReturns() async throws {
        let size = Size(width: 120, height: 40)
        var (state, controller, orders) = try await Self.loaded(size: size)
        await Fixtures.press(
            [.char("/")] + Self.type("currency:NOK") + [.enter], &state, controller, size: size,
            orders: orders)
        let nok = state.app.list.rows.count
        await Fixtures.press([.char("F")], &state, controller, size: size, orders: orders)
        #expect(state.app.summary.isActive)
        let summary = try #require(state.app.summary.table)
        #expect(summary.orderCount == nok)  // the filter is respected
        let group = try #require(state.app.summary.selectedGroup)
        await Fixtures.press([.enter], &state, controller, size: size, orders: orders)
        #expect(!state.app.summary.isActive)
        let status = try #require(group.values[0])
        #expect(state.app.list.query.source == "currency:NOK status:\(status)")
        #expect(state.app.list.rows.count == group.orders)
        await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
        #expect(state.app.summary.isActive)
        #expect(state.app.list.query.source == "currency:NOK")
        #expect(state.app.summary.selectedGroup?.values == group.values)
        // Biggest group first; s cycles the sort on to the money columns, then the values.
        #expect(state.app.summary.table?.sort.column == .orders)
        await Fixtures.press([.char("s")], &state, controller, size: size, orders: orders)
        #expect(state.app.summary.table?.sort == SummarySort(column: .gross, ascending: false))
        let gross = state.app.summary.table?.groups.compactMap { $0.totals(in: "NOK")?.gross } ?? []
        #expect(gross == gross.sorted(by: >))
        await Fixtures.press([.char("S")], &state, controller, size: size, orders: orders)
        #expect(state.app.summary.table?.sort.ascending == true)
        await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
        #expect(!state.app.summary.isActive)
        #expect(state.app.list.query.source == "currency:NOK")
    }

    @Test func theKeyTableHasNoConflictsWithF() {
        #expect(KeyTable.standard.conflicts().isEmpty)
        #expect(KeyTable.standard.command(for: .char("F"), focus: .list) == .app(.summarize(nil)))
    }
}
