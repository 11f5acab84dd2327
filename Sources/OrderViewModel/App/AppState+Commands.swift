import OrderModel
import OrderSources

extension AppState {
    mutating func handle(_ command: AppCommand) -> [AppEffect] {
        if case .info = status { status = nil }
        if let effects = summaryCommand(command) { return effects }
        switch command {
        case .quit:
            isQuitting = true
            return [.quit]
        case .focusNext:
            focus = Pane.allCases[(Pane.allCases.firstIndex(of: focus).map { $0 + 1 } ?? 0) % Pane.allCases.count]
            return []
        case .focusPrevious:
            let index = Pane.allCases.firstIndex(of: focus) ?? 0
            focus = Pane.allCases[(index + Pane.allCases.count - 1) % Pane.allCases.count]
            return []
        case .focus(let pane):
            focus = pane
            return []
        case .moveUp: return move(by: -1)
        case .moveDown: return move(by: 1)
        case .pageUp: return move(by: -pageStep)
        case .pageDown: return move(by: pageStep)
        case .moveToTop: return move(to: 0)
        case .moveToBottom: return move(to: Int.max)
        case .selectRow(let row): return move(to: row)
        case .scroll(let delta): return scroll(by: delta)
        case .drillIn: return drillIn()
        case .back: return back()
        case .toggleSection: return toggleSection()
        case .toggleRaw: return toggleRaw()
        case .setFilter(let text): return setFilter(text)
        case .clearFilter: return setFilter("")
        case .sort(let column):
            let ascending = list.sort?.column == column ? !(list.sort?.ascending ?? false) : column != .created
            list.setSort(SortOrder(column, ascending: ascending))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .cycleSort:
            let columns = ListColumn.allCases
            let next = list.sort.map { columns[(columns.firstIndex(of: $0.column).map { $0 + 1 } ?? 0) % columns.count] }
            list.setSort(SortOrder(next ?? .number, ascending: true))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .reverseSort:
            let current = list.sort ?? SortOrder(.number, ascending: true)
            list.setSort(SortOrder(current.column, ascending: !current.ascending))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .search(let text) where focus == .detail && detail.rawPath != nil:
            detail.rawSearch = text.isEmpty ? nil : text
            return rawSearchStep(forward: true, includeCurrent: true)
        case .searchNext where focus == .detail && detail.rawSearch != nil:
            return rawSearchStep(forward: true, includeCurrent: false)
        case .searchPrevious where focus == .detail && detail.rawSearch != nil:
            return rawSearchStep(forward: false, includeCurrent: false)
        case .search(let text):
            list.search = text.isEmpty ? nil : text
            return searchStep(forward: true, includeCurrent: true)
        case .searchNext: return searchStep(forward: true, includeCurrent: false)
        case .searchPrevious: return searchStep(forward: false, includeCurrent: false)
        case .jump(let key): return jump(to: key)
        case .retry: return retry()
        case .toggleRedaction: return toggleRedaction()
        case .summarize: return []  // the summary's own (`summaryCommand`)
        }
    }

    // MARK: - Redaction

    private mutating func toggleRedaction() -> [AppEffect] {
        switch redaction {
        case .locked:
            status = .warning("redaction stays on: started with --redact")
            return []
        case .on:
            redaction = .off
            status = .info("redaction off: personal data is shown")
        case .off:
            redaction = .on
            status = .info("redaction on: personal data is masked")
        }
        return reloadOrders()
    }

    private var pageStep: Int {
        switch focus {
        case .list: return max(1, list.viewportHeight - 1)
        case .detail: return max(1, detail.viewportHeight - 1)
        case .timeline: return max(1, timeline.viewportHeight - 1)
        }
    }

    // MARK: - Movement

    private mutating func move(by delta: Int) -> [AppEffect] {
        switch focus {
        case .list:
            return move(to: (list.selectedRow ?? 0) + delta)
        case .detail:
            if detail.rawPath != nil {
                moveRawCursor(to: detail.rawCursor + delta)
                return []
            }
            detail.moveCursor(to: (detail.current?.cursor ?? 0) + delta)
            return []
        case .timeline:
            timeline.move(to: timeline.cursor + delta)
            return []
        }
    }

    private mutating func move(to target: Int) -> [AppEffect] {
        switch focus {
        case .list:
            let target = target == Int.max ? list.rows.count - 1 : target
            list.select(row: target)
            return selectionFollows()
        case .detail:
            if detail.rawPath != nil {
                moveRawCursor(to: target)
                return []
            }
            let count = detail.current?.lines.count ?? 0
            detail.moveCursor(to: target == Int.max ? count - 1 : target)
            return []
        case .timeline:
            timeline.move(to: target == Int.max ? timeline.count - 1 : target)
            return []
        }
    }

    private mutating func scroll(by delta: Int) -> [AppEffect] {
        switch focus {
        case .list:
            list.scroll(by: delta)
            return selectionFollows()
        case .detail, .timeline:
            return move(by: delta)
        }
    }

    /// After the list selection may have moved: load the new order and prefetch.
    mutating func selectionFollows() -> [AppEffect] {
        let effects = selectionChanged()
        return effects + prefetchIfNeeded()
    }

    // MARK: - Drill-down

    private mutating func drillIn() -> [AppEffect] {
        switch focus {
        case .list:
            guard list.selectedSummary != nil else { return [] }
            focus = .detail
            return []
        case .timeline:
            guard let analysis = selectedAnalysis, analysis.timeline.entries.indices.contains(timeline.cursor),
                let target = analysis.timeline.entries[timeline.cursor].target
            else { return [] }
            focus = .detail
            push(target, in: analysis.order)
            // Esc returns to the timeline entry, as it returns to the row left in the detail.
            if detail.stack.count > 1 { detail.stack[detail.stack.count - 1].openedFrom = .timeline }
            return []
        case .detail:
            if detail.rawPath != nil { return toggleRawFold() }
            guard let level = detail.current, let analysis = selectedAnalysis else { return [] }
            let lines = level.lines
            guard lines.indices.contains(level.cursor) else { return [] }
            switch lines[level.cursor] {
            case .header:
                return toggleSection()
            case .row:
                guard let target = level.row(at: lines[level.cursor])?.target else { return [] }
                push(target, in: analysis.order)
                return []
            }
        }
    }

    private mutating func push(_ target: DrillTarget, in order: Order) {
        guard let screen = OrderScreens.screen(target, in: order) else {
            status = .warning("nothing to show there")
            return
        }
        var level = DetailState.Level(target: target, screen: screen)
        // Start on the first row rather than a section header when there is one.
        if level.lines.count > 1, case .header = level.lines[0] { level.cursor = 1 }
        detail.stack.append(level)
    }

    private mutating func back() -> [AppEffect] {
        if detail.rawPath != nil {
            closeRaw()
            return []
        }
        if focus == .detail, detail.stack.count > 1 {
            if let origin = detail.stack.removeLast().openedFrom { focus = origin }
            return []
        }
        if focus != .list {
            focus = .list
            return []
        }
        if !list.query.isEmpty {
            return setFilter("")
        }
        return []
    }

    private mutating func toggleSection() -> [AppEffect] {
        if focus == .detail, detail.rawPath != nil { return toggleRawFold() }
        guard focus == .detail, var level = detail.stack.popLast() else { return [] }
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
        return []
    }

    private mutating func toggleRaw() -> [AppEffect] {
        if detail.rawPath != nil {
            closeRaw()
            return []
        }
        guard selectedAnalysis != nil else {
            status = .info("the order is not loaded yet")
            return []
        }
        closeRaw()
        let path = (focus == .detail ? detail.current?.cursorJSONPath : nil) ?? "."
        detail.rawPath = path
        detail.rawDocument = selectedAnalysis.flatMap { RawJSON.node(at: path, in: $0.order.raw) }.map { RawJSONDocument($0) }
        focus = .detail
        return []
    }

    // MARK: - Raw JSON view

    /// The raw view's document (the node at `rawPath` of the selected order), when it is open.
    public var rawDocument: RawJSONDocument? { detail.rawDocument }

    private mutating func closeRaw() {
        detail.rawPath = nil
        detail.rawDocument = nil
        detail.rawScroll = 0
        detail.rawCursor = 0
        detail.rawFolded = []
        detail.rawSearch = nil
    }

    /// Rows of the raw view below its path line.
    private var rawViewport: Int { max(1, detail.viewportHeight - 1) }

    private mutating func moveRawCursor(to target: Int, in document: RawJSONDocument? = nil) {
        guard let document = document ?? rawDocument else { return }
        let count = document.visibleLines(folded: detail.rawFolded).count
        detail.rawCursor = min(max(0, target == Int.max ? count - 1 : target), max(0, count - 1))
        if detail.rawCursor < detail.rawScroll { detail.rawScroll = detail.rawCursor }
        if detail.rawCursor >= detail.rawScroll + rawViewport { detail.rawScroll = detail.rawCursor - rawViewport + 1 }
        detail.rawScroll = min(max(0, detail.rawScroll), max(0, count - rawViewport))
    }

    /// Folds or unfolds the object or array opened on the cursor's line (or the one it is in).
    private mutating func toggleRawFold() -> [AppEffect] {
        guard let document = rawDocument else { return [] }
        let visible = document.visibleLines(folded: detail.rawFolded)
        guard visible.indices.contains(detail.rawCursor) else { return [] }
        let line = visible[detail.rawCursor]
        if detail.rawFolded.contains(line) {
            detail.rawFolded.remove(line)
        } else if let opener = document.lines[line].closeLine != nil
            ? line : document.lines[..<line].indices.last(where: { (document.lines[$0].closeLine ?? -1) >= line })
        {
            detail.rawFolded.insert(opener)
            let shown = document.visibleLines(folded: detail.rawFolded)
            moveRawCursor(to: shown.firstIndex(of: opener) ?? 0, in: document)
        }
        return []
    }

    /// Moves to the next (or previous) line of the raw view that holds `rawSearch`, unfolding
    /// what hides it.
    mutating func rawSearchStep(forward: Bool, includeCurrent: Bool) -> [AppEffect] {
        guard let document = rawDocument, let needle = detail.rawSearch else { return [] }
        let matches = detail.rawMatches
        guard !matches.isEmpty else {
            status = .warning("no \"\(needle)\" in this JSON")
            return []
        }
        let visible = document.visibleLines(folded: detail.rawFolded)
        let current = visible.indices.contains(detail.rawCursor) ? visible[detail.rawCursor] : 0
        let next: Int
        if forward {
            next = matches.first { includeCurrent ? $0 >= current : $0 > current } ?? matches[0]
        } else {
            next = matches.last { $0 < current } ?? matches[matches.count - 1]
        }
        detail.rawFolded = document.unfolding(detail.rawFolded, toShow: next)
        let shown = document.visibleLines(folded: detail.rawFolded)
        moveRawCursor(to: shown.firstIndex(of: next) ?? 0, in: document)
        let position = (matches.firstIndex(of: next) ?? 0) + 1
        status = .info("match \(position) of \(matches.count) for \"\(needle)\"")
        return []
    }

    // MARK: - Filter, search, jump

    private mutating func setFilter(_ text: String) -> [AppEffect] {
        do {
            let query = try OrderQuery.parse(text)
            list.setQuery(query)
            status = query.isEmpty ? .info("filter cleared") : .info("\(list.rows.count) orders match \(query.source)")
        } catch {
            status = .error("filter: \(error.message)")
            return []
        }
        return selectionFollows()
    }

    /// n/N (and a new search): the next row whose order matches, from the selection on. The
    /// matches are found once per text (off the loop for big lists), so each key only walks the
    /// rows shown testing one bit per row.
    mutating func searchStep(forward: Bool, includeCurrent: Bool) -> [AppEffect] {
        guard let needle = list.search, !list.rows.isEmpty else {
            status = .info("no search: press f to find an order, or type :find TEXT")
            return []
        }
        if let job = list.prepareSearch(needle, step: (forward, includeCurrent)) {
            status = .info("searching \(list.loadedCount) orders for \"\(needle)\"…")
            return [.findSearchHits(job)]
        }
        let start = list.selectedRow ?? 0
        guard let row = list.nextSearchRow(from: start, forward: forward, includeCurrent: includeCurrent) else {
            status = .warning("no order matches \"\(needle)\"")
            return []
        }
        if row != start || !includeCurrent, forward ? row <= start : row >= start {
            status = .info("search wrapped")
        } else if case .info(let text) = status, text.hasPrefix("searching ") {
            status = .info("found \"\(needle)\"")
        }
        list.select(row: row)
        focus = .list
        return selectionFollows()
    }

    private mutating func jump(to key: String) -> [AppEffect] {
        let typed = key.trimmingCharacters(in: " ")
        // By id or number through the store's hash tables: never a scan of the rows. Typed in
        // another case (`sl01-0100010`), the number is tried as order numbers and ids are
        // usually written: upper case, lower case.
        var key = typed
        for candidate in [typed, typed.uppercased(), typed.lowercased()] where list.summary(id: candidate) != nil {
            key = candidate
            break
        }
        if list.select(id: key) {
            focus = .list
            return selectionFollows()
        }
        if list.summary(id: key) != nil {
            status = .warning("order \(key) is hidden by the filter; clear it with :filter")
        } else if case .api = origin {
            // The API lists only what was paged in so far: ask for the order itself.
            status = .info("fetching order \(typed)…")
            return [.lookUpOrder(id: typed)]
        } else {
            status = .warning("order \(key) is not among the \(list.loaded.count) loaded orders")
        }
        return []
    }

    private mutating func retry() -> [AppEffect] {
        if list.paging.error != nil {
            list.paging.error = nil
            status = .info("retrying")
            return requestNextPage()
        }
        if case .failed = detail.load, let id = detail.orderID {
            detail.load = .loading
            status = .info("retrying")
            return [.loadOrder(id: id)]
        }
        return []
    }
}
