import OrderAnalysis
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Issue 16: the screens an operator reads most, at the three terminal sizes the issue names
/// (80x24, 120x40, 200x50): an item, the payout tree, the payment timeline and a travel
/// reservation, text and style mask (colour theme); the list is `ScreenSnapshotTests.mainScreen`. Each is reached through the real
/// keys from the list, and the test asserts it got there before it compares the screen.
@Suite("snapshots at three sizes")
struct SizedSnapshotTests {
    static let sizes = [
        Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 50),
    ]

    static func name(_ view: String, _ size: Size) -> String { "\(view)-\(size.width)x\(size.height)" }

    /// The sample dump at `size`, the documentation example (the last order) selected and its
    /// detail focused.
    static func documentationOrder(_ size: Size) async throws -> (UIState, UIController, [Order]) {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("G"), .enter], &state, controller, size: size, orders: orders)
        try #require(state.app.focus == .detail)
        try #require(state.app.breadcrumbs.prefix(2) == ["Orders", "order123456"])
        return (state, controller, orders)
    }

    /// Moves the detail cursor down to the first row of the current level that `matches`, then
    /// presses Enter.
    static func open(
        _ description: String, _ state: inout UIState, _ controller: UIController, orders: [Order],
        size: Size, where matches: (DetailRow) -> Bool
    ) async throws {
        let level = try #require(state.app.detail.current)
        let line = try #require(
            level.lines.firstIndex { level.row(at: $0).map(matches) ?? false },
            "no row \(description) on this level")
        try #require(line >= level.cursor)
        let keys = Array(repeating: Key.char("j"), count: line - level.cursor) + [.enter]
        await Fixtures.press(keys, &state, controller, size: size, orders: orders)
    }

    /// The documentation order's first item (Enter on its row in Items).
    @Test(arguments: sizes)
    func item(size: Size) async throws {
        var (state, controller, orders) = try await Self.documentationOrder(size)
        try await Self.open("opening the first item", &state, controller, orders: orders, size: size) {
            $0.target == .item(0)
        }
        #expect(state.app.detail.current?.target == .item(0))
        #expect(state.app.breadcrumbs.last == "Item 1", "\(state.app.breadcrumbs)")
        Snapshot.assertScreen(state, size: size, theme: .standard, named: Self.name("item-order123456", size))
    }

    /// The first item's payout tree (`p` on the item row opens it).
    @Test(arguments: sizes)
    func payoutTree(size: Size) async throws {
        var (state, controller, orders) = try await Self.documentationOrder(size)
        try await Self.open("opening an item", &state, controller, orders: orders, size: size) {
            $0.target == .item(0)
        }
        try await Self.open("opening the payout tree", &state, controller, orders: orders, size: size) {
            $0.target == .itemPayout(0)
        }
        #expect(state.app.detail.current?.target == .itemPayout(0))
        let text = ScreenRenderer.render(state, size: size).text()
        #expect(text.contains("Payout tree") && text.contains("of parent"), "not the payout tree:\n\(text)")
        Snapshot.assertScreen(
            state, size: size, theme: .standard, named: Self.name("payout-order123456", size))
    }

    /// `3`: the payment timeline, on its last entry with the final totals.
    @Test(arguments: sizes)
    func paymentTimeline(size: Size) async throws {
        var (state, controller, orders) = try await Self.documentationOrder(size)
        await Fixtures.press([.char("3")], &state, controller, size: size, orders: orders)
        #expect(state.app.focus == .timeline)
        let text = ScreenRenderer.render(state, size: size).text()
        #expect(text.contains("capture") && text.contains("278.40 NOK"), "not the timeline:\n\(text)")
        Snapshot.assertScreen(
            state, size: size, theme: .standard, named: Self.name("timeline-order123456", size))
    }

    /// The train reservation of the documentation order: its passengers, legs and insurance.
    @Test(arguments: sizes)
    func travelReservation(size: Size) async throws {
        var (state, controller, orders) = try await Self.documentationOrder(size)
        let train = DrillTarget.reservation(attachment: 0, kind: "train")
        try await Self.open("opening the train reservation", &state, controller, orders: orders, size: size) {
            $0.target == train
        }
        #expect(state.app.detail.current?.target == train)
        let text = ScreenRenderer.render(state, size: size).text()
        #expect(text.contains("Train reservation") && text.contains("Leg"), "not the reservation:\n\(text)")
        Snapshot.assertScreen(
            state, size: size, theme: .standard, named: Self.name("reservation-order123456", size))
    }
}
