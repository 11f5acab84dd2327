import Foundation
import JSONCore
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// A 1 MB customer name and item description (as in Tests/Fixtures/dumps/hostile.json): a frame
/// sanitizes and measures only what it shows, so every key on that screen costs what it costs on
/// a small order. Checked by counting the text handed to the sanitizer and the width function
/// (timing would be flaky on a loaded machine); before the fix a frame looked at every byte.
@Suite struct HugeValueRenderTests {
    /// JSON text of 1 MB once decoded: `x ESC [ 3 1 m` 174,763 times.
    static let megabyte = String(repeating: "x\\u001b[31m", count: 174_763)

    static func order() throws -> Order {
        let json = try JSONParser.parse(
            #"{"id":"huge","order_number":"HUGE-1","currency":"NOK","gross_amount":1,"customer":{"first_name":"MEGA-START "#
                + megabyte + #""},"items":[{"line_id":1,"description":"MEGA-START "# + megabyte
                + #"","quantity":1,"amount":1}]}"#)
        return Order(json: json)
    }

    @Test func framesWithAMegabyteValueLookAtTheScreenOnly() async throws {
        let orders = [try Self.order()]
        let name = orders[0].customer?.firstName ?? ""
        #expect(name.utf8.count > 1_000_000)
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let meter = TextWorkMeter()
        let grid = TextWorkMeter.$current.withValue(meter) { ScreenRenderer.render(state, size: size) }
        let text = grid.text()
        #expect(text.contains(#"MEGA-START x\e[31mx\e[31m"#))
        // The whole screen is 4,800 cells; a frame that escaped the name once was over 1 MB.
        #expect(meter.bytes < 200_000, "a frame looked at \(meter.bytes) bytes of text")

        // Keys on the screen of the item whose description is the megabyte: focus the detail,
        // move to the item row, open it.
        await Fixtures.press([.enter], &state, controller, size: size, orders: orders)
        let level = try #require(state.app.detail.current)
        let itemLine = try #require(
            level.lines.firstIndex { line in
                guard case .row(let section, let row) = line else { return false }
                return level.screen.sections[section].title.hasPrefix("Items")
                    && level.screen.sections[section].rows[row].target != nil
            })
        await Fixtures.press(
            Array(repeating: .char("j"), count: itemLine - level.cursor) + [.enter], &state, controller,
            size: size, orders: orders)
        let itemMeter = TextWorkMeter()
        let item = await TextWorkMeter.$current.withValue(itemMeter) {
            await Fixtures.press([.char("j"), .char("k")], &state, controller, size: size, orders: orders)
            return ScreenRenderer.render(state, size: size).text()
        }
        #expect(item.contains("› Item"), "not on the item screen:\n\(item)")
        #expect(item.contains(#"MEGA-START x\e[31m"#))
        #expect(itemMeter.bytes < 200_000, "a key and a frame looked at \(itemMeter.bytes) bytes of text")
    }
}
