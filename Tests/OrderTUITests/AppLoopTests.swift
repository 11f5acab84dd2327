import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import TestTiming
import Testing

@testable import OrderTUI

/// An in-memory source that serves the fixture orders in pages.
struct FixtureSource: OrderSource {
    var orders: [Order]
    /// Summaries carry their anomaly counts, as after the background check.
    var analysed = false
    var origin: SourceOrigin { .files(["fixture"]) }

    func page(after cursor: PageCursor?, limit: Int) async throws(SourceError) -> OrderPage {
        let start = cursor.flatMap { Int($0.value) } ?? 0
        let end = min(orders.count, start + limit)
        let summaries = orders[start..<end].map {
            analysed ? OrderSummary(analysing: $0) : OrderSummary(order: $0)
        }
        return OrderPage(
            summaries: Array(summaries), next: end < orders.count ? PageCursor(String(end)) : nil,
            totalCount: orders.count)
    }

    func order(id: String) async throws(SourceError) -> Order {
        guard let order = orders.first(where: { OrderSummary(order: $0).id == id }) else {
            throw .orderNotFound(id: id)
        }
        return order
    }

    func session(orderID: String, sessionID: String) async throws(SourceError) -> Session {
        throw .sessionNotFound(orderID: orderID, sessionID: sessionID)
    }
}

/// The time limit is only a hang guard: the loop's loads are tasks on the cooperative pool, which
/// CPU-bound tests held for minutes in a loaded full run (`loopLoadsPagesOpensOrdersAndQuits`
/// passed after 67 s against the old one-minute limit).
@Suite("app loop", .serialized, .timeLimit(.minutes(TestTime.minutes(10))))
struct AppLoopTests {
    @Test func loopLoadsPagesOpensOrdersAndQuits() async throws {
        let orders = try Fixtures.sampleOrders()
        let terminal = FakeTerminal(size: Size(width: 120, height: 40))
        terminal.enqueue(.char("j"), .char("j"), .tab)
        let state = UIState(app: AppState(origin: .files(["fixture"]), pageSize: 2), sourceLabel: "fixture")
        let loop = AppLoop(state: state, terminal: terminal, source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)
        #expect(loop.state.app.list.selectedSummary?.orderNumber == "SO-100003")
        #expect(loop.state.app.focus == .detail)
        #expect(loop.state.app.detail.load == .loaded)
        // Paging happened in the background: pages of 2 were requested as the selection moved.
        #expect(loop.state.app.list.loaded.count >= 4)
        let text = terminal.lastFrame?.text() ?? ""
        #expect(text.contains("SO-100003"))
        #expect(text.contains("Oslo S – Bergen"))
    }

    @Test func quitKeyEndsTheLoop() async throws {
        let orders = try Fixtures.sampleOrders()
        let terminal = FakeTerminal(size: Size(width: 80, height: 24))
        terminal.enqueue(.char("q"), .char("j"))
        let loop = AppLoop(
            state: UIState(app: AppState(origin: .demo), sourceLabel: "demo"), terminal: terminal,
            source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)
        #expect(loop.state.app.isQuitting)
        #expect(terminal.pendingKeys == [.char("j")])
    }

    @Test func resizeReLaysOutAtOnce() async throws {
        let orders = try Fixtures.sampleOrders()
        let terminal = FakeTerminal(size: Size(width: 200, height: 50))
        terminal.enqueue(.resize(Size(width: 80, height: 24)))
        let loop = AppLoop(
            state: UIState(app: AppState(origin: .demo), sourceLabel: "demo"), terminal: terminal,
            source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)
        #expect(terminal.lastFrame?.width == 80)
        #expect(terminal.lastFrame?.height == 24)
        #expect(
            loop.state.app.list.viewportHeight
                == ScreenLayout.compute(size: Size(width: 80, height: 24), focus: .list).listRows)
    }
}
