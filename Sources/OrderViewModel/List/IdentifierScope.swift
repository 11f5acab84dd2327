import Foundation
import OrderIndex
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
    /// The text hits found so far, shared by the searches and filters of one list.
    let cache = TextHitCache()

    public init(searchesSource: Bool = false) {
        self.searchesSource = searchesSource
    }

    public static func == (lhs: IdentifierScope, rhs: IdentifierScope) -> Bool {
        lhs.searchesSource == rhs.searchesSource && lhs.redacted == rhs.redacted && lhs.table == rhs.table
    }

    /// Every position in `0..<end` whose order holds `needle` (folded) in a list column or an
    /// identifier, as far as found before (`cache`) plus the positions not covered yet: the
    /// columns first, then the identifiers of the orders the columns did not match (so a text
    /// every order number holds costs no parse). Nil when `control` stopped the pass.
    func textHits(
        _ needle: [UInt8], upTo end: Int, snapshot: SummarySnapshot, source: (any IdentifierSearching)?,
        control: SearchControl
    ) -> PositionSet? {
        let key = TextHitCache.Key(needle: needle, redacted: redacted)
        let cached = cache.entry(key)
        if let cached, cached.covered >= end { return cached.hits }
        let start = cached?.covered ?? 0
        var hits = cached?.hits ?? PositionSet()
        let known = Self.columnHits(needle, rows: start..<end, snapshot: snapshot, redacted: redacted)
        guard
            let more = matches(
                needle, rows: start..<end, snapshot: snapshot, known: known, source: source, control: control)
        else { return nil }
        hits.formUnion(known)
        hits.formUnion(more)
        cache.store(key, covered: end, hits: hits)
        return hits
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

    /// The positions in `rows` whose list columns hold `needle` (folded), as the list shows
    /// them (`redacted`: not the customer's name, email, phone or company).
    static func columnHits(
        _ needle: [UInt8], rows: Range<Int>, snapshot: SummarySnapshot, redacted: Bool
    ) -> PositionSet {
        let text = String(decoding: needle, as: UTF8.self)
        let matcher = SummaryMatcher(
            query: OrderQuery(terms: [OrderQuery.Term(.text(text))], source: text), snapshot: snapshot,
            redacted: redacted)
        var found = PositionSet()
        if let required = matcher.requiredText {
            snapshot.forEachRow(containing: required, in: rows) { position in
                if matcher.matches(position) { found.insert(position) }
            }
        } else {
            for position in rows where matcher.matches(position) { found.insert(position) }
        }
        return found
    }

    /// The text hits (`textHits`) of every free-text term of `query` over `0..<end`, keyed by
    /// the folded text, or nil when `control` stopped the pass.
    func textHits(
        of query: OrderQuery, upTo end: Int, snapshot: SummarySnapshot, source: (any IdentifierSearching)?,
        control: SearchControl
    ) -> [[UInt8]: PositionSet]? {
        var result: [[UInt8]: PositionSet] = [:]
        for needle in query.textNeedles where result[needle] == nil {
            guard
                let found = textHits(needle, upTo: end, snapshot: snapshot, source: source, control: control)
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

/// The text hits of a list's searches and filters, kept per text (and redaction) for the
/// positions covered so far: a sort, the same filter again, a search after a filter or the rows
/// a growing index adds cost only what was not searched yet. A handful of texts are kept.
///
/// A class shared by the list and the passes it starts off the loop, behind a lock.
final class TextHitCache: @unchecked Sendable {
    struct Key: Hashable {
        var needle: [UInt8]
        var redacted: Bool
    }

    private let lock = NSLock()
    private var entries: [Key: (covered: Int, hits: PositionSet)] = [:]
    /// Texts kept; past it the cache starts again (a text typed letter by letter leaves many).
    static let limit = 16

    func entry(_ key: Key) -> (covered: Int, hits: PositionSet)? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ key: Key, covered: Int, hits: PositionSet) {
        lock.lock()
        defer { lock.unlock() }
        if let old = entries[key], old.covered >= covered { return }
        if entries[key] == nil, entries.count >= Self.limit { entries = [:] }
        entries[key] = (covered, hits)
    }
}
