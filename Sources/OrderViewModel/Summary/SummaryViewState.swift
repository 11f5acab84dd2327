import OrderIndex
import OrderModel

/// The summary view (issue 20) as its own reducer: which columns, the table computed for the
/// list's rows, the cursor, the sort, and whether it is showing or waiting behind a group opened
/// from it. `AppState` only routes commands and events here and runs the effects it returns.
public struct SummaryViewState: Sendable, Equatable {
    /// What the operator asks of the view.
    public enum Command: Sendable, Equatable {
        /// Opens the view grouped by these columns (nil: the last ones, first time `status`).
        case open([SummaryColumn]?)
        case move(Int)
        case moveToTop, moveToBottom
        case page(Int)
        /// The next sort column (values, orders, gross, captured, refunded, outstanding).
        case cycleSort
        case reverseSort
        /// Enter: the list filtered to the selected group.
        case openGroup
        /// Esc: close the view (back to the list as it was).
        case close
        /// Esc in the list after `openGroup`: the view again, the list's filter as before.
        case returnFromGroup
    }

    /// What the list shows now, for a computation.
    public struct Input: Sendable {
        public var snapshot: SummarySnapshot
        public var rows: ListRows
        /// The list's filter text (restored when returning from a group).
        public var filter: String
        /// True while indexing or the anomaly check still run: the result is marked partial.
        public var partial: Bool
        /// True when every order will be checked in the background (dumps): orders not checked
        /// yet then make the result partial too (the check may not have reported yet).
        public var checksEveryOrder: Bool

        public init(
            snapshot: SummarySnapshot, rows: ListRows, filter: String, partial: Bool,
            checksEveryOrder: Bool = false
        ) {
            self.snapshot = snapshot
            self.rows = rows
            self.filter = filter
            self.partial = partial
            self.checksEveryOrder = checksEveryOrder
        }
    }

    /// What the reducer asks for.
    public enum Effect: Sendable, Equatable {
        /// Compute a table off the input loop; answer with `computed`.
        case compute(SummaryRequest)
        /// Set the list's filter (a group opened, or the filter restored on return).
        case setFilter(String)
        case status(StatusMessage)
    }

    public private(set) var isActive = false
    public private(set) var columns: [SummaryColumn] = [.status]
    public private(set) var table: SummaryTable?
    /// The table's lines (a group with several currencies has several).
    public private(set) var lines: [SummaryLine] = []
    public private(set) var selectedLine = 0
    /// The first line shown (kept so the selection stays in view).
    public private(set) var scroll = 0
    public var viewportHeight = 10
    public private(set) var generation = 0
    /// A computation is running.
    public private(set) var computing = false
    /// The data changed while a computation ran: compute again when it comes back.
    private var dirty = false
    /// The table was computed while indexing or the anomaly check still ran.
    public private(set) var partial = false
    /// The filter the view was opened over, and whether a group was opened from it.
    public private(set) var baseFilter = ""
    public private(set) var canReturn = false
    private var requestedPartial = false
    private var requestedChecksEveryOrder = false

    public init() {}

    // MARK: - Commands

    public mutating func handle(_ command: Command, input: () -> Input) -> [Effect] {
        switch command {
        case .open(let wanted):
            if let wanted { columns = wanted }
            isActive = true
            canReturn = false
            let current = input()
            baseFilter = current.filter
            table = nil
            lines = []
            selectedLine = 0
            scroll = 0
            return [compute(current)]
        case .move(let delta): select(selectedLine + delta)
        case .moveToTop: select(0)
        case .moveToBottom: select(lines.count - 1)
        case .page(let direction): select(selectedLine + direction * max(1, viewportHeight - 1))
        case .cycleSort: cycleSort()
        case .reverseSort:
            guard var table else { return [] }
            var sort = table.sort
            sort.ascending.toggle()
            table.sort(by: sort)
            adopt(table, keepingGroup: true)
        case .openGroup: return openGroup()
        case .close:
            isActive = false
            canReturn = false
        case .returnFromGroup:
            guard canReturn else { return [] }
            isActive = true
            canReturn = false
            return [.setFilter(baseFilter)]
        }
        return []
    }

    /// A computation finished; a stale one (an older generation) is dropped.
    public mutating func computed(generation: Int, _ result: SummaryTable, input: () -> Input) -> [Effect] {
        guard generation == self.generation else { return [] }
        computing = false
        var result = result
        if let sort = table?.sort, sort != result.sort { result.sort(by: sort) }
        partial = requestedPartial || (requestedChecksEveryOrder && result.uncheckedOrders > 0)
        adopt(result, keepingGroup: true)
        if dirty, isActive {
            dirty = false
            return [compute(input())]
        }
        return []
    }

    /// The list's rows changed (index, anomaly check, a filter): compute again, at most one
    /// computation at a time, while the view shows.
    public mutating func dataChanged(input: () -> Input) -> [Effect] {
        guard isActive else { return [] }
        if computing {
            dirty = true
            return []
        }
        return [compute(input())]
    }

    private mutating func compute(_ input: Input) -> Effect {
        generation += 1
        computing = true
        requestedPartial = input.partial
        requestedChecksEveryOrder = input.checksEveryOrder
        return .compute(
            SummaryRequest(
                generation: generation, snapshot: input.snapshot, rows: input.rows, columns: columns))
    }

    // MARK: - Cursor and sort

    private mutating func select(_ line: Int) {
        selectedLine = max(0, min(line, lines.count - 1))
        if selectedLine < scroll { scroll = selectedLine }
        if selectedLine >= scroll + viewportHeight { scroll = selectedLine - viewportHeight + 1 }
    }

    /// The columns `s` cycles through, in order.
    public var sortColumns: [SummarySort.Column] {
        columns.indices.map { .value($0) } + [.orders, .gross, .captured, .refunded, .outstanding]
    }

    private mutating func cycleSort() {
        guard var table else { return }
        let all = sortColumns
        let next = all[((all.firstIndex(of: table.sort.column) ?? -1) + 1) % all.count]
        if case .value = next {
            table.sort(by: SummarySort(column: next, ascending: true))
        } else {
            table.sort(by: SummarySort(column: next, ascending: false))
        }
        adopt(table, keepingGroup: true)
    }

    /// Shows a table, keeping the cursor on the same group when it is still there.
    private mutating func adopt(_ table: SummaryTable, keepingGroup: Bool) {
        let previous = selectedGroup?.values
        self.table = table
        lines = table.lines
        if keepingGroup, let previous,
            let index = lines.firstIndex(where: { $0.isFirst && table.groups[$0.group].values == previous })
        {
            selectedLine = index
        }
        select(selectedLine)
    }

    /// The group under the cursor.
    public var selectedGroup: SummaryGroup? {
        guard let table, selectedLine < lines.count else { return nil }
        return table.groups[lines[selectedLine].group]
    }

    // MARK: - Opening a group

    private mutating func openGroup() -> [Effect] {
        guard let group = selectedGroup else { return [] }
        var terms: [String] = []
        for (column, value) in zip(columns, group.values) {
            guard let term = SummaryFilter.term(column, value) else {
                let shown = value ?? SummaryGroup.noValue
                return [
                    .status(
                        .warning("the list cannot be filtered to \(column.title.lowercased()) \(shown) yet"))
                ]
            }
            terms.append(term)
        }
        let filter = ([baseFilter] + terms).filter { !$0.isEmpty }.joined(separator: " ")
        isActive = false
        canReturn = true
        return [.setFilter(filter)]
    }
}

/// One summary computation: the rows to group and by what, run off the input loop.
public struct SummaryRequest: Sendable, Equatable {
    public let generation: Int
    public let snapshot: SummarySnapshot
    public let rows: ListRows
    public let columns: [SummaryColumn]

    public func run() -> SummaryTable { SummaryTable.build(snapshot: snapshot, rows: rows, columns: columns) }

    public static func == (lhs: SummaryRequest, rhs: SummaryRequest) -> Bool {
        lhs.generation == rhs.generation && lhs.snapshot.count == rhs.snapshot.count && lhs.rows == rhs.rows
            && lhs.columns == rhs.columns
    }
}
