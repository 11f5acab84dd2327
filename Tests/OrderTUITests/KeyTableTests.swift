import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

@Suite("key table")
struct KeyTableTests {
    let table = KeyTable.standard

    @Test func noKeyIsBoundTwiceInOneContext() {
        let conflicts = table.conflicts()
        #expect(conflicts.isEmpty, "conflicts: \(conflicts.map { "\($0.0.name) in \($0.1)" })")
    }

    @Test func paneBindingsDoNotShadowGlobalOnesUnintentionally() {
        let global = table.bindings.filter { $0.contexts.contains(.global) }.flatMap(\.keys)
        // Only the pane modes take global keys; a box, the copy menu and a prompt have their own.
        for binding in table.bindings where !binding.contexts.contains(.global) {
            guard binding.contexts.contains(where: \.takesGlobalKeys) else { continue }
            for key in binding.keys {
                #expect(!global.contains(key), "\(key.name) is bound globally and in \(binding.contexts)")
            }
        }
    }

    @Test(arguments: [
        AppCommand.moveUp, .moveDown, .pageUp, .pageDown, .moveToTop, .moveToBottom, .focusNext,
        .focusPrevious,
        .drillIn, .back, .toggleSection, .toggleRaw, .searchNext, .searchPrevious, .cycleSort, .reverseSort,
        .retry,
        .quit, .focus(.list), .focus(.detail), .focus(.timeline),
    ])
    func everyCommandIsReachableWithoutFunctionKeysOrMouse(_ command: AppCommand) {
        let binding = table.bindings.first { $0.command == .app(command) }
        #expect(binding != nil, "\(command) has no key")
        let keys = binding?.keys ?? []
        #expect(
            keys.contains { key in
                if case .function = key { return false }
                if case .mouse = key { return false }
                return true
            })
    }

    @Test func uiCommandsHaveKeys() {
        for command: UICommand in [
            .openFilterPrompt, .openSearchPrompt, .openCommandLine, .toggleHelp, .redraw, .suspend,
            .showLoadProblems,
        ] {
            #expect(table.bindings.contains { $0.command == command }, "\(command) has no key")
        }
    }

    @Test func helpScreenListsExactlyTheTable() {
        let helpLines = table.helpSections().flatMap(\.lines)
        let expected = table.bindings.flatMap { binding in
            binding.contexts.map { _ in (binding.keys.map(\.name).joined(separator: " "), binding.help) }
        }
        #expect(helpLines.count == expected.count)
        for (keys, help) in expected {
            #expect(
                helpLines.contains { $0.keys == keys && $0.help == help },
                "missing from help: \(keys) \(help)")
        }
        let rendered = HelpOverlay.lines(table).map(\.text).joined(separator: "\n")
        for binding in table.bindings { #expect(rendered.contains(binding.help)) }
    }

    @Test func dispatchPrefersThePaneBinding() {
        #expect(table.command(for: .char("s"), focus: .list) == .app(.cycleSort))
        #expect(table.command(for: .char("s"), focus: .detail) == nil)
        #expect(table.command(for: .char("c"), focus: .detail) == .app(.toggleSection))
        #expect(table.command(for: .char("j"), focus: .timeline) == .app(.moveDown))
        #expect(table.command(for: .char("q"), focus: .detail) == .app(.quit))
    }

    @Test func hintBarShowsOnlyKeysThatWorkInThePane() {
        let listHints = table.hints(focus: .list).map(\.hint)
        #expect(listHints.contains("sort"))
        #expect(!listHints.contains("fold"))
        let detailHints = table.hints(focus: .detail).map(\.hint)
        #expect(detailHints.contains("fold"))
        #expect(detailHints.contains("raw"))
        #expect(!detailHints.contains("sort"))
    }
}
