/// One row of a summary: the orders that share a value in each grouped column.
public struct SummaryGroup: Sendable, Equatable {
    /// One value per grouped column; nil where the orders have none ("(none)").
    public var values: [String?]
    /// How many orders are in the group.
    public var orders: Int
    /// How many of them have anomalies (checked ones only).
    public var anomalous: Int
    /// The money per currency, in the table's currency order.
    public var totals: [CurrencyTotals]

    public init(values: [String?], orders: Int, anomalous: Int = 0, totals: [CurrencyTotals]) {
        self.values = values
        self.orders = orders
        self.anomalous = anomalous
        self.totals = totals
    }

    /// The totals in one currency, if the group has orders in it.
    public func totals(in currency: String?) -> CurrencyTotals? {
        totals.first { $0.currency == currency }
    }

    /// The group's share of `total` orders in tenths of a percent (`1000` = 100%).
    public func permille(of total: Int) -> Int {
        guard total > 0 else { return 0 }
        return (orders * 1000 + total / 2) / total
    }

    /// What an order with no value in a column shows.
    public static let noValue = "(none)"
    /// The anomaly value of orders not checked yet.
    public static let notChecked = "(not checked)"
}
