import OrderModel
import OrderSources

/// Where the list's search and filter look for identifiers the summaries do not hold
/// (`OrderIdentifiers`: order_id, PSP payment, transaction, operation, session, event, external
/// and store ids, email and phone), and whether personal ones may match.
///
/// API lists keep the identifiers of the orders loaded so far here, by store position (a few
/// strings per order); a dump is searched by its source, off the loop (`searchesSource`), so a
/// million orders cost no memory for it.
public struct IdentifierScope: Sendable, Equatable {
    /// The identifiers of the list's orders by store position (API pages); shorter than the list
    /// when later orders came without them.
    public internal(set) var table: [[OrderIdentifier]] = []
    /// True when the source searches its own orders (`IdentifierSearching`, a dump): searches
    /// and text filters then always run off the loop, where the source is.
    public var searchesSource = false
    /// Redaction is on: email and phone never match.
    public internal(set) var redacted = false

    public init(searchesSource: Bool = false) {
        self.searchesSource = searchesSource
    }

    /// Records the identifiers of the order stored at `position`.
    mutating func set(_ identifiers: [OrderIdentifier], at position: Int) {
        guard !identifiers.isEmpty else { return }
        if table.count <= position {
            table += [[OrderIdentifier]](repeating: [], count: position + 1 - table.count)
        }
        table[position] = identifiers
    }

    /// The positions in `rows` whose identifiers hold `needle` (folded): from the table, and
    /// from the source when it searches its own. Positions in `known` already match and are
    /// skipped by the source. Nil when `control` stopped the pass.
    func matches(
        _ needle: [UInt8], rows: Range<Int>, snapshot: SummarySnapshot, known: PositionSet,
        source: (any IdentifierSearching)?, control: SearchControl
    ) -> PositionSet? {
        var found = PositionSet()
        if control.isStopped { return nil }
        guard !needle.isEmpty else { return found }
        for position in rows.clamped(to: 0..<table.count)
        where OrderIdentifiers.contains(table[position], needle, redacted: redacted) {
            found.insert(position)
        }
        if searchesSource, let source {
            guard
                let more = source.identifierMatches(
                    needle, rows: rows, snapshot: snapshot, known: known, redacted: redacted, control: control
                )
            else { return nil }
            found.formUnion(more)
        }
        return found
    }

    /// The identifier matches of every free-text term of `query` over `rows` (keyed by the
    /// folded text), or nil when `control` stopped the pass.
    func matches(
        of query: OrderQuery, rows: Range<Int>, snapshot: SummarySnapshot, source: (any IdentifierSearching)?,
        control: SearchControl
    ) -> [[UInt8]: PositionSet]? {
        var result: [[UInt8]: PositionSet] = [:]
        for needle in query.textNeedles where result[needle] == nil {
            guard
                let found = matches(
                    needle, rows: rows, snapshot: snapshot, known: PositionSet(), source: source,
                    control: control)
            else { return nil }
            result[needle] = found
        }
        return result
    }

    /// True when nothing can be found beyond the summaries (no table, no source pass).
    var isEmpty: Bool { table.isEmpty && !searchesSource }
}

extension OrderQuery {
    /// The folded texts of the free-text terms, negated ones too.
    var textNeedles: [[UInt8]] {
        terms.compactMap { term in
            if case .text(let text) = term.condition, !text.isEmpty { return OrderIdentifiers.needle(text) }
            return nil
        }
    }
}

extension AppState {
    /// The source searches the identifiers of its own orders (a dump, `IdentifierSearching`):
    /// set by whoever runs the effects, which hands them the source.
    public var sourceSearchesIdentifiers: Bool {
        get { list.identifiers.searchesSource }
        set { list.identifiers.searchesSource = newValue }
    }
}
