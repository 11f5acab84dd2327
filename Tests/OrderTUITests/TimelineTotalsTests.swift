import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The totals under the payment timeline: the order's final ones at a glance, running ones
/// (labelled with the entry) while the operator steps through the timeline.
@Suite struct TimelineTotalsTests {
    let size = Size(width: 200, height: 60)

    func screen(_ state: UIState) -> String {
        ScreenRenderer.render(state, size: size, theme: .monochrome).lines().joined(separator: "\n")
    }

    @Test func unfocusedPaneShowsTheFinalTotalsAndFocusedTheRunningOnes() throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = Fixtures.loadedState(size: size, orders: orders)
        let timeline = try #require(state.app.selectedAnalysis?.timeline)
        #expect(timeline.entries.count >= 2)
        let currency = timeline.currency ?? Currency(code: "NOK")
        let money = { (amount: Int64) in MoneyFormatter.standard.string(minorUnits: amount, currency: currency) }

        // Not focused: the order's totals, whatever the cursor is on.
        #expect(state.app.timeline.cursor == 0)
        var text = screen(state)
        #expect(text.contains("─ totals ─"))
        #expect(text.contains("capt \(money(timeline.totals.captured))"), "\(text)")
        #expect(timeline.totals.captured != timeline.entries[0].totals.captured)

        // Focused: running totals after the entry under the cursor, and the label says which.
        Fixtures.press([.char("3")], &state, controller, size: size, orders: orders)
        text = screen(state)
        #expect(text.contains("totals after 1/\(timeline.entries.count)"), "\(text)")
        #expect(text.contains("capt \(money(timeline.entries[0].totals.captured))"))
        Fixtures.press([.char("G")], &state, controller, size: size, orders: orders)
        text = screen(state)
        let count = timeline.entries.count
        #expect(text.contains("totals after \(count)/\(count)"), "\(text)")
        #expect(text.contains("capt \(money(timeline.totals.captured))"))
    }
}
