import OrderViewModel
import TerminalCore

/// Where a binding applies: one key table per mode, all held in one `KeyTable` so they are
/// checked together and the help screen lists them all. `global` bindings work in the four
/// pane modes (list, detail, raw JSON, timeline); the modal ones (a box over the panes, the copy
/// menu, a prompt being typed) take only their own bindings.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, list, detail, raw, timeline
    /// Help, a value or problems box, a copy by hand: scrolled and closed.
    case box
    case copyMenu = "copy_menu"
    case sectionMenu = "section_menu"
    /// A filter, search or command line being typed (keys with no binding are typed).
    case prompt

    init(_ pane: Pane) {
        switch pane {
        case .list: self = .list
        case .detail: self = .detail
        case .timeline: self = .timeline
        }
    }

    /// The mode the UI is in: a prompt over everything, then a box, the copy menu, the raw JSON
    /// view, or the focused pane.
    init(_ state: UIState) {
        if state.prompt != nil {
            self = .prompt
        } else if state.popup != nil || state.showHelp {
            self = .box
        } else if state.copyMenu {
            self = .copyMenu
        } else if state.sectionMenu {
            self = .sectionMenu
        } else if state.app.focus == .detail && state.app.detail.rawPath != nil {
            self = .raw
        } else {
            self.init(state.app.focus)
        }
    }

    /// Whether the everywhere-bindings apply in this mode.
    var takesGlobalKeys: Bool {
        switch self {
        case .global, .list, .detail, .raw, .timeline: return true
        case .box, .copyMenu, .sectionMenu, .prompt: return false
        }
    }

    var title: String {
        switch self {
        case .global: return "Everywhere"
        case .list: return "Order list"
        case .detail: return "Detail"
        case .raw: return "Raw JSON"
        case .timeline: return "Payment timeline"
        case .box: return "Help and boxes"
        case .copyMenu: return "Copy menu (C)"
        case .sectionMenu: return "Section menu (o): the letter shown beside a section jumps there"
        case .prompt: return "Typing a filter, search or command"
        }
    }
}

/// One row of the key table: the keys, what they do, and the words shown for them in the hint
/// bar and the help screen.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var command: UICommand
    public var contexts: [KeyContext]
    /// The short word in the hint bar (empty: not in the hint bar).
    public var hint: String
    /// The sentence in the help screen.
    public var help: String

    public init(
        _ keys: [Key], _ command: UICommand, in contexts: [KeyContext] = [.global], hint: String = "",
        help: String
    ) {
        self.keys = keys
        self.command = command
        self.contexts = contexts
        self.hint = hint
        self.help = help
    }
}

/// One entry of the hint bar: up to two key names and the short word for what they do.
public struct KeyHint: Sendable, Equatable {
    public var keys: String
    public var hint: String
    public var command: UICommand
    /// Bound for the focused pane itself rather than everywhere.
    public var forPane: Bool
}

/// The one key table: it drives key dispatch, the hint bar and the `?` help screen, so the
/// three can never disagree.
public struct KeyTable: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The command for `key` in a mode: the mode's own bindings first, then the global ones
    /// where the mode takes them.
    public func command(for key: Key, in context: KeyContext) -> UICommand? {
        if let binding = bindings.first(where: { $0.contexts.contains(context) && $0.keys.contains(key) }) {
            return binding.command
        }
        guard context.takesGlobalKeys else { return nil }
        return bindings.first(where: { $0.contexts.contains(.global) && $0.keys.contains(key) })?.command
    }

    /// The command for `key` with a pane focused (no box, menu or prompt open).
    public func command(for key: Key, focus: Pane) -> UICommand? {
        command(for: key, in: KeyContext(focus))
    }

    /// The bindings that work with a pane focused, for the hint bar.
    public func hints(focus: Pane) -> [KeyHint] {
        hints(in: KeyContext(focus))
    }

    /// The bindings that work in a mode, for the hint bar.
    public func hints(in context: KeyContext) -> [KeyHint] {
        bindings.filter {
            !$0.hint.isEmpty
                && ($0.contexts.contains(context)
                    || (context.takesGlobalKeys && $0.contexts.contains(.global)))
        }
        .map {
            KeyHint(
                keys: $0.keys.prefix(2).map(\.name).joined(separator: "/"), hint: $0.hint,
                command: $0.command,
                forPane: $0.contexts.contains(context))
        }
    }

    /// Help lines grouped by context, generated from the same table.
    public func helpSections() -> [(title: String, lines: [(keys: String, help: String)])] {
        KeyContext.allCases.compactMap { context in
            let lines = bindings.filter { $0.contexts.contains(context) }
                .map { (keys: $0.keys.map(\.name).joined(separator: " "), help: $0.help) }
            guard !lines.isEmpty else { return nil }
            return (context.title, lines)
        }
    }

    /// Pairs of bindings that claim the same key in the same context (must be none).
    public func conflicts() -> [(Key, KeyContext)] {
        var seen: Set<String> = []
        var conflicts: [(Key, KeyContext)] = []
        for binding in bindings {
            for context in binding.contexts {
                for key in binding.keys {
                    let id = "\(context.rawValue)|\(key.name)"
                    if !seen.insert(id).inserted { conflicts.append((key, context)) }
                }
            }
        }
        return conflicts
    }

    /// The table with the keys of some commands replaced (config-file `[keys]`), by command
    /// name (`KeyTable.name(of:)`: `quit`, `copy`, `move_down` ...). Fails on an unknown name
    /// (with a suggestion) or when the new keys collide with another binding.
    public func overriding(_ overrides: [(name: String, keys: [Key])]) throws(KeyOverrideError) -> KeyTable {
        var table = self
        for (name, keys) in overrides {
            guard let index = table.bindings.firstIndex(where: { KeyTable.name(of: $0.command) == name })
            else {
                let names = bindings.map { KeyTable.name(of: $0.command) }
                let suggestion = OrderQuery.nearest(to: name, among: names)
                throw KeyOverrideError(
                    name: name, message: "unknown key command \"\(name)\"",
                    suggestion: suggestion.map { "did you mean `\($0)`?" })
            }
            table.bindings[index].keys = keys
        }
        if let (key, context) = table.conflicts().first {
            let users = table.bindings.filter { $0.keys.contains(key) && $0.contexts.contains(context) }
                .map { KeyTable.name(of: $0.command) }
            throw KeyOverrideError(
                name: users.last ?? "",
                message: "\(key.name) would do both \(users.joined(separator: " and "))",
                suggestion: "give one of them another key in [keys]")
        }
        return table
    }

    /// The stable name of a bound command, as used in `[keys]` of config.toml.
    public static func name(of command: UICommand) -> String {
        switch command {
        case .openFilterPrompt: return "filter"
        case .openSearchPrompt: return "find"
        case .openCommandLine: return "command_line"
        case .toggleHelp: return "help"
        case .redraw: return "redraw"
        case .suspend: return "suspend"
        case .toggleMouse: return "mouse"
        case .openCopyMenu: return "copy_menu"
        case .showLoadProblems: return "problems"
        case .openSectionMenu: return "sections"
        case .toggleZoom: return "zoom"
        case .moveSplit(let step): return step < 0 ? "split_smaller" : "split_larger"
        case .showMessages: return "messages"
        case .menuCopy(let target):
            let word = CommandLineParser.copyNames.first { $0.value == target && $0.key != "jq" }?.key
            return "menu_copy_" + (word ?? target.rawValue)
        case .menuSection(let kind):
            // `paymentDetails` → `section_payment_details`, like the other names.
            return "section_" + kind.map { $0.isUppercase ? "_" + $0.lowercased() : String($0) }.joined()
        case .submitPrompt: return "prompt_submit"
        case .cancelPrompt: return "prompt_cancel"
        case .deleteBackward: return "prompt_delete"
        case .deleteWord: return "prompt_delete_word"
        case .clearPrompt: return "prompt_clear"
        case .copy(.value): return "copy"
        case .copy(.orderID): return "copy_id"
        case .copy(let target): return "copy_" + target.rawValue
        case .app(let command):
            switch command {
            case .moveUp: return "move_up"
            case .moveDown: return "move_down"
            case .pageUp: return "page_up"
            case .pageDown: return "page_down"
            case .moveToTop: return "top"
            case .moveToBottom: return "bottom"
            case .focusNext: return "next_pane"
            case .focusPrevious: return "previous_pane"
            case .focus(let pane): return "focus_" + pane.rawValue
            case .drillIn: return "open"
            case .back: return "back"
            case .toggleSection: return "fold"
            case .foldAll(true): return "fold_all"
            case .foldAll(false): return "unfold_all"
            case .openPayout: return "payout"
            case .toggleRaw: return "raw"
            case .searchNext: return "next_match"
            case .searchPrevious: return "previous_match"
            case .cycleSort: return "sort"
            case .reverseSort: return "reverse_sort"
            case .retry: return "retry"
            case .toggleRedaction: return "redact"
            case .summarize: return "summary"
            case .quit: return "quit"
            default: return String(describing: command)
            }
        }
    }
}

/// A `[keys]` entry of the config file that cannot be applied.
public struct KeyOverrideError: Error, Sendable, Equatable {
    public var name: String
    public var message: String
    public var suggestion: String?
}

extension KeyTable {
    /// The default bindings. Every action is reachable without F-keys and without the mouse.
    public static let standard = KeyTable(
        bindings: [
            KeyBinding(
                [.char("j"), .down], .app(.moveDown), in: [.global, .box], help: "Move down (scrolls a box)"),
            KeyBinding([.char("k"), .up], .app(.moveUp), in: [.global, .box], help: "Move up"),
            KeyBinding(
                [.pageDown, .ctrl("f"), .char(" ")], .app(.pageDown), in: [.global, .box], help: "Page down"),
            KeyBinding([.pageUp, .ctrl("b")], .app(.pageUp), in: [.global, .box], help: "Page up"),
            KeyBinding([.char("g"), .home], .app(.moveToTop), in: [.global, .box], help: "Go to the top"),
            KeyBinding(
                [.char("G"), .end], .app(.moveToBottom), in: [.global, .box], help: "Go to the bottom"),
            KeyBinding([.tab], .app(.focusNext), hint: "pane", help: "Focus the next pane"),
            KeyBinding([.backTab], .app(.focusPrevious), help: "Focus the previous pane"),
            KeyBinding([.char("1")], .app(.focus(.list)), help: "Focus the order list"),
            KeyBinding([.char("2")], .app(.focus(.detail)), help: "Focus the detail pane"),
            KeyBinding([.char("3")], .app(.focus(.timeline)), help: "Focus the payment timeline"),
            KeyBinding(
                [.enter, .char("l"), .right], .app(.drillIn), in: [.global, .box], hint: "open",
                help: "Open / drill in (closes a box)"),
            KeyBinding(
                [.escape, .backspace, .char("h"), .left], .app(.back), in: [.global, .box, .copyMenu],
                hint: "back", help: "Back one level (closes a box or the menu)"),
            KeyBinding(
                [.char("/")], .openFilterPrompt, hint: "filter",
                help: "Filter the list (status:open amount>1000 text)"),
            KeyBinding(
                [.char("?")], .toggleHelp, in: [.global, .box], hint: "help", help: "Show or hide this help"),
            KeyBinding(
                [.char(":")], .openCommandLine, hint: "cmd",
                help:
                    "Command line (:order ID, :sort COL, :filter Q, :find T, :group COL, :copy, :export F, :screenshot F, :problems, :q)"
            ),
            KeyBinding([.char("f")], .openSearchPrompt, hint: "find", help: "Find an order (then n / N)"),
            KeyBinding(
                [.char("F")], .app(.summarize(nil)), hint: "sum",
                help:
                    "Summary: group and sum the orders shown (:group COLUMN[,COLUMN]; s/S sort, Enter opens a group, Esc returns)"
            ),
            KeyBinding([.char("n")], .app(.searchNext), help: "Next search match"),
            KeyBinding([.char("N")], .app(.searchPrevious), help: "Previous search match"),
            KeyBinding(
                [.char("s")], .app(.cycleSort), in: [.list], hint: "sort", help: "Sort by the next column"),
            KeyBinding([.char("S")], .app(.reverseSort), in: [.list], help: "Reverse the sort direction"),
            KeyBinding(
                [.char("c")], .app(.toggleSection), in: [.detail, .raw], hint: "fold",
                help: "Collapse or expand the section (raw: the object or list)"),
            KeyBinding(
                [.char("o")], .openSectionMenu, hint: "sections",
                help:
                    "Section menu: jump to items, payments, travel, customer, events, anomalies... by letter"),
            KeyBinding(
                [.char("z")], .toggleZoom, hint: "zoom",
                help: "Zoom: the focused pane fills the screen, or gives the room back"),
            KeyBinding([.char("<")], .moveSplit(-1), help: "Move the border: smaller list"),
            KeyBinding([.char(">")], .moveSplit(1), help: "Move the border: larger list"),
            KeyBinding(
                [.char("M")], .showMessages,
                help: "Messages of this session, with their times (also :messages)"),
            KeyBinding(
                [.char("p")], .app(.openPayout), in: [.detail],
                help: "Payout tree of the item under the cursor"),
            KeyBinding(
                [.char("-")], .app(.foldAll(true)), in: [.detail],
                help: "Fold every section (kept folded for the next orders)"),
            KeyBinding(
                [.char("+"), .char("=")], .app(.foldAll(false)), in: [.detail], help: "Unfold every section"),
            KeyBinding(
                [.char("r")], .app(.toggleRaw), in: [.detail, .raw], hint: "raw",
                help: "Raw JSON of the node under the cursor, or back"),
            KeyBinding([.char("R")], .app(.retry), hint: "", help: "Retry the failed load"),
            KeyBinding(
                [.char("P")], .showLoadProblems,
                help: "List the problems met while loading (bad lines, files that end early)"),
            KeyBinding(
                [.char("x")], .app(.toggleRedaction),
                help: "Mask customer personal data (names, contacts, addresses) or show it again"),
            KeyBinding(
                [.char("y")], .copy(.value),
                help: "Copy the value under the cursor to the clipboard (OSC 52)"),
            KeyBinding([.char("Y")], .copy(.orderID), help: "Copy the order id"),
            KeyBinding(
                [.char("C")], .openCopyMenu,
                help: "Copy menu: order number, id, value, JSON of the node, ticket summary, jq path"),
            KeyBinding([.ctrl("l")], .redraw, help: "Redraw the screen"),
            KeyBinding([.ctrl("z")], .suspend, help: "Suspend to the shell (fg resumes)"),
            KeyBinding([.char("n")], .menuCopy(.orderNumber), in: [.copyMenu], help: "Copy the order number"),
            KeyBinding([.char("i")], .menuCopy(.orderID), in: [.copyMenu], help: "Copy the order id"),
            KeyBinding(
                [.char("v")], .menuCopy(.value), in: [.copyMenu], help: "Copy the value under the cursor"),
            KeyBinding([.char("j")], .menuCopy(.json), in: [.copyMenu], help: "Copy the JSON of the node"),
            KeyBinding(
                [.char("t")], .menuCopy(.ticket), in: [.copyMenu], help: "Copy a ticket summary of the order"),
            KeyBinding(
                [.char("p")], .menuCopy(.jqPath), in: [.copyMenu], help: "Copy the jq path of the node"),
        ] + sectionMenuBindings + [
            KeyBinding([.enter], .submitPrompt, in: [.prompt], help: "Apply what was typed"),
            KeyBinding(
                [.escape, .ctrl("c")], .cancelPrompt, in: [.prompt],
                help: "Cancel (the filter from before comes back)"),
            KeyBinding(
                [.backspace, .ctrl("h")], .deleteBackward, in: [.prompt],
                help: "Delete a character (on empty: close)"),
            KeyBinding([.ctrl("w")], .deleteWord, in: [.prompt], help: "Delete a word"),
            KeyBinding([.ctrl("u")], .clearPrompt, in: [.prompt], help: "Delete everything typed"),
            KeyBinding(
                [.char("m")], .toggleMouse,
                help: "Turn mouse reporting off/on (off lets the terminal select text)"),
            KeyBinding(
                [.char("q")], .app(.quit), in: [.global, .box], hint: "quit", help: "Quit (closes a box)"),
        ])

    /// The order screen's sections in the section menu (`o`), each always on the same key; the
    /// sections of other screens take free letters of their titles (`SectionMenu.entries`).
    static let sectionMenuBindings: [KeyBinding] = sectionKeys.map { key, kind, title in
        KeyBinding([.char(key)], .menuSection(kind), in: [.sectionMenu], help: "Jump to " + title)
    }

    /// Key, section kind (`DetailSection.id` of the order screen) and what the help calls it.
    private static let sectionKeys: [(Character, String, String)] = [
        ("s", "summary", "the summary"), ("!", "anomalies", "the anomalies"),
        ("c", "customer", "the customer"),
        ("d", "addresses", "the addresses"), ("i", "items", "the items"),
        ("o", "discounts", "the order discounts"),
        ("p", "payments", "the payment operations"), ("y", "paymentDetails", "the payment details"),
        ("l", "timeline", "the payment timeline"), ("r", "store", "the store"),
        ("m", "comments", "the comments"),
        ("x", "external", "the external ids"), ("t", "itinerary", "the itinerary (travel)"),
        ("a", "attachments", "the attachments (the first reservation)"), ("e", "sessions", "the sessions"),
        ("v", "events", "the events"), ("k", "metadata", "the metadata"), ("z", "misc", "the other fields"),
        ("u", "decodeIssues", "the unreadable fields"),
    ]
}
