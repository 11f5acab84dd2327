/// The payment timeline's reducer: the cursor moves through the entries (the totals follow
/// it), Enter opens what an entry is about in the detail pane.
extension AppState {
    mutating func handleInTimeline(_ command: PaneCommand) -> [AppEffect] {
        switch command {
        case .move(let delta), .scroll(let delta):
            timeline.move(to: timeline.cursor + delta)
        case .moveTo(let row):
            timeline.move(to: row == Int.max ? timeline.count - 1 : row)
        case .drillIn:
            guard let analysis = selectedAnalysis,
                analysis.timeline.entries.indices.contains(timeline.cursor),
                let target = analysis.timeline.entries[timeline.cursor].target
            else { return [] }
            focus = .detail
            push(target, in: analysis.order)
            // Esc returns to the timeline entry, as it returns to the row left in the detail.
            if detail.stack.count > 1 { detail.stack[detail.stack.count - 1].openedFrom = .timeline }
        case .back:
            focus = .list
        case .toggleSection:
            break
        case .toggleRaw:
            return openRaw(at: ".")
        }
        return []
    }
}
