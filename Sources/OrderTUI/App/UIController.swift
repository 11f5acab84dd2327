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

    /// Applies one key; `size` is the current terminal size (for mouse hit-testing). The key
    /// table of the mode the UI is in (`KeyContext(state)`) says what the key means; each mode's
    /// reducer carries it out.
    public func handle(_ key: Key, state: inout UIState, size: Size) -> [Action] {
        if case .resize = key { return [] }
        let mode = KeyContext(state)
        let command = keys.command(for: key, in: mode)
        switch mode {
        case .prompt:
            return handlePrompt(command, typed: key, state: &state)
        case .box:
            // Only for the boxes over the panes: most keys need no layout.
            let overlay = ScreenLayout.compute(size: size, state: state).overlay
            return handleBox(command, key: key, state: &state, overlay: overlay)
        case .copyMenu:
            state.copyMenu = false
            if case .menuCopy(let target)? = command { return copy(target, state: &state) }
            return []
        case .sectionMenu:
            // A key shown in the menu jumps; any other key (Esc) closes it.
            state.sectionMenu = false
            let entries = SectionMenu.entries(state.app, keys: keys)
            guard let id = SectionMenu.target(of: key, command: command, entries: entries) else { return [] }
            return send(.command(.jumpToSection(id)), to: &state)
        case .global, .list, .detail, .raw, .timeline:
            if case .mouse(let event) = key { return handleMouse(event, state: &state, size: size) }
            guard let command else { return [] }
            return perform(command, state: &state)
        }
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
        case .toggleZoom:
            state.zoomed.toggle()
            state.app.status = .info(state.zoomed ? "zoomed: z gives the room back" : "zoom off")
        case .moveSplit(let step):
            state.split = min(20, max(-20, state.split + step))
        case .showMessages:
            showMessages(state: &state)
        case .openSectionMenu:
            guard state.app.selectedAnalysis != nil, !SectionMenu.entries(state.app, keys: keys).isEmpty
            else {
                state.app.status = .info("no sections to jump to: the order is not loaded yet")
                return []
            }
            state.sectionMenu = true
        case .menuCopy, .menuSection, .submitPrompt, .cancelPrompt, .deleteBackward, .deleteWord,
            .clearPrompt:
            break  // bound only where a menu or prompt is open
        case .redraw:
            return [.redraw]
        case .suspend:
            return [.suspend]
        case .toggleMouse:
            state.mouseEnabled.toggle()
            state.app.status = .info(
                state.mouseEnabled ? "mouse on" : "mouse off: the terminal can select text")
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

    /// Enter on a detail row that opens nothing: the row's value whole, wrapped, in a box (a
    /// long anomaly message, description or address is cut at the pane's edge). False when the
    /// cursor is elsewhere, so Enter does what it does there.
    private func showValue(state: inout UIState) -> Bool {
        guard state.app.focus == .detail, state.app.detail.rawPath == nil,
            let level = state.app.detail.current,
            level.lines.indices.contains(level.cursor), let row = level.row(at: level.lines[level.cursor]),
            row.target == nil, !row.value.isEmpty
        else { return false }
        // Bounded: the box wraps its text on every frame, and a hostile value can be a megabyte.
        let limit = 16_384
        var text = row.value
        if text.utf8.count > limit {
            text =
                String(decoding: Array(text.utf8.prefix(limit)), as: UTF8.self)
                + "\n… (the first \(limit) bytes of \(row.value.utf8.count); y copies the whole value)"
        }
        state.popup = UIState.Popup(title: row.label.isEmpty ? "Value" : row.label, text: text, wraps: true)
        return true
    }

    /// Opens the box of the session's status messages, newest last.
    func showMessages(state: inout UIState) {
        guard !state.messages.isEmpty else {
            state.app.status = .info("no messages yet")
            return
        }
        let count = state.messages.count
        let title = count == 1 ? "1 message" : "\(count) messages (the last \(UIState.messageLimit) are kept)"
        state.popup = UIState.Popup(
            title: title, text: state.messages.map { "\($0.time)  \($0.text)" }.joined(separator: "\n"),
            wraps: true)
    }

    /// Opens the box of every problem met while loading, or says there is none.
    func showLoadProblems(state: inout UIState) {
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
            case let text = ClipboardSequence.text(lines: lines, json: state.app.copyIsJSON(target)),
            !text.isEmpty
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

    // MARK: - Mouse

    private func handleMouse(_ event: MouseEvent, state: inout UIState, size: Size) -> [Action] {
        guard let hit = MouseHit.hit(event, layout: ScreenLayout.compute(size: size, state: state)) else {
            return []
        }
        var actions: [Action] = []
        if state.app.focus != hit.pane { actions += send(.command(.focus(hit.pane)), to: &state) }
        // Asked after focusing: the row under a press counts from the focused pane's scroll.
        if let command = hit.command(in: state.app) { actions += send(.command(command), to: &state) }
        return actions
    }
}
