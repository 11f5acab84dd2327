import OrderModel

/// The list columns an operator can sort by.
public enum ListColumn: String, Sendable, Equatable, CaseIterable {
    case number, created, customer, status, payment, amount, anomaly

    /// The header text shown in the list pane and in help.
    public var title: String {
        switch self {
        case .number: return "Order"
        case .created: return "Created"
        case .customer: return "Customer"
        case .status: return "Status"
        case .payment: return "Payment"
        case .amount: return "Amount"
        case .anomaly: return "!"
        }
    }

    /// Parses a column name as typed after `:sort` (title or raw name, any case).
    public init?(name: String) {
        let lower = name.lowercased()
        if let column = ListColumn(rawValue: lower) {
            self = column
            return
        }
        switch lower {
        case "order", "order_number", "no": self = .number
        case "date", "created_at", "time": self = .created
        case "name": self = .customer
        case "payment_status", "paid": self = .payment
        case "gross", "gross_amount", "total": self = .amount
        case "anomalies", "!": self = .anomaly
        default: return nil
        }
    }
}

/// A sort column and direction; sorting is stable so equal keys keep source order.
public struct SortOrder: Sendable, Equatable {
    public var column: ListColumn
    public var ascending: Bool

    public init(_ column: ListColumn, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// The order the source delivered (created_at descending in the API; file order for dumps).
    public static let sourceOrder: SortOrder? = nil

    public var label: String { column.title + (ascending ? " ↑" : " ↓") }

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
        case .anomaly: number = summary.anomalyCount.map(Int64.init)
        }
    }

    func compare(_ other: SortKey) -> Int {
        if let lhs = number, let rhs = other.number {
            if lhs != rhs { return lhs < rhs ? -1 : 1 }
        } else if number != nil || other.number != nil {
            return number == nil ? 1 : -1
        }
        switch (text, other.text) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (let lhs?, let rhs?): return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
        }
    }
}
