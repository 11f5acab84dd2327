import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Whole-screen snapshots, text and styles, of the views beyond the list and the detail: the raw
/// JSON view, the popups (a value, the load problems, the copy menu) and the error screens (a
/// failed load, a terminal too small). The payment timeline and the payout tree are in
/// `SizedSnapshotTests`, at three sizes. All in the colour
/// theme, so the mask checks colours too; each is reached through the real keys, and the test
/// asserts it got there before it compares the screen.
@Suite("view snapshots")
struct ViewSnapshotTests {
    let size = Size(width: 120, height: 40)

    /// The sample dump loaded at `size`, the documentation example (the last order) selected
    /// and its detail focused.
    func documentationOrder() async throws -> (UIState, UIController, [Order]) {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("G"), .enter], &state, controller, size: size, orders: orders)
        try #require(state.app.focus == .detail)
        try #require(state.app.breadcrumbs.prefix(2) == ["Orders", "order123456"])
        return (state, controller, orders)
    }

    /// Moves the detail cursor to the first row of the current level that `matches`, then
    /// presses `then`.
    func moveTo(
        _ description: String, _ state: inout UIState, _ controller: UIController, orders: [Order],
        then: [Key] = [],
        where matches: (DetailRow) -> Bool
    ) async throws {
        let level = try #require(state.app.detail.current)
        let line = try #require(
            level.lines.firstIndex { level.row(at: $0).map(matches) ?? false },
            "no row \(description) on this level")
        let keys = Array(repeating: Key.char("j"), count: max(0, line - level.cursor)) + then
        await Fixtures.press(keys, &state, controller, size: size, orders: orders)
    }

    @Test func rawJSONView() async throws {
        var (state, controller, orders) = try await documentationOrder()
        await Fixtures.press([.char("r")], &state, controller, size: size, orders: orders)
        let text = ScreenRenderer.render(state, size: size).text()
        #expect(text.contains(#""id": "3c90c3cc-0d44-4b50-8888-8dd25736052a""#), "not the raw view:\n\(text)")
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "raw-order123456-120x40")
    }

    /// Enter on a row that opens nothing: its value whole, in a popup.
    @Test func valuePopup() async throws {
        var (state, controller, orders) = try await documentationOrder()
        try await moveTo("with the order id", &state, controller, orders: orders, then: [.enter]) {
            $0.value == "3c90c3cc-0d44-4b50-8888-8dd25736052a" && $0.target == nil
        }
        let popup = try #require(state.popup)
        #expect(popup.lines.joined().contains("3c90c3cc-0d44-4b50-8888-8dd25736052a"))
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "popup-value-120x40")
    }

    @Test func copyMenu() async throws {
        var (state, controller, orders) = try await documentationOrder()
        await Fixtures.press([.char("C")], &state, controller, size: size, orders: orders)
        #expect(state.copyMenu)
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "popup-copy-menu-120x40")
    }

    /// The sample orders, and two problems met while loading them: `P` lists them.
    @Test func loadProblems() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 100, height: 30)
        var state = UIState(
            app: AppState(origin: .files(["Resources/sample-orders.json"])),
            sourceLabel: "Resources/sample-orders.json")
        let controller = UIController()
        let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
        var effects = state.app.handle(
            .viewportChanged(
                listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows))
        effects += state.app.handle(.started)
        guard case .loadPage(let request, _, _) = effects.first else {
            Issue.record("no page requested: \(effects)")
            return
        }
        let problems = [
            SourceProblem(
                file: "Resources/sample-orders.json", line: 2, column: 26,
                message:
                    "line 2 is not a valid order: expected a JSON value but found 'N' at column 26; the line was skipped"
            ),
            SourceProblem(
                file: "Resources/sample-orders.json", line: 90, column: 1, message: "the file ends early"),
        ]
        let summaries = orders.map { OrderSummary(order: $0) }
        let loaded = state.app.handle(
            .pageLoaded(
                request: request, .success(OrderPage(summaries: summaries, next: nil, problems: problems))))
        await EffectRunner(source: FixtureSource(orders: orders)).settle(loaded, in: &state.app)
        await Fixtures.press([.char("P")], &state, controller, size: size, orders: orders)
        #expect(state.popup?.title == "2 load problems")
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "popup-load-problems-100x30")
    }

    /// A dump that cannot be read: the empty list and the error in the status bar.
    @Test func loadFailure() throws {
        let size = Size(width: 100, height: 30)
        var state = UIState(
            app: AppState(origin: .files(["Resources/sample-orders.json"])),
            sourceLabel: "Resources/sample-orders.json")
        let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
        var effects = state.app.handle(
            .viewportChanged(
                listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows))
        effects += state.app.handle(.started)
        guard case .loadPage(let request, _, _) = effects.first else {
            Issue.record("no page requested: \(effects)")
            return
        }
        let error = SourceError.malformed(
            SourceProblem(
                file: "Resources/sample-orders.json", line: 3, column: 7,
                message: "expected ',' or '}' but found 'x'"))
        _ = state.app.handle(.pageLoaded(request: request, .failure(error)))
        #expect(state.app.list.paging.error == error)
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "error-load-failure-100x30")
    }

    /// Too small for any layout: the message, and the sizes it needs (the monochrome 20×4 one is
    /// in `ScreenSnapshotTests`).
    @Test func terminalTooSmall() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 23, height: 8)
        let (state, _) = await Fixtures.loadedState(size: size, orders: orders)
        #expect(ScreenRenderer.render(state, size: size).text().contains("too small"))
        Snapshot.assertScreen(state, size: size, theme: .standard, named: "error-too-small-23x8")
    }
}
