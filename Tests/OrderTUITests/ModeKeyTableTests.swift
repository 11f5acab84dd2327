import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Every mode's keys come from the key table: a remap in config applies to boxes, the copy menu
/// and prompts too, and the help screen lists them.
@Suite("key tables per mode")
struct ModeKeyTableTests {
    @Test func aRemappedMoveDownScrollsTheHelpBox() async throws {
        let keys = try KeyTable.standard.overriding([(name: "move_down", keys: [.char("J")])])
        let controller = UIController(keys: keys)
        var state = UIState(app: AppState(origin: .files(["x"])), sourceLabel: "x")
        let size = Size(width: 80, height: 24)
        _ = controller.handle(.char("?"), state: &state, size: size)
        #expect(state.showHelp)
        _ = controller.handle(.char("J"), state: &state, size: size)
        #expect(state.helpScroll == 1)
        // The old key no longer scrolls: nothing is hard-coded in the box.
        _ = controller.handle(.char("j"), state: &state, size: size)
        #expect(state.helpScroll == 1)
        _ = controller.handle(.escape, state: &state, size: size)
        #expect(!state.showHelp)
    }

    @Test func aRemappedPromptKeySubmits() throws {
        let keys = try KeyTable.standard.overriding([(name: "prompt_submit", keys: [.ctrl("j")])])
        let controller = UIController(keys: keys)
        var state = UIState(app: AppState(origin: .files(["x"])), sourceLabel: "x")
        let size = Size(width: 80, height: 24)
        for key in [Key.char(":"), .char("h"), .char("e"), .char("l"), .char("p")] {
            _ = controller.handle(key, state: &state, size: size)
        }
        #expect(state.prompt?.text == "help")
        _ = controller.handle(.ctrl("j"), state: &state, size: size)
        #expect(state.prompt == nil)
        #expect(state.showHelp)
    }

    @Test func theCopyMenuIsDrawnAndDispatchedFromTheTable() throws {
        let keys = try KeyTable.standard.overriding([(name: "menu_copy_id", keys: [.char("d")])])
        let entries = PopupOverlay.copyMenuEntries(keys)
        #expect(entries.map(\.key) == ["n", "d", "v", "j", "t", "p"])
        #expect(keys.command(for: .char("d"), in: .copyMenu) == .menuCopy(.orderID))
        #expect(keys.command(for: .char("i"), in: .copyMenu) == nil)
        // Global keys do not leak into a modal mode.
        #expect(keys.command(for: .char("q"), in: .copyMenu) == nil)
        #expect(keys.command(for: .char("q"), in: .prompt) == nil)
    }

    @Test func theRawViewHasItsOwnMode() {
        let table = KeyTable.standard
        #expect(table.command(for: .char("c"), in: .raw) == .app(.toggleSection))
        #expect(table.command(for: .char("r"), in: .raw) == .app(.toggleRaw))
        #expect(table.command(for: .char("s"), in: .raw) == nil)
        #expect(table.hints(in: .raw).contains { $0.hint == "fold" })
    }

    @Test func theHelpScreenHasASectionPerMode() {
        let titles = KeyTable.standard.helpSections().map(\.title)
        for context in [KeyContext.global, .list, .detail, .raw, .box, .copyMenu, .prompt] {
            #expect(titles.contains(context.title), "no help for \(context)")
        }
        #expect(KeyTable.name(of: .menuCopy(.jqPath)) == "menu_copy_path")
    }

    @Test func theSectionMenuLettersAreRemappableBindings() async throws {
        let keys = try KeyTable.standard.overriding([(name: "section_items", keys: [.char("I")])])
        #expect(keys.command(for: .char("I"), in: .sectionMenu) == .menuSection("items"))
        #expect(keys.command(for: .char("i"), in: .sectionMenu) == nil)
        #expect(KeyTable.name(of: .menuSection("paymentDetails")) == "section_payment_details")
        let help = try #require(keys.helpSections().first { $0.title == KeyContext.sectionMenu.title })
        #expect(help.lines.contains { $0.keys == "I" && $0.help == "Jump to the items" })
        // A letter that another section has in the menu is refused, like any collision in a mode.
        #expect(throws: KeyOverrideError.self) {
            try KeyTable.standard.overriding([(name: "section_items", keys: [.char("p")])])
        }
        // `o` then the new letter jumps where `o i` jumps with the standard table.
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        let (start, standardController) = await Fixtures.loadedState(size: size, orders: orders)
        var standard = start
        await Fixtures.press(
            [.char("o"), .char("i")], &standard, standardController, size: size, orders: orders)
        var remapped = start
        let controller = UIController(keys: keys)
        await Fixtures.press([.char("o")], &remapped, controller, size: size, orders: orders)
        #expect(remapped.sectionMenu)
        #expect(
            SectionMenu.entries(remapped.app, keys: keys).contains {
                $0.id == "items" && $0.key == .char("I")
            })
        await Fixtures.press([.char("I")], &remapped, controller, size: size, orders: orders)
        #expect(!remapped.sectionMenu)
        #expect(standard.app != start.app)
        #expect(remapped.app == standard.app)
    }

    @Test func aRemapThatCollidesInsideAModeIsRefused() {
        #expect(throws: KeyOverrideError.self) {
            try KeyTable.standard.overriding([(name: "prompt_clear", keys: [.enter])])
        }
    }
}
