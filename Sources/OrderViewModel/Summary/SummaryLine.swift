import OrderAnalysis
import OrderIndex
import OrderModel

/// One line of a summary as text, shared by the view and `orderscope summary`: a group's first
/// currency on its first line (with its values, orders and share), each further currency on a
/// line of its own below it. Money goes through `MoneyFormatter` only; values are raw (the
/// drawing or printing side sanitizes them).
public struct SummaryLine: Sendable, Equatable {
    /// The group's index in `SummaryTable.groups`.
    public var group: Int
    /// True on the group's first line.
    public var isFirst: Bool
    /// The group's values ("(none)" where the orders have none); empty on further lines.
    public var values: [String]
    public var orders: String
    public var share: String
    /// The group's share in tenths of a percent (for the bar).
    public var permille: Int
    public var currency: String
    public var gross: String
    public var captured: String
    public var refunded: String
    public var outstanding: String

    /// The column headers after the grouped columns' titles.
    public static let headers = ["Orders", "Share", "Cur", "Gross", "Captured", "Refunded", "Outstanding"]
}

extension SummaryTable {
    /// Every line, in group order.
    public var lines: [SummaryLine] {
        var lines: [SummaryLine] = []
        lines.reserveCapacity(groups.count)
        for (index, group) in groups.enumerated() {
            let permille = group.permille(of: orderCount)
            let totals = group.totals.isEmpty ? [CurrencyTotals(currency: nil)] : group.totals
            for (position, money) in totals.enumerated() {
                let first = position == 0
                lines.append(
                    SummaryLine(
                        group: index, isFirst: first,
                        values: first ? group.values.map { $0 ?? SummaryGroup.noValue } : [],
                        orders: first ? MoneyFormatter.groupedInteger(group.orders, separator: " ") : "",
                        share: first ? Self.percentText(permille) : "", permille: first ? permille : 0,
                        currency: money.currency ?? SummaryGroup.noValue,
                        gross: Self.money(money.gross, money.currency),
                        captured: Self.money(money.captured, money.currency),
                        refunded: Self.money(money.refunded, money.currency),
                        outstanding: Self.money(money.outstanding, money.currency)))
            }
        }
        return lines
    }

    /// `75.0%` from tenths of a percent.
    public static func percentText(_ permille: Int) -> String { "\(permille / 10).\(permille % 10)%" }

    /// An amount without its code (the line names the currency); "out of range" for an overflow.
    static func money(_ minorUnits: Int64?, _ currency: String?) -> String {
        guard let minorUnits else { return PaymentTotals.outOfRange }
        return MoneyFormatter.amountOnly.string(minorUnits: minorUnits, currencyCode: currency)
    }

    /// How many orders have no gross amount (not in the gross sums), over all groups' lines.
    public var ordersWithoutGross: Int {
        groups.reduce(0) { $0 + $1.totals.reduce(0) { $0 + $1.withoutGross } }
    }

    /// The rows of `snapshot` that `query` keeps, grouped by `columns` (the list's own filter).
    public static func build(snapshot: SummarySnapshot, query: OrderQuery, columns: [SummaryColumn])
        -> SummaryTable
    {
        let rows = RowRebuild.rows(snapshot, from: 0, query: query, sort: nil, base: .all(0))
        return build(snapshot: snapshot, rows: rows, columns: columns)
    }
}
