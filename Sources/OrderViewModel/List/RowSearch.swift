import OrderIndex
import OrderModel
import OrderSources

/// Which loaded orders match a search text (`/`-less search with n/N), as one bit per store
/// position. Found once per text, off the app loop for big lists, and extended as the index
/// grows; n/N then only walk the rows shown testing bits, so a key never re-reads the orders.
public struct SearchHits: Sendable, Equatable {
    public let needle: String
    /// Positions `0..<covered` have been tested.
    public private(set) var covered = 0
    private var bits: [UInt64] = []

    public init(needle: String) {
        self.needle = needle
    }

    /// True when the order at `position` matches (nil when that position was not tested yet).
    public func matches(_ position: Int) -> Bool? {
        guard position < covered else { return nil }
        return bits[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    /// Takes in the result of a search that began where this one ends.
    mutating func extend(with more: SearchHits) {
        guard more.needle == needle, more.startedAt == covered, more.covered > covered else { return }
        let words = (more.covered + 63) >> 6
        if bits.count < words { bits += [UInt64](repeating: 0, count: words - bits.count) }
        for (index, word) in more.bits.enumerated() where word != 0 { bits[index] |= word }
        covered = more.covered
        identifiersStopped = identifiersStopped || more.identifiersStopped
    }

    /// Where the search that produced these hits began (0 for a full one).
    var startedAt = 0
    /// The operator stopped the identifier pass: these hits come from the list's columns only.
    public internal(set) var identifiersStopped = false

    fileprivate mutating func set(_ position: Int) {
        bits[position >> 6] |= 1 << UInt64(position & 63)
    }

    fileprivate mutating func prepare(from start: Int, to end: Int) {
        startedAt = start
        covered = end
        bits = [UInt64](repeating: 0, count: (end + 63) >> 6)
    }
}

/// A search over the positions `from..<snapshot.count` of a snapshot (run off the loop for big
/// lists and for dumps, whose identifiers only the source can search; answered with
/// `AppEvent.searchHitsFound`): the list's columns first, then the identifiers of the orders
/// not matched by them (`IdentifierScope`), which `control` reports and stops.
public struct RowSearch: Sendable, Equatable {
    public let generation: Int
    public let needle: String
    public let snapshot: SummarySnapshot
    public let start: Int
    public let scope: IdentifierScope
    public let control: SearchControl

    public init(
        generation: Int, needle: String, snapshot: SummarySnapshot, from start: Int,
        scope: IdentifierScope = IdentifierScope(), control: SearchControl? = nil
    ) {
        self.generation = generation
        self.needle = needle
        self.snapshot = snapshot
        self.start = start
        self.scope = scope
        self.control = control ?? SearchControl(total: max(0, snapshot.count - start))
    }

    public static func == (lhs: RowSearch, rhs: RowSearch) -> Bool {
        lhs.generation == rhs.generation && lhs.needle == rhs.needle && lhs.start == rhs.start
            && lhs.snapshot.count == rhs.snapshot.count && lhs.scope == rhs.scope
    }

    /// The hits among the positions searched; `source` searches the identifiers of its own
    /// orders (a dump) when the scope says so.
    public func run(source: (any IdentifierSearching)? = nil) -> SearchHits {
        var hits = SearchHits(needle: needle)
        let end = max(start, snapshot.count)
        hits.prepare(from: start, to: end)
        let folded = OrderIdentifiers.needle(needle)
        if let found = scope.textHits(folded, upTo: end, snapshot: snapshot, source: source, control: control)
        {
            found.forEach { if $0 >= start && $0 < end { hits.set($0) } }
            return hits
        }
        // Stopped: the list's columns only (nothing, when a newer search replaced it).
        hits.identifiersStopped = true
        if control.isAbandoned { return hits }
        let known = IdentifierScope.columnHits(
            folded, rows: start..<end, snapshot: snapshot, redacted: scope.redacted)
        known.forEach { hits.set($0) }
        return hits
    }
}
