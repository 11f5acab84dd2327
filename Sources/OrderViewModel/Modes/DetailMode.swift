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
        var level = level(target: target, screen: screen)
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
            if level.collapsed.contains(id) {
                level.collapsed.remove(id)
                foldedSections.remove(id)
            } else {
                level.collapsed.insert(id)
                foldedSections.insert(id)
            }
            // Keep the cursor on the header of the section just toggled.
            level.cursor = level.lines.firstIndex(of: .header(section)) ?? 0
        }
        detail.stack.append(level)
        detail.moveCursor(to: level.cursor)
    }

    /// Folds or unfolds every section of the screen shown, and remembers it for the screens
    /// opened later.
    mutating func foldAll(_ folded: Bool) {
        guard var level = detail.stack.popLast() else { return }
        let ids = level.screen.sections.map(\.id)
        let cursorSection: Int? =
            level.lines.indices.contains(level.cursor)
            ? {
                switch level.lines[level.cursor] {
                case .header(let index), .row(let index, _): return index
                }
            }() : nil
        if folded {
            level.collapsed = Set(ids)
            foldedSections.formUnion(ids)
        } else {
            level.collapsed = []
            foldedSections.subtract(ids)
        }
        level.cursor = cursorSection.flatMap { level.lines.firstIndex(of: .header($0)) } ?? 0
        detail.stack.append(level)
        detail.moveCursor(to: level.cursor)
        status = .info(folded ? "all sections folded" : "all sections unfolded")
    }

    /// Focuses the detail and shows the section of kind `id`: unfolded, the cursor on its first
    /// row that opens something (for attachments, the first reservation), else its first row.
    mutating func jumpToSection(_ id: String) -> [AppEffect] {
        guard selectedAnalysis != nil, !detail.stack.isEmpty else {
            status = .info("the order is not loaded yet")
            return []
        }
        if detail.rawPath != nil { closeRaw() }
        focus = .detail
        guard var level = detail.stack.popLast() else { return [] }
        defer { detail.moveCursor(to: detail.current?.cursor ?? 0) }
        guard let section = level.screen.sections.firstIndex(where: { $0.id == id }) else {
            detail.stack.append(level)
            status = .warning("no \(id) section here")
            return []
        }
        level.collapsed.remove(id)
        foldedSections.remove(id)
        let rows = level.screen.sections[section].rows
        let preferred =
            rows.firstIndex { if case .reservation? = $0.target { return true } else { return false } }
            ?? rows.firstIndex { $0.target != nil } ?? (rows.isEmpty ? nil : 0)
        let lines = level.lines
        level.cursor =
            preferred.flatMap { lines.firstIndex(of: .row(section, $0)) } ?? lines.firstIndex(
                of: .header(section)) ?? 0
        // Show the section from its header when it fits.
        if let header = lines.firstIndex(of: .header(section)) { level.scroll = header }
        detail.stack.append(level)
        return []
    }

    /// The payout tree of the item under the cursor, or of the item whose screen is shown.
    mutating func openPayout() -> [AppEffect] {
        guard let analysis = selectedAnalysis, let level = detail.current else {
            status = .info("the order is not loaded yet")
            return []
        }
        var item: Int?
        if let row = level.lines.indices.contains(level.cursor)
            ? level.row(at: level.lines[level.cursor]) : nil
        {
            switch row.target {
            case .item(let index)?, .itemPayout(let index)?, .itemTaxLines(let index)?,
                .itemDiscountLines(let index)?,
                .itemAdditions(let index)?:
                item = index
            default: break
            }
        }
        if item == nil, case .item(let index)? = level.target { item = index }
        guard let index = item else {
            status = .info("no item under the cursor: p opens an item's payout tree")
            return []
        }
        guard analysis.order.items.indices.contains(index),
            analysis.order.items[index].payout?.isEmpty == false
        else {
            status = .info("item \(index + 1) has no payout tree")
            return []
        }
        focus = .detail
        push(.itemPayout(index), in: analysis.order)
        return []
    }
}
