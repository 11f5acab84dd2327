import OrderAnalysis
import OrderModel

/// The detail mode's reducer: the cursor moves over section headers and rows, Enter folds a
/// section or drills into a row, Esc goes back one level.
extension AppState {
    mutating func handleInDetail(_ command: PaneCommand) -> [AppEffect] {
        switch command {
        case .move(let delta), .scroll(let delta):
            detail.moveCursor(to: (detail.current?.cursor ?? 0) + delta)
        case .moveTo(let row):
            let count = detail.current?.lines.count ?? 0
            detail.moveCursor(to: row == Int.max ? count - 1 : row)
        case .drillIn:
            guard let level = detail.current, let analysis = selectedAnalysis else { return [] }
            let lines = level.lines
            guard lines.indices.contains(level.cursor) else { return [] }
            switch lines[level.cursor] {
            case .header:
                toggleSection()
            case .row:
                guard let target = level.row(at: lines[level.cursor])?.target else { return [] }
                push(target, in: analysis.order)
            }
        case .back:
            if detail.stack.count > 1 {
                if let origin = detail.stack.removeLast().openedFrom { focus = origin }
            } else {
                focus = .list
            }
        case .toggleSection:
            toggleSection()
        case .toggleRaw:
            return openRaw(at: detail.current?.cursorJSONPath ?? ".")
        }
        return []
    }

    mutating func push(_ target: DrillTarget, in order: Order) {
        guard let screen = OrderScreens.screen(target, in: order) else {
            status = .warning("nothing to show there")
            return
        }
        var level = DetailState.Level(target: target, screen: screen)
        // Start on the first row rather than a section header when there is one.
        if level.lines.count > 1, case .header = level.lines[0] { level.cursor = 1 }
        detail.stack.append(level)
    }

    private mutating func toggleSection() {
        guard var level = detail.stack.popLast() else { return }
        let lines = level.lines
        if lines.indices.contains(level.cursor) {
            let section: Int
            switch lines[level.cursor] {
            case .header(let index): section = index
            case .row(let index, _): section = index
            }
            let id = level.screen.sections[section].id
            if level.collapsed.contains(id) { level.collapsed.remove(id) } else { level.collapsed.insert(id) }
            // Keep the cursor on the header of the section just toggled.
            level.cursor = level.lines.firstIndex(of: .header(section)) ?? 0
        }
        detail.stack.append(level)
        detail.moveCursor(to: level.cursor)
    }
}
