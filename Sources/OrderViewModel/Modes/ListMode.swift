/// The list mode's reducer: the selection moves through the rows, Enter opens the order.
extension AppState {
    mutating func handleInList(_ command: PaneCommand) -> [AppEffect] {
        switch command {
        case .move(let delta): return selectListRow((list.selectedRow ?? 0) + delta)
        case .moveTo(let row): return selectListRow(row == Int.max ? list.rows.count - 1 : row)
        case .scroll(let delta):
            list.scroll(by: delta)
            return selectionFollows()
        case .drillIn:
            guard list.selectedSummary != nil else { return [] }
            focus = .detail
            return []
        case .back:
            // Esc in the list clears the filter.
            return list.query.isEmpty ? [] : setFilter("")
        case .toggleSection:
            return []
        case .toggleRaw:
            return openRaw(at: ".")
        }
    }

    private mutating func selectListRow(_ row: Int) -> [AppEffect] {
        list.select(row: row)
        return selectionFollows()
    }

    /// After the list selection may have moved: load the new order and prefetch.
    mutating func selectionFollows() -> [AppEffect] {
        let effects = selectionChanged()
        return effects + prefetchIfNeeded()
    }
}
