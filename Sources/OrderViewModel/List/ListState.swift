import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources

/// The order list: the summaries loaded, the rows shown after filter and sort, which order is
/// selected, where the viewport is, and how paging stands.
///
/// The summaries live in a `SummaryStore` shared by reference (a dump source's own store, or one
/// the list fills from API pages), so a million orders are never copied into the state; the
/// rows are positions in it (`ListRows`). Filter and sort over many rows are handed to the app
/// loop as a `RowRebuild` effect and the old rows stay on screen until the result comes back.
/// The selection is held by store position, so it follows the same order through new pages,
/// filters and sorts.
public struct ListState: Sendable, Equatable {
    public static func == (lhs: ListState, rhs: ListState) -> Bool {
        lhs.loadedCount == rhs.loadedCount && lhs.rows == rhs.rows
            && lhs.selectedPosition == rhs.selectedPosition
            && lhs.scrollOffset == rhs.scrollOffset && lhs.viewportHeight == rhs.viewportHeight
            && lhs.sort == rhs.sort
            && lhs.query == rhs.query && lhs.paging == rhs.paging && lhs.search == rhs.search
            && lhs.rebuildGeneration == rhs.rebuildGeneration && lhs.identifiers == rhs.identifiers
            && (lhs.store === rhs.store || lhs.loaded.elementsEqual(rhs.loaded))
    }

    /// Where the summaries are; shared with the source when it has a store.
    public private(set) var store = SummaryStore()
    /// How many of the store's rows the list has taken in (the store may be ahead).
    public private(set) var loadedCount = 0
    /// Every summary loaded so far, in source order (made on access: read only what is needed).
    public var loaded: SummaryList { SummaryList(snapshot) }
    /// Store positions of the rows shown, after filter and sort.
    public private(set) var rows = ListRows.all(0)
    /// The store position of the selected order.
    public private(set) var selectedPosition: Int?
    /// The first row shown in the viewport.
    public private(set) var scrollOffset = 0
    /// Rows that fit in the list viewport (set by the UI on resize).
    public private(set) var viewportHeight = 20
    public private(set) var sort: SortOrder?
    public private(set) var query = OrderQuery(terms: [], source: "")
    public internal(set) var paging = Paging()
    /// Last search text, for n/N.
    public internal(set) var search: String?
    /// Which orders match `search`, as far as found.
    private var searchHits: SearchHits?
    /// The newest search asked for off the loop; results of older ones are dropped.
    private var searchGeneration = 0
    /// The n/N step waiting for a search running off the loop.
    private var pendingSearchStep: (forward: Bool, includeCurrent: Bool)?
    /// Lists with more loaded summaries than this filter and sort off the app loop.
    public var inlineRebuildLimit = 20_000

    /// The rows loaded, readable without locks.
    private(set) var snapshot = SummarySnapshot()
    /// How many loaded positions `rows` accounts for.
    private var rowsCover = 0
    /// Where the selection was last put; a hint for `selectedRow`, never the truth.
    private var rowHint = 0
    /// Anomaly counts that arrived for store positions the store does not hold yet (by position).
    private var pendingAnomalyCounts: [Int: AnomalyTally] = [:]
    /// Anomaly counts changed since the rows were last rebuilt (rows that depend on them are out
    /// of date until the next rebuild).
    private var anomalyRowsStale = false
    /// Orders whose counts arrived since the rows were last rebuilt.
    private var countsSinceRebuild = 0
    /// The background check's last batch has arrived.
    private var countsComplete = false
    /// The generation of the newest filter/sort asked for; results of older ones are dropped.
    public private(set) var rebuildGeneration = 0
    /// A rebuild waiting to be handed to the app loop (taken by `AppState`).
    private var rebuildRequest: RowRebuild?
    /// True while a rebuild runs off the loop (the rows shown are the previous ones).
    public private(set) var rebuildPending = false
    /// A sort is running off the loop: select the first row when its rows come.
    private var selectTopWhenRebuilt = false
    /// The columns the list shows at its width (set by the UI): `s` cycles through these only.
    public internal(set) var shownColumns: [ListColumn] = ListColumn.allCases
    /// Where free text also looks: identifiers beyond the list's columns (issue 16).
    public internal(set) var identifiers = IdentifierScope()
    /// The identifier pass of the search running off the loop (progress, Esc).
    public private(set) var searchPass: SearchControl?
    /// The identifier pass of the filter running off the loop (progress, Esc).
    public private(set) var filterPass: SearchControl?
    /// The last filter's identifier pass was stopped: its rows match the list's columns only.
    public private(set) var filterPassStopped = false

    public init() {}

    /// Paging progress: what to ask for next, and what went wrong last time.
    public struct Paging: Sendable, Equatable {
        public var next: PageCursor?
        /// True once a page came back with no next cursor.
        public var exhausted = false
        public var totalCount: Int?
        /// The request id of the page in flight, if any; results for other ids are stale.
        public var inFlight: Int?
        public var error: SourceError?
        public var pagesLoaded = 0
    }

    // MARK: - Queries

    /// The id of the selected order.
    public var selectedID: String? { selectedPosition.map { snapshot.id(row: $0) } }

    public var selectedRow: Int? {
        guard let position = selectedPosition else { return nil }
        // O(1) on every keypress: the row last selected is checked first; only after a rebuild
        // (filter, sort, new page) does the search run.
        if rows.indices.contains(rowHint), rows[rowHint] == position { return rowHint }
        return rows.row(ofPosition: position)
    }

    public var selectedSummary: OrderSummary? {
        guard let position = selectedPosition, selectedRow != nil else { return nil }
        return snapshot.summary(at: position)
    }

    public func summary(atRow row: Int) -> OrderSummary? {
        guard rows.indices.contains(row) else { return nil }
        return snapshot.summary(at: rows[row])
    }

    /// The store columns of a row, read in place (for writers that copy them as bytes); valid
    /// while this state, which holds the snapshot they point into, is.
    public func storedRow(atRow row: Int) -> SummaryRow? {
        guard rows.indices.contains(row) else { return nil }
        return snapshot.row(rows[row])
    }

    /// The rows inside the viewport, with their row numbers (only these are made into summaries).
    public var visibleRows: [(row: Int, summary: OrderSummary)] {
        let end = min(rows.count, scrollOffset + viewportHeight)
        guard scrollOffset < end else { return [] }
        return (scrollOffset..<end).map { ($0, snapshot.summary(at: rows[$0])) }
    }

    public func summary(id: String) -> OrderSummary? {
        position(ofID: id).map { snapshot.summary(at: $0) }
    }

    /// "more available" when the source has not said how many there are.
    public var hasMore: Bool { !paging.exhausted }

    func position(ofID id: String) -> Int? {
        guard let position = store.row(ofID: id), position < loadedCount else { return nil }
        return position
    }

    // MARK: - Changes

    /// Adds a page of summaries; duplicates by id (an API page that repeats) are ignored.
    /// `identifiers` (same order as `summaries`, or empty) are kept for the search.
    mutating func append(_ summaries: [OrderSummary], identifiers: [[OrderIdentifier]] = []) {
        for (index, summary) in summaries.enumerated() where store.row(ofID: summary.id) == nil {
            let position = store.append(summary)
            if let tally = pendingAnomalyCounts.removeValue(forKey: position) {
                store.setAnomalyCount(tally.count, kinds: tally.kinds, at: position)
            }
            if index < identifiers.count { self.identifiers.set(identifiers[index], at: position) }
        }
        grow(to: store.count)
    }

    /// True when the rows for the current query need the source (a dump's identifiers), which
    /// only a rebuild off the loop has.
    private var filterNeedsSource: Bool {
        identifiers.searchesSource && !query.textNeedles.isEmpty
    }

    /// Positions `from..<loadedCount` filtered inline (no sort), the table's identifiers in.
    private func rowsInline(from start: Int, sort: SortOrder?, base: ListRows) -> ListRows {
        let hits = RowRebuild.textHits(
            query, scope: identifiers, rows: start..<snapshot.count, snapshot: snapshot, source: nil,
            control: SearchControl(total: 0))
        return RowRebuild.rows(
            snapshot, from: start, query: query, sort: sort, base: base, redacted: identifiers.redacted,
            textHits: hits)
    }

    /// Redaction changed: email and phone stop (or start) matching; the search is done again
    /// and a filter with free text is applied again.
    mutating func setRedacted(_ redacted: Bool) {
        guard identifiers.redacted != redacted else { return }
        identifiers.redacted = redacted
        searchHits = nil
        searchGeneration += 1
        searchPass?.abandon()
        searchPass = nil
        pendingSearchStep = nil
        if !query.textNeedles.isEmpty {
            rebuildRows()
            selectFirstIfNeeded()
            clampScroll()
        }
    }

    /// Stops the identifier pass running off the loop (Esc); false when none runs.
    mutating func stopPasses() -> Bool {
        let running = [searchPass, filterPass].compactMap { $0 }
        for pass in running { pass.stop() }
        return !running.isEmpty
    }

    /// The pass running off the loop, for the status bar's progress (filter first).
    public var runningPass: SearchControl? { filterPass ?? searchPass }

    /// Takes in the rows of a source's shared store (at once, without copying them).
    mutating func share(_ shared: SharedSummaries) {
        if shared.store !== store {
            guard loadedCount == 0 else { return }  // a list keeps the store it started with
            store = shared.store
        }
        grow(to: shared.count)
    }

    private mutating func grow(to count: Int) {
        guard count > loadedCount else { return }
        snapshot = store.snapshot().prefix(count)
        loadedCount = snapshot.count
        if !pendingAnomalyCounts.isEmpty {
            let storeCount = store.count
            for (position, tally) in pendingAnomalyCounts where position < storeCount {
                store.setAnomalyCount(tally.count, kinds: tally.kinds, at: position)
                pendingAnomalyCounts[position] = nil
            }
        }
        if rebuildPending {
            // The running rebuild covers fewer rows; the rest is added when it comes back.
        } else if sort == nil, !filterNeedsSource,
            loadedCount - rowsCover <= inlineRebuildLimit || query.isEmpty
        {
            rows = rowsInline(from: rowsCover, sort: nil, base: rows)
            rowsCover = loadedCount
        } else {
            rebuildRows()
        }
        if selectedRow == nil { selectFirstIfNeeded() }
        clampScroll()
    }

    /// Updates one summary in place; only its anomaly count can change (once its order was
    /// analysed).
    mutating func update(_ summary: OrderSummary) {
        guard let position = position(ofID: summary.id),
            snapshot.anomalyCount(row: position) != summary.anomalyCount
                || snapshot.row(position).anomalyKinds != summary.anomalyKinds
        else { return }
        store.setAnomalyCount(summary.anomalyCount, kinds: summary.anomalyKinds, at: position)
        if dependsOnAnomalies { rebuildRows() }
    }

    /// Sets the anomaly counts of a run of store positions (`final`: the check's last batch):
    /// the work is the batch's, whatever the number of orders (no ids, no lookups). Rows that
    /// depend on the counts (an anomaly filter or sort) are rebuilt when `anomalyRebuildDue`,
    /// never while a rebuild runs off the loop (one follows it when due).
    mutating func applyAnomalyCounts(_ counts: AnomalyCounts, final: Bool = false) {
        // Positions the store holds take their counts now (also those the list has not taken in
        // yet: it finds them there); the rest wait for their rows.
        let held = max(counts.start, min(counts.positions.upperBound, store.count))
        for (offset, tally) in counts.tallies.enumerated().dropFirst(held - counts.start) {
            if let tally { pendingAnomalyCounts[counts.start + offset] = tally }
        }
        var changed = false
        if dependsOnAnomalies {
            let shown = counts.start..<max(counts.start, min(held, loadedCount))
            for position in shown {
                if let tally = counts.tallies[position - counts.start],
                    snapshot.anomalyCount(row: position) != tally.count
                {
                    changed = true
                    break
                }
            }
        }
        // Written even when the count is unchanged: the kinds may be new.
        store.setAnomalyCounts(
            from: counts.start,
            counts.tallies.prefix(held - counts.start).lazy.map { $0.map { ($0.count, $0.kinds) } })
        countsSinceRebuild += counts.tallies.count
        if final { countsComplete = true }
        if changed { anomalyRowsStale = true }
        if !rebuildPending && anomalyRebuildDue {
            rebuildRows()
            clampScroll()
        }
    }

    /// Whether rows out of date with the counts are rebuilt now: a small list at every batch; a
    /// big one (rebuilt off the loop, in time proportional to the whole list) once an eighth of
    /// it was checked since its last rebuild, and when the check ends. So the rebuilds during a
    /// check of n orders cost about 8 n, not n for each batch, and leave the cores to the check
    /// (the status bar shows how far it is).
    private var anomalyRebuildDue: Bool {
        anomalyRowsStale && dependsOnAnomalies
            && (countsComplete || loadedCount <= inlineRebuildLimit || countsSinceRebuild * 8 >= loadedCount)
    }

    /// True when the rows shown depend on anomaly counts (a filter or sort on them).
    private var dependsOnAnomalies: Bool {
        sort?.column == .anomaly || query.usesAnomalies
    }

    mutating func setQuery(_ query: OrderQuery) {
        self.query = query
        rebuildRows()
        selectFirstIfNeeded()
        clampScroll()
    }

    /// Sorts the rows; the selection goes to the first row, so the view shows the start of the
    /// new order (at once, or when a sort off the loop is done).
    mutating func setSort(_ sort: SortOrder?) {
        self.sort = sort
        rebuildRows()
        if rebuildPending {
            selectTopWhenRebuilt = true
        } else {
            select(row: 0)
        }
        clampScroll()
    }

    mutating func setViewportHeight(_ height: Int) {
        viewportHeight = max(1, height)
        clampScroll()
    }

    // MARK: - Search (n/N)

    /// Makes sure every loaded order has been tested against `needle`: at once for a few
    /// untested orders, else returns the search to run off the loop (remembering `step` to take
    /// when it is done). Nil when the hits are ready.
    mutating func prepareSearch(_ needle: String, step: (forward: Bool, includeCurrent: Bool)) -> RowSearch? {
        if searchHits?.needle != needle {
            searchHits = SearchHits(needle: needle)
            searchGeneration += 1
            pendingSearchStep = nil
            searchPass?.abandon()  // its answer is for the text before
            searchPass = nil
        }
        let covered = searchHits?.covered ?? 0
        guard snapshot.count > covered else { return nil }
        if snapshot.count - covered <= inlineRebuildLimit, !identifiers.searchesSource {
            searchHits?.extend(
                with: RowSearch(
                    generation: searchGeneration, needle: needle, snapshot: snapshot, from: covered,
                    scope: identifiers
                ).run())
            return nil
        }
        let running = pendingSearchStep != nil
        pendingSearchStep = step
        if running { return nil }  // one search at a time; the newest step waits for it
        let control = SearchControl(total: snapshot.count - covered)
        searchPass = control
        return RowSearch(
            generation: searchGeneration, needle: needle, snapshot: snapshot, from: covered,
            scope: identifiers,
            control: control)
    }

    /// The search's hits, for counting (nil before any search).
    var currentSearchHits: SearchHits? { searchHits }

    /// Takes in a search's result; returns the n/N step that waited for it, if any.
    mutating func searchFound(generation: Int, _ hits: SearchHits) -> (forward: Bool, includeCurrent: Bool)? {
        guard generation == searchGeneration, hits.needle == searchHits?.needle else { return nil }
        searchPass = nil
        searchHits?.extend(with: hits)
        defer { pendingSearchStep = nil }
        return pendingSearchStep
    }

    /// The next row (after `start`, or from it with `includeCurrent`) whose order matches the
    /// search, wrapping around; nil when none does. One bit test per row walked.
    func nextSearchRow(from start: Int, forward: Bool, includeCurrent: Bool) -> Int? {
        guard let hits = searchHits, !rows.isEmpty else { return nil }
        let count = rows.count
        for step in (includeCurrent ? 0 : 1)...count {
            let row = ((forward ? start + step : start - step) % count + count) % count
            if hits.matches(rows[row]) == true { return row }
        }
        return nil
    }

    mutating func select(row: Int) {
        guard !rows.isEmpty else {
            selectedPosition = nil
            return
        }
        let row = min(max(0, row), rows.count - 1)
        selectedPosition = rows[row]
        rowHint = row
        clampScroll()
    }

    /// Selects the order with this id, or else this order number; false when it is not loaded
    /// or not among the rows shown.
    mutating func select(id: String) -> Bool {
        let byNumber = store.row(ofOrderNumber: id).flatMap { $0 < loadedCount ? $0 : nil }
        guard let position = position(ofID: id) ?? byNumber, let row = rows.row(ofPosition: position) else {
            return false
        }
        selectedPosition = position
        rowHint = row
        clampScroll()
        return true
    }

    /// Scrolls the viewport without moving the selection past it (mouse wheel).
    mutating func scroll(by delta: Int) {
        let maxOffset = max(0, rows.count - viewportHeight)
        scrollOffset = min(max(0, scrollOffset + delta), maxOffset)
        if let row = selectedRow {
            if row < scrollOffset {
                select(row: scrollOffset)
            } else if row >= scrollOffset + viewportHeight {
                select(row: scrollOffset + viewportHeight - 1)
            }
        }
    }

    /// The rebuild to run off the loop, if one was asked for since the last call.
    mutating func takeRebuildRequest() -> RowRebuild? {
        defer { rebuildRequest = nil }
        return rebuildRequest
    }

    /// A rebuild came back: its rows replace the shown ones unless a newer one was asked for.
    mutating func rebuilt(generation: Int, rows newRows: ListRows, covering: Int) {
        guard generation == rebuildGeneration, rebuildPending else { return }
        rebuildPending = false
        filterPassStopped = filterPass?.isStopped ?? false
        filterPass = nil
        rows = newRows
        rowsCover = covering
        if let position = selectedPosition, let row = rows.row(ofPosition: position) { rowHint = row }
        if anomalyRebuildDue {
            // Counts came in while it ran: its rows are shown meanwhile, and a fresh rebuild
            // (which reads every count there is now) replaces them.
            rebuildRows()
        } else if rowsCover < loadedCount {
            if sort == nil, !filterNeedsSource, query.isEmpty || loadedCount - rowsCover <= inlineRebuildLimit
            {
                rows = rowsInline(from: rowsCover, sort: nil, base: rows)
                rowsCover = loadedCount
            } else {
                rebuildRows()
            }
        }
        if selectTopWhenRebuilt, rows.count > 0 {
            selectTopWhenRebuilt = false
            select(row: 0)
        }
        selectFirstIfNeeded()
        clampScroll()
    }

    // MARK: - Internals

    /// Filters and sorts every loaded row: inline when there are few, else as an effect.
    private mutating func rebuildRows() {
        rebuildGeneration += 1
        // This rebuild reads the counts as they are now.
        anomalyRowsStale = false
        countsSinceRebuild = 0
        filterPass?.abandon()  // a newer filter or sort replaces its answer
        filterPass = nil
        filterPassStopped = false
        if loadedCount <= inlineRebuildLimit, !filterNeedsSource {
            rows = rowsInline(from: 0, sort: sort, base: .all(0))
            rowsCover = loadedCount
            rebuildPending = false
            rebuildRequest = nil
            if let position = selectedPosition, let row = rows.row(ofPosition: position) { rowHint = row }
            return
        }
        rebuildPending = true
        let control = filterNeedsSource ? SearchControl(total: snapshot.count) : nil
        filterPass = control
        rebuildRequest = RowRebuild(
            generation: rebuildGeneration, snapshot: snapshot, query: query, sort: sort, scope: identifiers,
            control: control)
    }

    private mutating func selectFirstIfNeeded() {
        if selectedRow == nil, !rebuildPending {
            selectedPosition = rows.first
            rowHint = 0
        }
    }

    /// Keeps the selection inside the viewport and the viewport inside the rows.
    private mutating func clampScroll() {
        let maxOffset = max(0, rows.count - viewportHeight)
        if let row = selectedRow {
            if row < scrollOffset { scrollOffset = row }
            if row >= scrollOffset + viewportHeight { scrollOffset = row - viewportHeight + 1 }
        }
        scrollOffset = min(max(0, scrollOffset), maxOffset)
    }
}
