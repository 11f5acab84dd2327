import JSONCore
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Enter on a detail row that opens nothing shows its value whole, wrapped; on a row that
/// opens something it still drills in.
@Suite struct ValuePopupTests {
    let size = Size(width: 60, height: 24)

    @Test func enterOnAPlainRowShowsItsWholeValue() async throws {
        let long = String(repeating: "word ", count: 40) + "END"
        let json =
            #"{"id":"x1","order_number":"X-1","currency":"NOK","gross_amount":100,"#
            + #""items":[{"line_id":1,"id":"i1","description":"Item","quantity":1,"amount":100}],"#
            + #""store":{"id":"S1","name":"\#(long)"}}"#
        let orders = [Order(json: try JSONParser.parse(Array(json.utf8)))]
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("2")], &state, controller, size: size, orders: orders)
        let level = try #require(state.app.detail.current)
        let row = try #require(level.lines.firstIndex { level.row(at: $0)?.value == long })
        await Fixtures.press(
            Array(repeating: .char("j"), count: row - level.cursor) + [.enter], &state, controller,
            size: size,
            orders: orders)
        let popup = try #require(state.popup)
        #expect(popup.wraps)
        let screen = ScreenRenderer.render(state, size: size, theme: .monochrome).lines().joined(
            separator: "\n")
        #expect(screen.contains("END"), "\(screen)")
        #expect(!screen.contains("…"))
        await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
        #expect(state.popup == nil)
        #expect(state.app.detail.stack.count == 1)
    }

    @Test func enterOnARowThatOpensSomethingStillDrillsIn() async throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("2")], &state, controller, size: size, orders: orders)
        let level = try #require(state.app.detail.current)
        let row = try #require(level.lines.firstIndex { level.row(at: $0)?.target != nil })
        await Fixtures.press(
            Array(repeating: .char("j"), count: row - level.cursor) + [.enter], &state, controller,
            size: size,
            orders: orders)
        #expect(state.popup == nil)
        #expect(state.app.detail.stack.count == 2)
    }
}
