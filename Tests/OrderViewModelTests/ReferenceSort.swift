import OrderModel

@testable import OrderViewModel

// The sort the store's packed-key sort is checked against: whole values compared one pair at a
// time, as plainly as can be written. It lives with the tests; the app never uses it.
extension SortOrder {
    /// Sorts indexes into `summaries`, stably.
    func sort(_ indexes: inout [Int], in summaries: [OrderSummary]) {
        let ascending = self.ascending
        let column = self.column
        // Decorate-sort-undecorate keeps key extraction to one pass and the sort stable by index.
        var keyed = indexes.map { ($0, SortKey(summaries[$0], column)) }
        keyed.sort { lhs, rhs in
            let order = lhs.1.compare(rhs.1)
            if order == 0 { return lhs.0 < rhs.0 }
            return ascending ? order < 0 : order > 0
        }
        indexes = keyed.map(\.0)
    }
}

/// A comparable key for one summary and column; missing values sort last in ascending order.
struct SortKey {
    var text: String?
    var number: Int64?
    /// The amount column: `text` (the currency) orders before `number`.
    var currencyFirst = false

    init(_ summary: OrderSummary, _ column: ListColumn) {
        switch column {
        case .number:
            text = summary.orderNumber ?? summary.id
            number = summary.orderNumber.flatMap { Int64($0) }
        case .created: text = summary.createdAt
        case .customer: text = summary.customerName?.lowercased()
        case .status: text = summary.status
        case .payment: text = summary.paymentStatus
        case .amount:
            number = summary.grossAmount
            text = summary.currency
            currencyFirst = true
        case .anomaly: number = summary.anomalyCount.map(Int64.init)
        }
    }

    func compare(_ other: SortKey) -> Int {
        // Amounts: rows with one first, by currency (missing last), then amount.
        if currencyFirst, let lhs = number, let rhs = other.number {
            let order = Self.compareText(text, other.text)
            if order != 0 { return order }
            return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
        }
        if let lhs = number, let rhs = other.number {
            if lhs != rhs { return lhs < rhs ? -1 : 1 }
        } else if number != nil || other.number != nil {
            return number == nil ? 1 : -1
        }
        return Self.compareText(text, other.text)
    }

    /// Texts in order, a missing one last.
    static func compareText(_ lhs: String?, _ rhs: String?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (let lhs?, let rhs?): return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
        }
    }
}
