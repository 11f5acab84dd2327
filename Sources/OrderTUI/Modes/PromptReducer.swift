import OrderViewModel
import TerminalCore

/// The prompt mode: a filter, search or command line being typed. Editing keys come from the
/// key table's `prompt` bindings; any other printable key is typed.
extension UIController {
    func handlePrompt(_ command: UICommand?, typed key: Key, state: inout UIState) -> [Action] {
        guard var prompt = state.prompt else { return [] }
        switch command {
        case .cancelPrompt?:
            state.prompt = nil
            return cancel(prompt, state: &state)
        case .submitPrompt?:
            state.prompt = nil
            return submit(prompt, state: &state)
        case .deleteBackward?:
            if prompt.text.isEmpty {
                state.prompt = nil
                return []
            }
            prompt.text.removeLast()
        case .clearPrompt?:
            prompt.text = ""
        case .deleteWord?:
            while prompt.text.last == " " { prompt.text.removeLast() }
            while let last = prompt.text.last, last != " " { prompt.text.removeLast() }
        default:
            guard case .char(let character) = key else { return [] }
            prompt.text.append(character)
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

    /// Parses a `:` command line (`CommandLineParser`) and carries it out.
    func runCommandLine(_ line: String, state: inout UIState) -> [Action] {
        switch CommandLineParser.parse(line) {
        case nil:
            return []
        case .failure(let refusal)?:
            state.app.status = .error(refusal.message)
            return []
        case .success(let command)?:
            return run(command, state: &state)
        }
    }

    private func run(_ command: LineCommand, state: inout UIState) -> [Action] {
        switch command {
        case .quit:
            return send(.command(.quit), to: &state)
        case .order(let text):
            return send(.command(.jump(text)), to: &state)
        case .sort(let column, let ascending):
            var actions = send(.command(.sort(column)), to: &state)
            if let ascending, state.app.list.sort?.ascending != ascending {
                actions += send(.command(.reverseSort), to: &state)
            }
            return actions
        case .filter(let query):
            return send(.command(.setFilter(query)), to: &state)
        case .group(let columns):
            return send(.command(.summarize(columns)), to: &state)
        case .find(let text):
            return send(.command(.search(text)), to: &state)
        case .help:
            state.showHelp = true
            return []
        case .raw:
            return send(.command(.toggleRaw), to: &state)
        case .problems:
            showLoadProblems(state: &state)
            return []
        case .messages:
            showMessages(state: &state)
            return []
        case .export(let path, let format):
            state.app.status = .info("exporting \(state.app.list.rows.count) orders to \(path)…")
            return [.export(path: path, format: format)]
        case .screenshot(let path):
            return [.screenshot(path: path)]
        case .copy(let target):
            return copy(target, state: &state)
        }
    }
}
