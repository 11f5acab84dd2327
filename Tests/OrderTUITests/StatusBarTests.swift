import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The status bar and the prompt line when their text is wider than the screen: cut with "…",
/// the message ahead of a long filter, the prompt's end (with the cursor) in view.
@Suite struct StatusBarTests {
    func line(_ state: UIState, _ size: Size, row: Int) -> String {
        ScreenRenderer.render(state, size: size, theme: .monochrome).lines()[row]
    }

    @Test func aLongMessageEndsInAnEllipsis() {
        let size = Size(width: 60, height: 20)
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        state.app.status = .error(
            "unknown command :foo (try :order, :sort, :filter, :find, :copy, :export, :screenshot)")
        let bar = line(state, size, row: 18)
        #expect(bar.hasSuffix("…"), "\(bar)")
        #expect(bar.contains("✗ unknown command :foo"))
    }

    @Test func theMessageKeepsHalfTheBarAheadOfALongFilter() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 80, height: 24)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let filter = "status:open payment:paid amount>1 -currency:NOK created>=2020-01-01"
        await Fixtures.press(
            [.char("/")] + filter.map { .char($0) } + [.enter, .char("s")], &state, controller, size: size,
            orders: orders)
        let bar = line(state, size, row: 22)
        #expect(bar.contains("sorted by"), "\(bar)")
        #expect(bar.contains("· filter status:open"), "\(bar)")
        #expect(bar.contains("…"), "\(bar)")
    }

    @Test func aLongPromptShowsItsEndWhereTheCursorIs() {
        let size = Size(width: 40, height: 20)
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        state.prompt = UIState.Prompt(
            kind: .filter, text: "status:open payment:paid amount>1000 hansen created>=2023")
        let prompt = line(state, size, row: 19)
        #expect(prompt.hasPrefix("…"), "\(prompt)")
        #expect(prompt.contains("created>=2023▏"), "\(prompt)")
        #expect(prompt.displayWidth <= 40)
    }
}

/// The title bar's source label.
@Suite struct TitleBarTests {
    @Test func aLongSourceLabelEndsInAnEllipsis() {
        let files = (1...12).map { "dumps/orders-2024-\($0).ndjson.gz" }.joined(separator: " ")
        let state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: files)
        let title = ScreenRenderer.render(state, size: Size(width: 80, height: 24), theme: .monochrome)
            .lines()[0]
        #expect(title.hasPrefix(" OrderScope  dumps/orders-2024-1.ndjson.gz"), "\(title)")
        #expect(title.hasSuffix("…"), "\(title)")
    }
}
