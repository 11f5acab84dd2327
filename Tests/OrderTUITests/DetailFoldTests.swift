import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// A folded detail section says how many rows it hides, in words, after its own title.
@Suite struct DetailFoldTests {
    @Test func foldedSectionSaysHowManyRowsItHides() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("2")], &state, controller, size: size, orders: orders)
        let level = try #require(state.app.detail.current)
        let items = try #require(level.screen.sections.firstIndex { $0.id == "items" })
        let title = level.screen.sections[items].title
        #expect(title.hasPrefix("Items ("))
        let rows = level.screen.sections[items].rows.count
        let header = try #require(
            level.lines.firstIndex { if case .header(items) = $0 { true } else { false } })
        await Fixtures.press(
            Array(repeating: .char("j"), count: header) + [.char("c")], &state, controller, size: size,
            orders: orders)
        let text = ScreenRenderer.render(state, size: size, theme: .monochrome).lines().joined(
            separator: "\n")
        let expected = "▸ \(title) · \(rows) row\(rows == 1 ? "" : "s")"
        #expect(text.contains(expected), "\(text)")
    }
}
