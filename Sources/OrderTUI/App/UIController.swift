import OrderViewModel
import TerminalCore

/// Turns keys into changes of the UI state: prompts are edited here, everything else goes
/// through the key table to `AppState.handle`. Pure: no terminal, so tests drive it directly.
public struct UIController: Sendable {
    public var keys: KeyTable
    /// How copies reach the clipboard; `.off` only shows them.
    public var clipboard: ClipboardSequence.Route
    /// The largest clipboard write, in base64 bytes.
    public var clipboardMaxBytes: Int

    public init(
        keys: KeyTable = .standard, clipboard: ClipboardSequence.Route = .osc52,
        clipboardMaxBytes: Int = ClipboardSequence.defaultMaxBytes
    ) {
        self.keys = keys
        self.clipboard = clipboard
        self.clipboardMaxBytes = clipboardMaxBytes
    }

    /// What the loop must do besides redrawing.
    public enum Action: Sendable, Equatable {
        case app(AppEffect)
        case redraw
        case suspend
        case setMouse(Bool)
        /// Bytes for the terminal as they are (the OSC 52 clipboard sequence).
        case writeRaw([UInt8])
        /// Write the filtered, sorted list to a file (in the background).
        case export(path: String, format: ListExporter.Format)
        /// Write the screen as text to a file.
        case screenshot(path: String)
    }

    /// Applies one key; `size` is the current terminal size (for mouse hit-testing).
    public func handle(_ key: Key, state: inout UIState, size: Size) -> [Action] {
        if case .resize = key { return [] }
        if state.prompt != nil { return handlePromptKey(key, state: &state) }
        // Only for the boxes over the panes: most keys need no layout.
        var overlay: Rect { ScreenLayout.compute(size: size, focus: state.app.focus).overlay }
        if state.popup != nil { return handlePopupKey(key, state: &state, overlay: overlay) }
        if state.copyMenu { return handleCopyMenuKey(key, state: &state) }
        if state.showHelp {
            if let scroll = Self.overlayScroll(key, from: state.helpScroll, max: HelpOverlay.maxScroll(keys, in: overlay)) {
                state.helpScroll = scroll
            } else if key == .char("?") || key == .escape || key == .char("q") {
                state.showHelp = false
            }
            return []
        }
        if case .mouse(let event) = key { return handleMouse(event, state: &state, size: size) }
        guard let command = keys.command(for: key, focus: state.app.focus) else { return [] }
        return perform(command, state: &state)
    }

    func perform(_ command: UICommand, state: inout UIState) -> [Action] {
        switch command {
        case .app(.drillIn) where showValue(state: &state):
            return []
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
        case .showLoadProblems:
            showLoadProblems(state: &state)
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.app.status = .info(state.mouseEnabled ? "mouse on" : "mouse off: the terminal can select text")
            return [.setMouse(state.mouseEnabled)]
        case .copy(let target):
            return copy(target, state: &state)
        case .openCopyMenu:
            guard state.app.list.selectedSummary != nil else {
                state.app.status = .info("nothing to copy: no order selected")
                return []
            }
            state.copyMenu = true
        }
        return []
    }

    // MARK: - Copy

    /// The copy menu's keys, in menu order.
    public static let copyMenuKeys: [(key: Character, target: CopyTarget)] = [
        ("n", .orderNumber), ("i", .orderID), ("v", .value), ("j", .json), ("t", .ticket), ("p", .jqPath),
    ]

    private func handleCopyMenuKey(_ key: Key, state: inout UIState) -> [Action] {
        state.copyMenu = false
        if case .char(let character) = key, let entry = Self.copyMenuKeys.first(where: { $0.key == character }) {
            return copy(entry.target, state: &state)
        }
        return []
    }

    private func handlePopupKey(_ key: Key, state: inout UIState, overlay: Rect) -> [Action] {
        guard var popup = state.popup else { return [] }
        if let scroll = Self.overlayScroll(key, from: popup.scroll, max: PopupOverlay.maxScroll(popup, in: overlay)) {
            popup.scroll = scroll
            state.popup = popup
        } else if key == .escape || key == .enter || key == .char("q") {
            state.popup = nil
        }
        return []
    }

    /// The top line of a scrolling box (help, popup) after `key`, or nil when the key does not
    /// scroll. Clamped to what the screen shows, so after scrolling past the end one `k` moves
    /// the view at once.
    static func overlayScroll(_ key: Key, from scroll: Int, max maxScroll: Int) -> Int? {
        let target: Int
        switch key {
        case .char("j"), .down: target = scroll + 1
        case .char("k"), .up: target = scroll - 1
        case .pageDown, .char(" "): target = scroll + 10
        case .pageUp: target = scroll - 10
        case .char("g"), .home: target = 0
        case .char("G"), .end: target = maxScroll
        case .mouse(let event) where event.kind == .wheelDown: target = scroll + 3
        case .mouse(let event) where event.kind == .wheelUp: target = scroll - 3
        default: return nil
        }
        return min(max(0, target), maxScroll)
    }

    /// Enter on a detail row that opens nothing: the row's value whole, wrapped, in a box (a
    /// long anomaly message, description or address is cut at the pane's edge). False when the
    /// cursor is elsewhere, so Enter does what it does there.
    private func showValue(state: inout UIState) -> Bool {
        guard state.app.focus == .detail, state.app.detail.rawPath == nil, let level = state.app.detail.current,
            level.lines.indices.contains(level.cursor), let row = level.row(at: level.lines[level.cursor]),
            row.target == nil, !row.value.isEmpty
        else { return false }
        // Bounded: the box wraps its text on every frame, and a hostile value can be a megabyte.
        let limit = 16_384
        var text = row.value
        if text.utf8.count > limit {
            text = String(decoding: Array(text.utf8.prefix(limit)), as: UTF8.self)
                + "\n… (the first \(limit) bytes of \(row.value.utf8.count); y copies the whole value)"
        }
        state.popup = UIState.Popup(title: row.label.isEmpty ? "Value" : row.label, text: text, wraps: true)
        return true
    }

    /// Opens the box of every problem met while loading, or says there is none.
    private func showLoadProblems(state: inout UIState) {
        let problems = state.app.loadProblems
        guard !problems.isEmpty else {
            state.app.status = .info("no problems while loading")
            return
        }
        let more = problems.count == AppState.loadProblemLimit ? " (the first \(problems.count))" : ""
        let title = problems.count == 1 ? "1 load problem" : "\(problems.count) load problems\(more)"
        state.popup = UIState.Popup(title: title, text: problems.joined(separator: "\n"), wraps: true)
    }

    /// Sends the text as OSC 52, or shows it in a popup (with the reason) when the terminal
    /// cannot take it, so it can still be selected by hand.
    func copy(_ target: CopyTarget, state: inout UIState) -> [Action] {
        guard let lines = state.app.copyLines(target),
            case let text = ClipboardSequence.text(lines: lines, json: state.app.copyIsJSON(target)), !text.isEmpty
        else {
            state.app.status = .info("nothing to copy here (\(target.title))")
            return []
        }
        switch ClipboardSequence.bytes(for: text, route: clipboard, maxBytes: clipboardMaxBytes) {
        case .success(let bytes):
            let size = text.utf8.count
            state.app.status = .info("copied \(target.title) (\(size) byte\(size == 1 ? "" : "s"))")
            return [.writeRaw(bytes)]
        case .failure(let refusal):
            state.popup = UIState.Popup(
                title: "Copy by hand: " + refusal.message, text: ClipboardSequence.clean(text))
            state.app.status = .warning("not copied: \(refusal.message); the text is shown instead")
            return []
        }
    }

    func send(_ event: AppEvent, to state: inout UIState) -> [Action] {
        state.app.handle(event).map { .app($0) }
    }

    // MARK: - Prompt

    private func handlePromptKey(_ key: Key, state: inout UIState) -> [Action] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .escape, .ctrl("c"):
            state.prompt = nil
            return cancel(prompt, state: &state)
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

    /// Esc on the filter prompt puts back the filter from before `/`: typing had already
    /// applied each prefix that parsed.
    private func cancel(_ prompt: UIState.Prompt, state: inout UIState) -> [Action] {
        guard prompt.kind == .filter, state.app.list.query.source != prompt.original else { return [] }
        return send(.command(.setFilter(prompt.original)), to: &state)
    }

    private func submit(_ prompt: UIState.Prompt, state: inout UIState) -> [Action] {
        switch prompt.kind {
        case .filter:
            guard (try? OrderQuery.parse(prompt.text)) != nil else {
                // Not the last prefix that parsed (`amount>1` of `amount>1x`): the filter from
                // before, and the parse error in the status bar.
                let restored = cancel(prompt, state: &state)
                return restored + send(.command(.setFilter(prompt.text)), to: &state)
            }
            return send(.command(.setFilter(prompt.text)), to: &state)
        case .search:
            return send(.command(.search(prompt.text)), to: &state)
        case .command:
            return runCommandLine(prompt.text, state: &state)
        }
    }

    /// `:order ID`, `:sort COLUMN [asc|desc]`, `:filter QUERY`, `:find TEXT`, `:copy WHAT`,
    /// `:export FILE`, `:screenshot FILE`, `:problems`, `:help`, `:q`.
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
            let direction = words.dropFirst().first?.lowercased()
            if let direction, !["asc", "desc", "ascending", "descending"].contains(direction) {
                state.app.status = .error(":sort \(first) takes asc or desc after the column, not \(direction)")
                return []
            }
            var actions = send(.command(.sort(column)), to: &state)
            if let direction {
                let wantAscending = direction.hasPrefix("asc")
                if state.app.list.sort?.ascending != wantAscending {
                    actions += send(.command(.reverseSort), to: &state)
                }
            }
            return actions
        case "filter", "f":
            return send(.command(.setFilter(argument)), to: &state)
        case "group", "summary", "sum":
            // `:group` alone opens the summary as last time.
            guard !argument.isEmpty else { return send(.command(.summarize(nil)), to: &state) }
            do throws(SummaryColumnError) {
                return send(.command(.summarize(try SummaryColumn.parseList(argument))), to: &state)
            } catch {
                state.app.status = .error(":group: " + error.message)
                return []
            }
        case "find", "search":
            return send(.command(.search(argument)), to: &state)
        case "help", "h":
            state.showHelp = true
            return []
        case "raw":
            return send(.command(.toggleRaw), to: &state)
        case "problems", "problem":
            showLoadProblems(state: &state)
            return []
        case "export", "w":
            let words = argument.split(separator: " ").map(String.init)
            guard let path = words.first else {
                state.app.status = .error(":export needs a file name (.csv, .json or .ndjson)")
                return []
            }
            let explicit = words.dropFirst().first.map { ListExporter.Format(rawValue: $0.lowercased()) }
            guard let format = explicit ?? ListExporter.Format(path: path) else {
                state.app.status = .error(
                    ":export: say csv, json or ndjson after the file name, or end it in .csv, .json or .ndjson")
                return []
            }
            state.app.status = .info("exporting \(state.app.list.rows.count) orders to \(path)…")
            return [.export(path: path, format: format)]
        case "screenshot", "shot":
            guard !argument.isEmpty else {
                state.app.status = .error(":screenshot needs a file name")
                return []
            }
            return [.screenshot(path: argument)]
        case "copy", "y":
            guard !argument.isEmpty else { return copy(.value, state: &state) }
            let wanted = String(argument.lowercased().filter { $0 != " " })
            let names: [String: CopyTarget] = [
                "number": .orderNumber, "id": .orderID, "value": .value, "json": .json, "ticket": .ticket,
                "path": .jqPath, "jq": .jqPath,
            ]
            guard let target = names[wanted] else {
                state.app.status = .error(":copy takes number, id, value, json, ticket or path")
                return []
            }
            return copy(target, state: &state)
        default:
            state.app.status = .error(
                "unknown command :\(name) (try :order, :sort, :filter, :find, :copy, :export, :screenshot, :problems, :help, :q)")
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
