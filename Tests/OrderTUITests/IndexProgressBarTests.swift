import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The status bar while a dump is indexed in the background and while a big filter runs.
@Suite struct IndexProgressBarTests {
    @Test func statusBarShowsIndexingProgressThenTheTotal() throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 30)
        let store = SummaryStore()
        for order in orders { store.append(OrderSummary(order: order)) }
        var fresh = UIState(
            app: AppState(origin: .files(["big.json"]), pageSize: 100, prefetchDistance: .max),
            sourceLabel: "big.json")
        _ = fresh.app.handle(.started)
        let progress = IndexProgress(orders: 41_230, bytes: 43, totalBytes: 100, finished: false)
        _ = fresh.app.handle(
            .indexProgress(progress, SharedSummaries(store: store, count: orders.count, complete: false)))
        let text = ScreenRenderer.render(fresh, size: size).text()
        #expect(text.contains("indexing 43% (41,230 orders)"))
        #expect(fresh.app.list.loadedCount == orders.count)

        let done = IndexProgress(orders: orders.count, bytes: 100, totalBytes: 100, finished: true)
        _ = fresh.app.handle(
            .indexProgress(done, SharedSummaries(store: store, count: orders.count, complete: true)))
        let after = ScreenRenderer.render(fresh, size: size).text()
        #expect(!after.contains("indexing"))
        #expect(after.contains("\(orders.count)/\(orders.count) orders"))
        #expect(fresh.app.indexing == nil)
    }

    @Test func groupedCounts() {
        #expect(Bars.grouped(0) == "0")
        #expect(Bars.grouped(999) == "999")
        #expect(Bars.grouped(1_000) == "1,000")
        #expect(Bars.grouped(41_230) == "41,230")
        #expect(Bars.grouped(1_000_000) == "1,000,000")
    }
}
