/// A summary grouped by created day, week or month as a continuous series for the time chart:
/// every bucket from the first to the last (those without orders too, so gaps show), with the
/// orders, the orders with anomalies, and the gross per currency of each.
public struct TimeSeries: Sendable, Equatable {
    public var column: SummaryColumn
    /// One label per bucket, in time order (`2026-01-05`, `2026-W02`, `2026-01`).
    public var labels: [String]
    public var orders: [Int]
    /// Orders with anomalies per bucket (only orders already checked count).
    public var anomalous: [Int]
    /// Gross per bucket for each currency, the table's most common first; nil = out of range.
    public var gross: [(currency: String?, values: [Int64?])]

    /// More buckets than this are not filled in between (a dump with a date decades off).
    static let maximumBuckets = 20_000

    public static func == (lhs: TimeSeries, rhs: TimeSeries) -> Bool {
        lhs.column == rhs.column && lhs.labels == rhs.labels && lhs.orders == rhs.orders
            && lhs.anomalous == rhs.anomalous
            && lhs.gross.map(\.currency) == rhs.gross.map(\.currency)
            && lhs.gross.map(\.values) == rhs.gross.map(\.values)
    }

    /// The series of a table grouped by one time column; nil for any other table. Orders
    /// without a created time are left out (the table shows them as "(none)").
    public init?(_ table: SummaryTable) {
        guard table.columns.count == 1, table.columns[0].isTime else { return nil }
        let column = table.columns[0]
        self.column = column
        let dated = table.groups.compactMap { group in group.values[0].map { ($0, group) } }.sorted {
            $0.0 < $1.0
        }
        guard let first = dated.first?.0, let last = dated.last?.0 else { return nil }
        let labels = Self.labels(from: first, to: last, column: column) ?? dated.map(\.0)
        self.labels = labels
        var index: [String: Int] = [:]
        for (position, label) in labels.enumerated() { index[label] = position }
        orders = Array(repeating: 0, count: labels.count)
        anomalous = Array(repeating: 0, count: labels.count)
        let buckets = labels.count
        var sums: [(currency: String?, values: [Int64?])] = table.currencies.map {
            ($0, Array(repeating: Int64(0), count: buckets))
        }
        for (label, group) in dated {
            guard let position = index[label] else { continue }
            orders[position] += group.orders
            anomalous[position] += group.anomalous
            for totals in group.totals {
                guard let slot = sums.firstIndex(where: { $0.currency == totals.currency }) else { continue }
                sums[slot].values[position] = CurrencyTotals.sum(sums[slot].values[position], totals.gross)
            }
        }
        gross = sums
    }

    /// Every label from `first` to `last`; nil when they do not parse or are too far apart.
    static func labels(from first: String, to last: String, column: SummaryColumn) -> [String]? {
        func days(_ label: String) -> Int? {
            let parts = label.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return CreatedBucket.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
        }
        switch column {
        case .day:
            guard let start = days(first), let end = days(last), end - start < maximumBuckets else {
                return nil
            }
            return (start...end).map(CreatedBucket.dateText)
        case .week:
            guard let start = CreatedBucket.weekBounds(first).flatMap({ days($0.start) }),
                let end = CreatedBucket.weekBounds(last).flatMap({ days($0.start) }),
                (end - start) / 7 < maximumBuckets
            else { return nil }
            return stride(from: start, through: end, by: 7).map { monday in
                let (year, month, day) = CreatedBucket.civilFromDays(monday)
                let (weekYear, week) = CreatedBucket.isoWeek(year: year, month: month, day: day)
                return "\(weekYear)-W\(week < 10 ? "0" : "")\(week)"
            }
        case .month:
            let a = first.split(separator: "-").compactMap { Int($0) }
            let b = last.split(separator: "-").compactMap { Int($0) }
            guard a.count == 2, b.count == 2 else { return nil }
            let start = a[0] * 12 + a[1] - 1
            let end = b[0] * 12 + b[1] - 1
            guard end >= start, end - start < maximumBuckets else { return nil }
            return (start...end).map { month in
                let year = month / 12
                let number = month % 12 + 1
                return
                    "\(String(repeating: "0", count: max(0, 4 - String(year).count)))\(year)-\(number < 10 ? "0" : "")\(number)"
            }
        default:
            return nil
        }
    }
}
