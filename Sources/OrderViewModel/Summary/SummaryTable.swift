import Dispatch
import OrderIndex
import OrderModel

/// Orders grouped by one or more columns, with counts, shares and money per currency: what the
/// summary view shows and `orderscope summary` prints.
///
/// Built from the store's columns (`SummaryRow`), never from decoded orders: a million rows are
/// read once, split over both cores, each half accumulating into its own table.
public struct SummaryTable: Sendable, Equatable {
    public var columns: [SummaryColumn]
    public var groups: [SummaryGroup]
    /// The orders summarised (each counted once, whatever its groups).
    public var orderCount: Int
    /// Every currency seen, the one with most orders first (nil = orders without currency, last).
    public var currencies: [String?]
    /// Orders whose anomaly check has not run yet (their anomaly counts are unknown).
    public var uncheckedOrders = 0
    /// How `groups` are ordered.
    public private(set) var sort: SummarySort

    public init(columns: [SummaryColumn], groups: [SummaryGroup], orderCount: Int, currencies: [String?]) {
        self.columns = columns
        self.groups = groups
        self.orderCount = orderCount
        self.currencies = currencies
        sort = SummarySort.standard(for: columns)
        sort(by: sort)
    }

    /// Groups the store rows at `rows` (positions in `snapshot`) by `columns`.
    public static func build(snapshot: SummarySnapshot, rows: ListRows, columns: [SummaryColumn])
        -> SummaryTable
    {
        let count = rows.count
        let halves = count >= 65_536 ? 2 : 1
        let parts = UnsafeMutableBufferPointer<GroupAccumulation>.allocate(capacity: halves)
        defer { parts.deallocate() }
        let work = { (half: Int) in
            var accumulation = GroupAccumulation(columns: columns)
            let start = count * half / halves
            let end = count * (half + 1) / halves
            for index in start..<end { accumulation.add(snapshot.row(rows[index])) }
            parts.initializeElement(at: half, to: accumulation)
        }
        if halves == 1 {
            work(0)
        } else {
            nonisolated(unsafe) let body = work
            DispatchQueue.concurrentPerform(iterations: halves) { body($0) }
        }
        var total = parts.moveElement(from: 0)
        for half in 1..<halves { total.merge(parts.moveElement(from: half)) }
        return total.table(orderCount: count)
    }

    /// Groups summaries (tests, and sources that hold no store).
    public static func build(summaries: [OrderSummary], columns: [SummaryColumn]) -> SummaryTable {
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        return build(snapshot: store.snapshot(), rows: .all(summaries.count), columns: columns)
    }

    /// Orders the groups; ties keep value order so the result never depends on hashing.
    public mutating func sort(by sort: SummarySort) {
        self.sort = sort
        let currency = sort.currency ?? currencies.first ?? nil
        groups.sort { a, b in
            let order = Self.compare(a, b, sort.column, currency: currency)
            if order != 0 { return sort.ascending ? order < 0 : order > 0 }
            return Self.compareValues(a.values, b.values) < 0
        }
    }

    private static func compare(
        _ a: SummaryGroup, _ b: SummaryGroup, _ column: SummarySort.Column, currency: String?
    ) -> Int {
        func money(_ group: SummaryGroup) -> Int64? {
            guard let totals = group.totals(in: currency) else { return nil }
            switch column {
            case .gross: return totals.gross
            case .captured: return totals.captured
            case .refunded: return totals.refunded
            case .outstanding: return totals.outstanding
            default: return nil
            }
        }
        switch column {
        case .value(let index):
            let left = index < a.values.count ? a.values[index] : nil
            let right = index < b.values.count ? b.values[index] : nil
            return compareValues([left], [right])
        case .orders:
            return a.orders == b.orders ? 0 : (a.orders < b.orders ? -1 : 1)
        case .gross, .captured, .refunded, .outstanding:
            // Groups without that currency (or out of range) compare as the smallest.
            let left = money(a) ?? .min
            let right = money(b) ?? .min
            return left == right ? 0 : (left < right ? -1 : 1)
        }
    }

    /// Value order: text order, "(none)" last.
    private static func compareValues(_ a: [String?], _ b: [String?]) -> Int {
        for (left, right) in zip(a, b) where left != right {
            guard let left else { return 1 }
            guard let right else { return -1 }
            return left < right ? -1 : 1
        }
        return 0
    }
}

/// How a summary is sorted: a column and a direction; money columns in one currency.
public struct SummarySort: Sendable, Equatable {
    public enum Column: Sendable, Equatable, Hashable {
        /// The value of the n-th grouped column.
        case value(Int)
        case orders
        case gross, captured, refunded, outstanding
    }

    public var column: Column
    public var ascending: Bool
    /// The currency of a money column; nil for the table's main currency.
    public var currency: String?

    public init(column: Column, ascending: Bool, currency: String? = nil) {
        self.column = column
        self.ascending = ascending
        self.currency = currency
    }

    /// Time in time order; anything else with the biggest group first.
    public static func standard(for columns: [SummaryColumn]) -> SummarySort {
        columns.first?.isTime == true
            ? SummarySort(column: .value(0), ascending: true) : SummarySort(column: .orders, ascending: false)
    }

    /// The column names `--sort` and the view accept besides the grouped columns' own names.
    public static let namedColumns: [(String, Column)] = [
        ("orders", .orders), ("share", .orders), ("gross", .gross), ("captured", .captured),
        ("refunded", .refunded), ("outstanding", .outstanding),
    ]

    /// Parses `orders`, `-gross`, `status` (a grouped column), `+day`; a leading `-` sorts
    /// descending, `+` ascending; without a sign numbers sort descending and values ascending.
    public static func parse(_ text: String, columns: [SummaryColumn]) -> SummarySort? {
        var name = Substring(text.lowercased())
        var sign: Bool?
        if name.first == "-" {
            sign = false; name = name.dropFirst()
        } else if name.first == "+" {
            sign = true; name = name.dropFirst()
        }
        if let found = namedColumns.first(where: { $0.0 == name }) {
            return SummarySort(column: found.1, ascending: sign ?? false)
        }
        if let column = SummaryColumn(rawValue: String(name)) ?? SummaryColumn.aliases[String(name)],
            let index = columns.firstIndex(of: column)
        {
            return SummarySort(column: .value(index), ascending: sign ?? true)
        }
        return nil
    }
}
