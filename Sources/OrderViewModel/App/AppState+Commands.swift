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
            focus =
                Pane.allCases[(Pane.allCases.firstIndex(of: focus).map { $0 + 1 } ?? 0) % Pane.allCases.count]
            return []
        case .focusPrevious:
            let index = Pane.allCases.firstIndex(of: focus) ?? 0
            focus = Pane.allCases[(index + Pane.allCases.count - 1) % Pane.allCases.count]
            return []
        case .focus(let pane):
            focus = pane
            return []
        case .moveUp: return route(.move(-1))
        case .moveDown: return route(.move(1))
        case .pageUp: return route(.move(-pageStep))
        case .pageDown: return route(.move(pageStep))
        case .moveToTop: return route(.moveTo(0))
        case .moveToBottom: return route(.moveTo(Int.max))
        case .selectRow(let row): return route(.moveTo(row))
        case .scroll(let delta): return route(.scroll(delta))
        case .drillIn: return route(.drillIn)
        case .back:
            // A long identifier pass or an order hunt stops first (Esc).
            if let effects = stopLongWork() { return effects }
            // A raw view left open behind another pane closes first.
            if mode != .raw, detail.rawPath != nil {
                closeRaw()
                return []
            }
            return route(.back)
        case .toggleSection: return route(.toggleSection)
        case .foldAll(let folded):
            guard mode == .detail else { return [] }
            foldAll(folded)
            return []
        case .jumpToSection(let id): return jumpToSection(id)
        case .openPayout: return openPayout()
        case .toggleRaw: return route(.toggleRaw)
        case .setFilter(let text): return setFilter(text)
        case .clearFilter: return setFilter("")
        case .sort(let column):
            let ascending =
                list.sort?.column == column ? !(list.sort?.ascending ?? false) : column != .created
            list.setSort(SortOrder(column, ascending: ascending))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .cycleSort:
            // Only the columns the list shows at its width.
            let columns = list.shownColumns.isEmpty ? ListColumn.allCases : list.shownColumns
            let next = list.sort.map {
                columns[(columns.firstIndex(of: $0.column).map { $0 + 1 } ?? 0) % columns.count]
            }
            list.setSort(SortOrder(next ?? columns[0], ascending: true))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .reverseSort:
            let current = list.sort ?? SortOrder(.number, ascending: true)
            list.setSort(SortOrder(current.column, ascending: !current.ascending))
            status = .info("sorted by \(list.sort?.label ?? "")")
            return selectionFollows()
        case .search(let text) where mode == .raw:
            detail.rawSearch = text.isEmpty ? nil : text
            return rawSearchStep(forward: true, includeCurrent: true)
        case .searchNext where mode == .raw && detail.rawSearch != nil:
            return rawSearchStep(forward: true, includeCurrent: false)
        case .searchPrevious where mode == .raw && detail.rawSearch != nil:
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

    /// Hands a pane command to the reducer of the mode the state is in.
    private mutating func route(_ command: PaneCommand) -> [AppEffect] {
        switch mode {
        case .list: return handleInList(command)
        case .detail: return handleInDetail(command)
        case .raw: return handleInRaw(command)
        case .timeline: return handleInTimeline(command)
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

    // MARK: - Filter, search, jump

    mutating func setFilter(_ text: String) -> [AppEffect] {
        do {
            let query = try OrderQuery.parse(text)
            list.setQuery(query)
            status =
                query.isEmpty ? .info("filter cleared") : .info(Self.matching(list.rows.count, query.source))
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
            status = .info("searching \(Self.orders(list.loadedCount)) for \"\(needle)\"… (Esc stops)")
            return [.findSearchHits(job)]
        }
        let stopped = list.currentSearchHits?.identifiersStopped == true ? " (identifiers not searched)" : ""
        let start = list.selectedRow ?? 0
        guard let row = list.nextSearchRow(from: start, forward: forward, includeCurrent: includeCurrent)
        else {
            status = .warning("no order matches \"\(needle)\"\(stopped)")
            return []
        }
        let wrapped = (row != start || !includeCurrent) && (forward ? row <= start : row >= start)
        let rank = list.searchRank(ofRow: row)
        status = .info(
            "match \(rank.index) of \(rank.total) for \"\(needle)\"\(wrapped ? ", search wrapped" : "")\(stopped)"
        )
        list.select(row: row)
        focus = .list
        return selectionFollows()
    }

    /// `:order TEXT`: the order whose id or number is TEXT (any case), or the only one that
    /// starts with it, whatever the filter: a filter that hides it is cleared. Several that
    /// start with it are listed; on the API, one not loaded yet is fetched by id.
    private mutating func jump(to key: String) -> [AppEffect] {
        let typed = key.trimmingCharacters(in: " ")
        // By id or number through the store's hash tables first: never a scan when exact.
        var found: Int?
        for candidate in [typed, typed.uppercased(), typed.lowercased()] {
            guard let position = list.position(ofID: candidate) else { continue }
            if list.select(id: candidate) {
                focus = .list
                status = .info("order \(candidate)")
                return selectionFollows()
            }
            found = position
            break
        }
        var matches: [Int] = []
        var exact = false
        if let found {
            matches = [found]
            exact = true
        } else {
            (exact, matches) = list.lookUp(typed)
        }
        switch matches.count {
        case 0:
            if case .api = origin {
                // The API lists only what was paged in so far: ask for the order itself.
                status = .info("fetching order \(typed)…")
                return [.lookUpOrder(id: typed)]
            }
            status = .warning("no order \(typed) among the \(Self.orders(list.loadedCount)) loaded")
            return []
        case 1:
            let name = list.name(ofPosition: matches[0])
            return reveal(
                position: matches[0],
                as: exact ? "order \(name)" : "order \(name) (the only one starting with \(typed))")
        default:
            let names = matches.prefix(8).map { list.name(ofPosition: $0) }.joined(separator: ", ")
            let more = matches.count > 8 ? ", …" : ""
            let count = matches.count >= 20 ? "20 or more orders" : Self.orders(matches.count)
            status = .warning("\(count) start with \(typed): \(names)\(more); type more of it")
            return []
        }
    }

    /// "1 order", "2 orders".
    public static func orders(_ count: Int) -> String { count == 1 ? "1 order" : "\(count) orders" }

    /// "1 order matches Q", "3 orders match Q".
    static func matching(_ count: Int, _ query: String) -> String {
        "\(orders(count)) match\(count == 1 ? "es" : "") \(query)"
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
