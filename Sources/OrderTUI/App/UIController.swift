import OrderViewModel
import TerminalCore

/// Turns keys into changes of the UI state: prompts are edited here, everything else goes
/// through the key table to `AppState.handle`. Pure: no terminal, so tests drive it directly.
public struct UIController: Sendable {
    public var keys: KeyTable

    public init(keys: KeyTable = .standard) {
        self.keys = keys
    }

    /// What the loop must do besides redrawing.
    public enum Action: Sendable, Equatable {
        case app(AppEffect)
        case redraw
        case suspend
        case setMouse(Bool)
    }

    /// Applies one key; `size` is the current terminal size (for mouse hit-testing).
    public func handle(_ key: Key, state: inout UIState, size: Size) -> [Action] {
        if case .resize = key { return [] }
        if state.prompt != nil { return handlePromptKey(key, state: &state) }
        if state.showHelp {
            switch key {
            case .char("?"), .escape, .char("q"): state.showHelp = false
            case .char("j"), .down: state.helpScroll += 1
            case .char("k"), .up: state.helpScroll = max(0, state.helpScroll - 1)
            case .pageDown, .char(" "): state.helpScroll += 10
            case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
            default: break
            }
            return []
        }
        if case .mouse(let event) = key { return handleMouse(event, state: &state, size: size) }
        guard let command = keys.command(for: key, focus: state.app.focus) else { return [] }
        return perform(command, state: &state)
    }

    func perform(_ command: UICommand, state: inout UIState) -> [Action] {
        switch command {
        case .app(let command):
            return send(.command(command), to: &state)
        case .openFilterPrompt:
            state.prompt = UIState.Prompt(kind: .filter, text: state.app.list.query.source)
        case .openSearchPrompt:
            state.prompt = UIState.Prompt(kind: .search, text: "")
        case .openCommandLine:
            state.prompt = UIState.Prompt(kind: .command, text: "")
        case .toggleHelp:
            state.showHelp.toggle()
            state.helpScroll = 0
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.app.status = .info(state.mouseEnabled ? "mouse on" : "mouse off: the terminal can select text")
            return [.setMouse(state.mouseEnabled)]
        }
        return []
    }

    func send(_ event: AppEvent, to state: inout UIState) -> [Action] {
        state.app.handle(event).map { .app($0) }
    }

    // MARK: - Prompt

    private func handlePromptKey(_ key: Key, state: inout UIState) -> [Action] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .escape:
            state.prompt = nil
            return []
        case .enter:
            state.prompt = nil
            return submit(prompt, state: &state)
        case .backspace, .ctrl("h"):
            if prompt.text.isEmpty {
                state.prompt = nil
                return []
            }
            prompt.text.removeLast()
        case .ctrl("u"):
            prompt.text = ""
        case .ctrl("w"):
            while prompt.text.last == " " { prompt.text.removeLast() }
            while let last = prompt.text.last, last != " " { prompt.text.removeLast() }
        case .ctrl("c"):
            state.prompt = nil
            return []
        case .char(let character):
            prompt.text.append(character)
        default:
            return []
        }
        state.prompt = prompt
        // Filter as you type: the list follows each keystroke.
        if prompt.kind == .filter, (try? OrderQuery.parse(prompt.text)) != nil {
            return send(.command(.setFilter(prompt.text)), to: &state)
        }
        return []
    }

    private func submit(_ prompt: UIState.Prompt, state: inout UIState) -> [Action] {
        switch prompt.kind {
        case .filter:
            return send(.command(.setFilter(prompt.text)), to: &state)
        case .search:
            return send(.command(.search(prompt.text)), to: &state)
        case .command:
            return runCommandLine(prompt.text, state: &state)
        }
    }

    /// `:order ID`, `:sort COLUMN [asc|desc]`, `:filter QUERY`, `:find TEXT`, `:help`, `:q`.
    func runCommandLine(_ line: String, state: inout UIState) -> [Action] {
        let trimmed = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first?.lowercased() else { return [] }
        let argument = parts.count > 1 ? parts[1] : ""
        switch name {
        case "q", "quit", "q!", "exit":
            return send(.command(.quit), to: &state)
        case "order", "o", "jump":
            guard !argument.isEmpty else {
                state.app.status = .error(":order needs an order id or number")
                return []
            }
            return send(.command(.jump(argument)), to: &state)
        case "sort":
            let words = argument.split(separator: " ").map(String.init)
            guard let first = words.first, let column = ListColumn(name: first) else {
                let names = ListColumn.allCases.map(\.rawValue).joined(separator: ", ")
                state.app.status = .error(":sort needs a column: \(names)")
                return []
            }
            var actions = send(.command(.sort(column)), to: &state)
            if let direction = words.dropFirst().first?.lowercased() {
                let wantAscending = direction.hasPrefix("asc")
                if state.app.list.sort?.ascending != wantAscending {
                    actions += send(.command(.reverseSort), to: &state)
                }
            }
            return actions
        case "filter", "f":
            return send(.command(.setFilter(argument)), to: &state)
        case "find", "search":
            return send(.command(.search(argument)), to: &state)
        case "help", "h":
            state.showHelp = true
            return []
        case "raw":
            return send(.command(.toggleRaw), to: &state)
        default:
            state.app.status = .error("unknown command :\(name) (try :order, :sort, :filter, :find, :help, :q)")
            return []
        }
    }

    // MARK: - Mouse

    private func handleMouse(_ event: MouseEvent, state: inout UIState, size: Size) -> [Action] {
        let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
        let panes: [(Pane, Rect?)] = [(.list, layout.list), (.detail, layout.detail), (.timeline, layout.timeline)]
        guard let (pane, rect) = panes.first(where: { $0.1?.contains(x: event.x, y: event.y) == true }),
            let rect
        else { return [] }
        var actions: [Action] = []
        if state.app.focus != pane { actions += send(.command(.focus(pane)), to: &state) }
        switch event.kind {
        case .wheelUp:
            actions += send(.command(.scroll(-3)), to: &state)
        case .wheelDown:
            actions += send(.command(.scroll(3)), to: &state)
        case .press:
            let contentTop = rect.y + (pane == .list ? 2 : 1)
            let offset = event.y - contentTop
            guard offset >= 0 else { return actions }
            let first: Int
            switch pane {
            case .list: first = state.app.list.scrollOffset
            case .detail: first = state.app.detail.current?.scroll ?? 0
            case .timeline: first = state.app.timeline.scroll
            }
            actions += send(.command(.selectRow(first + offset)), to: &state)
        case .release:
            break
        }
        return actions
    }
}
