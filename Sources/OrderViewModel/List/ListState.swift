import OrderModel
import OrderSources

/// The order list as values: what has been loaded, what is shown after filter and sort, which
/// order is selected, where the viewport is, and how paging stands.
///
/// The selection is held by order id, not by row number, so it follows the same order through
/// new pages, filters and sorts.
public struct ListState: Sendable, Equatable {
    /// Every summary loaded so far, in source order.
    public private(set) var loaded: [OrderSummary] = []
    /// Indexes into `loaded` of the rows shown, after filter and sort.
    public private(set) var rows: [Int] = []
    public private(set) var selectedID: String?
    /// The first row shown in the viewport.
    public private(set) var scrollOffset = 0
    /// Rows that fit in the list viewport (set by the UI on resize).
    public private(set) var viewportHeight = 20
    public private(set) var sort: SortOrder?
    public private(set) var query = OrderQuery(terms: [], source: "")
    public internal(set) var paging = Paging()
    /// Last search text, for n/N.
    public internal(set) var search: String?

    private var indexByID: [String: Int] = [:]
    /// Where the selection was last put; a hint for `selectedRow`, never the truth.
    private var rowHint = 0
    /// Anomaly counts that arrived for orders whose page has not arrived yet.
    private var pendingAnomalyCounts: [String: Int] = [:]

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

    public var selectedRow: Int? {
        guard let selectedID, let loadedIndex = indexByID[selectedID] else { return nil }
        // O(1) on every keypress: the row last selected is checked first; only after a rebuild
        // (filter, sort, new page) does the search run.
        if rows.indices.contains(rowHint), rows[rowHint] == loadedIndex { return rowHint }
        return rows.firstIndex(of: loadedIndex)
    }

    public var selectedSummary: OrderSummary? {
        guard let row = selectedRow else { return nil }
        return loaded[rows[row]]
    }

    public func summary(atRow row: Int) -> OrderSummary? {
        guard rows.indices.contains(row) else { return nil }
        return loaded[rows[row]]
    }

    /// The rows inside the viewport, with their row numbers.
    public var visibleRows: [(row: Int, summary: OrderSummary)] {
        let end = min(rows.count, scrollOffset + viewportHeight)
        guard scrollOffset < end else { return [] }
        return (scrollOffset..<end).map { ($0, loaded[rows[$0]]) }
    }

    public func summary(id: String) -> OrderSummary? {
        indexByID[id].map { loaded[$0] }
    }

    /// "more available" when the source has not said how many there are.
    public var hasMore: Bool { !paging.exhausted }

    // MARK: - Changes

    /// Adds a page of summaries; duplicates by id (an API page that repeats) are ignored.
    mutating func append(_ summaries: [OrderSummary]) {
        var added: [Int] = []
        for var summary in summaries where indexByID[summary.id] == nil {
            if let count = pendingAnomalyCounts.removeValue(forKey: summary.id) { summary.anomalyCount = count }
            indexByID[summary.id] = loaded.count
            added.append(loaded.count)
            loaded.append(summary)
        }
        if sort == nil {
            rows.append(contentsOf: added.filter { matches(loaded[$0]) })
        } else {
            rebuildRows()
        }
        if selectedID == nil || selectedRow == nil { selectFirstIfNeeded() }
        clampScroll()
    }

    /// Updates one summary in place (e.g. once its order was analysed and anomalies are known).
    mutating func update(_ summary: OrderSummary) {
        guard let index = indexByID[summary.id], loaded[index] != summary else { return }
        loaded[index] = summary
        if !query.isEmpty || sort != nil { rebuildRows() }
    }

    /// Sets anomaly counts for many orders at once, with one rebuild of the rows.
    mutating func applyAnomalyCounts(_ counts: [String: Int]) {
        var changed = false
        for (id, count) in counts {
            guard let index = indexByID[id] else {
                pendingAnomalyCounts[id] = count
                continue
            }
            guard loaded[index].anomalyCount != count else { continue }
            loaded[index].anomalyCount = count
            changed = true
        }
        if changed && (!query.isEmpty || sort != nil) {
            rebuildRows()
            clampScroll()
        }
    }

    mutating func setQuery(_ query: OrderQuery) {
        self.query = query
        rebuildRows()
        selectFirstIfNeeded()
        clampScroll()
    }

    mutating func setSort(_ sort: SortOrder?) {
        self.sort = sort
        rebuildRows()
        clampScroll()
    }

    mutating func setViewportHeight(_ height: Int) {
        viewportHeight = max(1, height)
        clampScroll()
    }

    mutating func select(row: Int) {
        guard !rows.isEmpty else {
            selectedID = nil
            return
        }
        let row = min(max(0, row), rows.count - 1)
        selectedID = loaded[rows[row]].id
        rowHint = row
        clampScroll()
    }

    mutating func select(id: String) -> Bool {
        guard let index = indexByID[id], rows.contains(index) else { return false }
        selectedID = id
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

    // MARK: - Internals

    private mutating func rebuildRows() {
        var indexes: [Int] = []
        indexes.reserveCapacity(loaded.count)
        for index in loaded.indices where matches(loaded[index]) { indexes.append(index) }
        sort?.sort(&indexes, in: loaded)
        rows = indexes
        if let selectedID, let loadedIndex = indexByID[selectedID], let row = rows.firstIndex(of: loadedIndex) {
            rowHint = row
        }
    }

    private func matches(_ summary: OrderSummary) -> Bool {
        query.isEmpty || query.matches(summary)
    }

    private mutating func selectFirstIfNeeded() {
        if selectedRow == nil {
            selectedID = rows.first.map { loaded[$0].id }
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
