import Dispatch
import OrderIndex
import OrderModel
import OrderSources

/// The rows a list shows, as positions in its summary store: either every loaded summary in
/// source order (held as a count, so a million rows cost nothing) or a picked, possibly sorted,
/// list of positions (four bytes each).
public struct ListRows: RandomAccessCollection, Sendable, Equatable {
    enum Storage: Sendable, Equatable {
        case all(Int)
        case picked([Int32])
    }

    var storage: Storage

    /// Every summary `0..<count`, in source order.
    public static func all(_ count: Int) -> ListRows { ListRows(storage: .all(count)) }

    /// These positions, in this order.
    public static func picked(_ positions: [Int32]) -> ListRows { ListRows(storage: .picked(positions)) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .all(let count): return count
        case .picked(let positions): return positions.count
        }
    }

    public subscript(row: Int) -> Int {
        switch storage {
        case .all: return row
        case .picked(let positions): return Int(positions[row])
        }
    }

    /// The row showing this store position; O(1) for `all`, a scan of four-byte entries otherwise.
    public func row(ofPosition position: Int) -> Int? {
        switch storage {
        case .all(let count): return position >= 0 && position < count ? position : nil
        case .picked(let positions):
            guard let narrow = Int32(exactly: position) else { return nil }
            return positions.firstIndex(of: narrow)
        }
    }

    /// True when the rows are every summary in source order.
    public var isAll: Bool {
        if case .all = storage { return true }
        return false
    }

    mutating func append(positions: [Int32]) {
        switch storage {
        case .all(let count):
            var all = (0..<count).map { Int32($0) }
            all += positions
            storage = .picked(all)
        case .picked(var existing):
            storage = .all(0)  // drop the reference so the append does not copy
            existing += positions
            storage = .picked(existing)
        }
    }
}

/// One filter-and-sort pass over a snapshot of the store, as a value that can run on any thread:
/// small lists run it inline, big ones (and, for a dump, any filter with free text, whose
/// identifiers only the source can search) hand it to the app loop as an effect so input never
/// waits. Free-text terms also match the identifiers of `scope`; `control` reports and stops
/// that pass (stopped, the terms match the list's columns only).
public struct RowRebuild: Sendable, Equatable {
    /// Results for an older generation are stale and dropped.
    public let generation: Int
    public let snapshot: SummarySnapshot
    public let query: OrderQuery
    public let sort: SortOrder?
    public let scope: IdentifierScope
    public let control: SearchControl

    public init(
        generation: Int, snapshot: SummarySnapshot, query: OrderQuery, sort: SortOrder?,
        scope: IdentifierScope = IdentifierScope(), control: SearchControl? = nil
    ) {
        self.generation = generation
        self.snapshot = snapshot
        self.query = query
        self.sort = sort
        self.scope = scope
        self.control = control ?? SearchControl(total: snapshot.count)
    }

    public static func == (lhs: RowRebuild, rhs: RowRebuild) -> Bool {
        lhs.generation == rhs.generation && lhs.snapshot.count == rhs.snapshot.count && lhs.query == rhs.query
            && lhs.sort == rhs.sort && lhs.scope == rhs.scope
    }

    /// The rows for the query and sort over every summary of the snapshot; `source` searches
    /// the identifiers of its own orders (a dump) when the scope says so.
    public func run(source: (any IdentifierSearching)? = nil) -> ListRows {
        let hits = Self.textHits(
            query, scope: scope, rows: 0..<snapshot.count, snapshot: snapshot, source: source,
            control: control)
        // Replaced by a newer filter while it ran (typed on): its rows would be dropped.
        if control.isAbandoned { return .picked([]) }
        return Self.rows(
            snapshot, from: 0, query: query, sort: sort, base: .all(0), redacted: scope.redacted,
            textHits: hits)
    }

    /// The text hits (list columns and identifiers) of the query's free-text terms over
    /// `0..<rows.upperBound` (none when the pass was stopped: the columns are matched row by row).
    static func textHits(
        _ query: OrderQuery, scope: IdentifierScope, rows: Range<Int>, snapshot: SummarySnapshot,
        source: (any IdentifierSearching)?, control: SearchControl
    ) -> [[UInt8]: PositionSet] {
        guard !scope.isEmpty, !query.textNeedles.isEmpty else { return [:] }
        return scope.textHits(
            of: query, upTo: rows.upperBound, snapshot: snapshot, source: source, control: control) ?? [:]
    }

    /// Filters positions `from..<snapshot.count` and, with a sort, sorts everything kept
    /// (the positions already in `base` included).
    static func rows(
        _ snapshot: SummarySnapshot, from start: Int, query: OrderQuery, sort: SortOrder?, base: ListRows,
        redacted: Bool = false, textHits: [[UInt8]: PositionSet] = [:]
    )
        -> ListRows
    {
        if query.isEmpty && sort == nil && base.isAll && base.count == start { return .all(snapshot.count) }
        var positions: [Int32]
        switch base.storage {
        case .all(let count): positions = (0..<count).map { Int32($0) }
        case .picked(let picked): positions = picked
        }
        let end = max(start, snapshot.count)
        if query.isEmpty {
            positions.reserveCapacity(positions.count + end - start)
            for position in start..<end { positions.append(Int32(position)) }
        } else {
            // Two halves at once on the two cores when there is enough to share.
            let halves = end - start >= 50_000 ? 2 : 1
            var found = [[Int32]](repeating: [], count: halves)
            found.withUnsafeMutableBufferPointer { found in
                guard let base = found.baseAddress else { return }  // never empty: one or two halves
                let out = UncheckedPointer(base)
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    let lower = start + (end - start) * half / halves
                    let upper = start + (end - start) * (half + 1) / halves
                    let matcher = SummaryMatcher(
                        query: query, snapshot: snapshot, redacted: redacted, textHits: textHits)
                    var kept: [Int32] = []
                    if let needle = matcher.requiredText {
                        // Only rows whose text holds the needle can match: one pass over the text.
                        snapshot.forEachRow(containing: needle, in: lower..<upper) { position in
                            if matcher.matches(position) { kept.append(Int32(position)) }
                        }
                    } else {
                        for position in lower..<upper where matcher.matches(position) {
                            kept.append(Int32(position))
                        }
                    }
                    out.pointer[half] = kept
                }
            }
            for part in found { positions += part }
        }
        if let sort { sort.sort(&positions, in: snapshot) }
        return .picked(positions)
    }
}
