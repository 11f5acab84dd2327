import OrderModel

/// Tests store rows against a query without making an `OrderSummary` per row where it can:
/// the fixed-width columns and plain ASCII text are checked on the stored bytes; anything else
/// falls back to the summary (same answer, just slower).
struct SummaryMatcher {
    let query: OrderQuery
    let snapshot: SummarySnapshot

    func matches(_ row: Int) -> Bool {
        var summary: OrderSummary?
        for term in query.terms {
            let holds: Bool
            if let fast = fastHolds(term.condition, row) {
                holds = fast
            } else {
                if summary == nil { summary = snapshot.summary(at: row) }
                holds = term.condition.holds(for: summary!)
            }
            if holds == term.negated { return false }
        }
        return true
    }

    private func fastHolds(_ condition: OrderQuery.Condition, _ row: Int) -> Bool? {
        switch condition {
        case .hasAttachments: return snapshot.hasAttachments(row: row)
        case .anomaly: return (snapshot.anomalyCount(row: row) ?? 0) > 0
        case .status(let wanted): return asciiEquals(.status, row, wanted, folding: true)
        case .paymentStatus(let wanted): return asciiEquals(.paymentStatus, row, wanted, folding: true)
        case .currency(let wanted): return asciiEquals(.currency, row, wanted, folding: true)
        case .store(let wanted): return asciiEquals(.storeID, row, wanted, folding: true)
        case .text(let needle):
            guard needle.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) else { return nil }
            return textContains(needle, row)
        default: return nil
        }
    }

    /// Case-insensitive equality for ASCII wanted values; nil (use the slow path) otherwise.
    private func asciiEquals(_ field: SummaryField, _ row: Int, _ wanted: String, folding: Bool) -> Bool? {
        guard wanted.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard let bytes = snapshot.field(field, row: row) else { return false }
        guard bytes.count == wanted.utf8.count else { return false }
        if bytes.contains(where: { $0 >= 0x80 }) { return nil }
        return zip(bytes, wanted.utf8).allSatisfy { Self.fold($0) == Self.fold($1) }
    }

    /// The free-text match over the same fields as `OrderQuery.textMatches`, for an ASCII needle
    /// without spaces (so the "First Last" name cannot matter beyond its parts).
    private func textContains(_ needle: String, _ row: Int) -> Bool? {
        let folded = needle.utf8.map(Self.fold)
        if folded.isEmpty { return true }
        let fields: [SummaryField] = [.orderNumber, .id, .firstName, .lastName, .email, .phone, .company, .maskedPANs,
                                      .bookingIDs]
        for field in fields {
            guard let bytes = snapshot.field(field, row: row) else { continue }
            if field == .email || field == .company {
                // The name column falls back to company, then email; both are searched anyway.
            }
            if Self.contains(bytes, folded) { return true }
        }
        return false
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard haystack.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if fold(haystack[i]) == first {
                var j = 1
                while j < n, fold(haystack[i + j]) == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
