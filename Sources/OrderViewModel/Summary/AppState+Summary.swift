import OrderModel

/// The routing between `AppState` and the summary view's own reducer (`SummaryViewState`):
/// which commands and events go there, and its effects run in app terms.
extension AppState {
    /// What the summary computes over: the list's rows as they are (its filter included).
    var summaryInput: SummaryViewState.Input {
        var checksEveryOrder = true  // dumps and the demo: the background check reads every order
        if case .api = origin { checksEveryOrder = false }
        return SummaryViewState.Input(
            snapshot: list.loaded.snapshot, rows: list.rows, filter: list.query.source,
            partial: indexing != nil || anomalyCheck != nil, checksEveryOrder: checksEveryOrder)
    }

    /// The effects of a command meant for the summary view; nil when the command is not its own
    /// (it then goes to the panes as usual).
    mutating func summaryCommand(_ command: AppCommand) -> [AppEffect]? {
        let input = { [self] in self.summaryInput }
        if case .summarize(let columns) = command { return run(summary.handle(.open(columns), input: input)) }
        if !summary.isActive {
            // Esc in the list after a group was opened: back to the summary.
            if command == .back, summary.canReturn, focus == .list, detail.rawPath == nil {
                return run(summary.handle(.returnFromGroup, input: input))
            }
            return nil
        }
        let mapped: SummaryViewState.Command?
        switch command {
        case .moveUp: mapped = .move(-1)
        case .moveDown: mapped = .move(1)
        case .scroll(let delta): mapped = .move(delta)
        case .pageUp: mapped = .page(-1)
        case .pageDown: mapped = .page(1)
        case .moveToTop: mapped = .moveToTop
        case .moveToBottom: mapped = .moveToBottom
        case .cycleSort: mapped = .cycleSort
        case .reverseSort: mapped = .reverseSort
        case .drillIn: mapped = .openGroup
        case .back: mapped = .close
        case .quit, .setFilter, .clearFilter, .toggleRedaction, .retry: return nil
        default: mapped = nil
        }
        guard let mapped else { return [] }  // pane commands do nothing over the summary
        return run(summary.handle(mapped, input: input))
    }

    /// A computation came back.
    mutating func summaryComputed(generation: Int, _ table: SummaryTable) -> [AppEffect] {
        let input = { [self] in self.summaryInput }
        return run(summary.computed(generation: generation, table, input: input))
    }

    /// After an event: the summary computes again when the rows it shows may have changed.
    mutating func summaryFollows(_ event: AppEvent) -> [AppEffect] {
        switch event {
        case .viewportChanged(let listRows, _, _, _):
            summary.viewportHeight = max(1, listRows)
            return []
        case .indexProgress, .anomaliesCounted, .rowsRebuilt, .pageLoaded, .command(.setFilter),
            .command(.clearFilter):
            let input = { [self] in self.summaryInput }
            return run(summary.dataChanged(input: input))
        default:
            return []
        }
    }

    private mutating func run(_ effects: [SummaryViewState.Effect]) -> [AppEffect] {
        var out: [AppEffect] = []
        for effect in effects {
            switch effect {
            case .compute(let request): out.append(.computeSummary(request))
            case .setFilter(let text):
                out += handle(.setFilter(text))
                out += summaryFollows(.command(.setFilter(text)))
            case .status(let message): status = message
            }
        }
        return out
    }
}
