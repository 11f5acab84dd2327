import OrderAnalysis
import OrderIndex
import OrderModel

/// Tests store rows against a query without making an `OrderSummary` per row where it can:
/// each term is compiled once into a test on the stored bytes and numbers (ASCII values folded
/// for case); anything else (non-ASCII text, a name with a space) falls back to the summary,
/// which gives the same answer, only slower. A free-text term whose text is in `textHits` (the
/// orders whose columns or identifiers hold it, found once by `IdentifierScope.textHits`) is one
/// bit test; with `redacted`, the customer's name, email, phone and company never match.
struct SummaryMatcher {
    let query: OrderQuery
    let snapshot: SummarySnapshot
    let redacted: Bool
    /// Orders whose columns or identifiers hold a term's text, by the folded text.
    let textHits: [[UInt8]: PositionSet]
    private let compiled: [(Compiled, condition: OrderQuery.Condition, negated: Bool)]
    /// For each compiled term, its text hits when it is a free-text term that has them.
    private let termHits: [PositionSet?]
    /// Amount thresholds in minor units per currency (packed code → threshold), as met.
    private let thresholds = ThresholdCache()

    private enum Compiled {
        case equals(SummaryField, [UInt8])
        case text([UInt8])
        case hasAttachments
        case anomaly
        case anomalyKind(UInt32)
        case amount(OrderQuery.Comparison, String)
        case created(OrderQuery.Comparison, [UInt8])
        case slow(OrderQuery.Condition)
    }

    init(
        query: OrderQuery, snapshot: SummarySnapshot, redacted: Bool = false,
        textHits: [[UInt8]: PositionSet] = [:]
    ) {
        self.query = query
        self.snapshot = snapshot
        self.redacted = redacted
        self.textHits = textHits
        compiled = query.terms.map { term in
            (Self.compile(term.condition), term.condition, term.negated)
        }
        termHits = query.terms.map { term in
            guard !textHits.isEmpty, case .text(let text) = term.condition else { return nil }
            return textHits[OrderIdentifiers.needle(text)]
        }
    }

    private static func compile(_ condition: OrderQuery.Condition) -> Compiled {
        func ascii(_ text: String) -> [UInt8]? {
            text.utf8.allSatisfy({ $0 < 0x80 }) ? text.utf8.map(fold) : nil
        }
        switch condition {
        case .hasAttachments: return .hasAttachments
        case .anomaly: return .anomaly
        case .status(let wanted): return ascii(wanted).map { .equals(.status, $0) } ?? .slow(condition)
        case .paymentStatus(let wanted):
            return ascii(wanted).map { .equals(.paymentStatus, $0) } ?? .slow(condition)
        case .currency(let wanted): return ascii(wanted).map { .equals(.currency, $0) } ?? .slow(condition)
        case .store(let wanted): return ascii(wanted).map { .equals(.storeID, $0) } ?? .slow(condition)
        case .orderType(let wanted): return ascii(wanted).map { .equals(.orderType, $0) } ?? .slow(condition)
        case .customerType(let wanted):
            return ascii(wanted).map { .equals(.customerType, $0) } ?? .slow(condition)
        case .paymentProduct(let wanted):
            return ascii(wanted).map { .equals(.paymentProduct, $0) } ?? .slow(condition)
        case .reservation: return .slow(condition)
        case .anomalyKind(let kind): return .anomalyKind(AnomalyTally.bit(kind))
        case .text(let needle):
            guard let bytes = ascii(needle), !bytes.contains(0x20), !bytes.isEmpty else {
                return .slow(condition)
            }
            return .text(bytes)
        case .amount(let comparison, let major): return .amount(comparison, major)
        case .created(let comparison, let date):
            return ascii(date) != nil ? .created(comparison, Array(date.utf8)) : .slow(condition)
        }
    }

    func matches(_ position: Int) -> Bool {
        var summary: OrderSummary?
        let row = snapshot.row(position)  // found once for every term
        for (index, (term, condition, negated)) in compiled.enumerated() {
            let holds: Bool
            if let hits = termHits[index] {
                holds = hits.contains(position)
            } else if let fast = fastHolds(term, row) {
                holds = fast
            } else {
                // The fast test declined (non-ASCII bytes, or a term it does not cover).
                let shown = summary ?? redaction(snapshot.summary(at: position))
                summary = shown
                holds = condition.holds(for: shown)
            }
            if holds == negated { return false }
        }
        return true
    }

    private func fastHolds(_ term: Compiled, _ row: SummaryRow) -> Bool? {
        switch term {
        case .hasAttachments: return row.hasAttachments
        case .anomaly: return (row.anomalyCount ?? 0) > 0
        case .anomalyKind(let bit): return row.anomalyKinds & bit != 0
        case .equals(let field, let wanted):
            guard let bytes = row.field(field) else { return false }
            guard bytes.count == wanted.count else {
                // A different length can still fold equal only through non-ASCII letters.
                return bytes.contains(where: { $0 >= 0x80 }) ? nil : false
            }
            var index = 0
            while index < wanted.count {
                let byte = bytes[index]
                if byte >= 0x80 { return nil }
                if Self.fold(byte) != wanted[index] { return false }
                index += 1
            }
            return true
        case .text(let needle):
            // One search over the row's text; only a hit is confirmed field by field.
            if !Self.contains(row.text, needle) { return false }
            for field in redacted ? Self.searchedRedacted : Self.searched {
                if let bytes = row.field(field), Self.contains(bytes, needle) { return true }
            }
            return false
        case .amount(let comparison, let major):
            guard let gross = row.grossAmount else { return false }
            guard let threshold = thresholds.threshold(major, currency: row.field(.currency)) else {
                return false
            }
            return comparison.holds(gross, threshold)
        case .created(let comparison, let date):
            guard let created = row.field(.createdAt) else { return false }
            if created.contains(where: { $0 >= 0x80 }) { return nil }
            let prefix = UnsafeBufferPointer(rebasing: created.prefix(date.count))
            let order = Self.compare(prefix, date)
            switch comparison {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .equal: return order == 0
            }
        case .slow:
            return nil
        }
    }

    /// The fields free text is matched against (as `OrderQuery.textMatches`; a name without a
    /// space in the needle can only match inside the first or the last name).
    static let searched: [SummaryField] = [
        .orderNumber, .id, .firstName, .lastName, .email, .phone, .company, .maskedPANs, .bookingIDs,
    ]

    /// The fields free text may match while redaction is on (what the list shows unmasked).
    static let searchedRedacted: [SummaryField] = [.orderNumber, .id, .maskedPANs, .bookingIDs]

    /// The summary as the list shows it now.
    private func redaction(_ summary: OrderSummary) -> OrderSummary {
        redacted ? Redactor.redact(summary) : summary
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 { TextSearch.fold(byte) }

    static func compare(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: [UInt8]) -> Int {
        for (a, b) in zip(lhs, rhs) where a != b { return a < b ? -1 : 1 }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// Case-folded (ASCII) substring search; `needle` is already folded.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress else { return false }
        return TextSearch.find(needle, in: base, from: 0, to: haystack.count) != nil
    }

    /// A folded needle every matching row's text must hold (the first free-text term that is not
    /// negated), so a scan can look only at rows whose text holds it.
    var requiredText: [UInt8]? {
        for (term, _, negated) in compiled where !negated {
            // With text hits, the rows are known without reading their text.
            if case .text(let needle) = term, textHits.isEmpty { return needle }
        }
        return nil
    }
}

/// Minor-unit thresholds of an amount filter per currency, worked out once per currency.
///
/// A class so the matcher can stay a value while filling it; used by one thread at a time.
final class ThresholdCache {
    /// (packed currency code, threshold) as met; a dump holds a handful of currencies, so a
    /// short list searched from the front beats hashing on every row.
    private var known: [(key: UInt64, value: Int64?)] = []

    func threshold(_ major: String, currency: UnsafeBufferPointer<UInt8>?) -> Int64? {
        guard let currency, currency.count <= 7 else {
            return MajorAmount.minorUnits(
                major, currency: currency.map { String(decoding: $0, as: UTF8.self) })
        }
        var key: UInt64 = 1
        for byte in currency { key = key << 8 | UInt64(byte) }
        for entry in known where entry.key == key { return entry.value }
        let value = MajorAmount.minorUnits(major, currency: String(decoding: currency, as: UTF8.self))
        known.append((key, value))
        return value
    }
}
