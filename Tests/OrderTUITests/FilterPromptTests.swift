import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The filter prompt follows the typing, and what it leaves applied is what was meant: the typed
/// filter on Enter, the filter from before on Esc or when the typed text does not parse.
@Suite struct FilterPromptTests {
    let size = Size(width: 120, height: 40)

    func typing(_ text: String) -> [Key] { text.map { .char($0) } }

    @Test func escPutsBackTheFilterFromBefore() async throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press(
            [.char("/")] + typing("status:open") + [.enter], &state, controller, size: size, orders: orders)
        let open = state.app.list.rows.count
        #expect(state.app.list.query.source == "status:open")

        await Fixtures.press(
            [.char("/"), .ctrl("u")] + typing("currency:SEK"), &state, controller, size: size, orders: orders)
        #expect(state.app.list.query.source == "currency:SEK")  // followed the typing
        await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
        #expect(state.prompt == nil)
        #expect(state.app.list.query.source == "status:open")
        #expect(state.app.list.rows.count == open)
    }

    @Test func enterOnTextThatDoesNotParseKeepsTheFilterFromBeforeAndSaysWhy() async throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        // While typing, `amount>1` parsed and was applied; `amount>1x` does not parse.
        await Fixtures.press(
            [.char("/")] + typing("amount>1x") + [.enter], &state, controller, size: size, orders: orders)
        #expect(state.app.list.query.isEmpty, "left applied: \(state.app.list.query.source)")
        #expect(state.app.list.rows.count == orders.count)
        guard case .error(let message)? = state.app.status else {
            Issue.record("no error: \(String(describing: state.app.status))")
            return
        }
        #expect(message.hasPrefix("filter:"))
        // Opening the prompt again offers the filter in force, not the half-typed prefix.
        await Fixtures.press([.char("/")], &state, controller, size: size, orders: orders)
        #expect(state.prompt?.text == "")
    }

    @Test func enterKeepsWhatWasTyped() async throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press(
            [.char("/")] + typing("currency:SEK") + [.enter], &state, controller, size: size, orders: orders)
        #expect(state.app.list.query.source == "currency:SEK")
        #expect(state.app.list.rows.count == 1)
    }
}

/// `:sort COLUMN [asc|desc]` on the command line.
@Suite struct SortCommandLineTests {
    @Test func aDirectionOtherThanAscOrDescIsRefused() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        _ = controller.runCommandLine("sort amount desc", state: &state)
        #expect(state.app.list.sort == SortOrder(.amount, ascending: false))
        _ = controller.runCommandLine("sort created sideways", state: &state)
        #expect(state.app.list.sort == SortOrder(.amount, ascending: false))
        #expect(state.app.status == .error(":sort created takes asc or desc after the column, not sideways"))
        _ = controller.runCommandLine("sort created asc", state: &state)
        #expect(state.app.list.sort == SortOrder(.created, ascending: true))
    }
}
