import Dispatch
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

    /// Sorts store positions, stably, by fixed-width keys taken from the stored columns (a tier
    /// for missing values, then up to 16 bytes of the value); only rows whose keys tie are
    /// compared in full. Text compares byte-wise (customer names ASCII-folded).
    func sort(_ positions: inout [Int32], in snapshot: SummarySnapshot) {
        let column = self.column
        let ascending = self.ascending
        let count = positions.count
        guard count > 1 else { return }
        // Two halves keyed and sorted at once on the two cores, then merged.
        let halves = count >= 50_000 ? 2 : 1
        var keyed = [PackedSortKey](unsafeUninitializedCapacity: count) { buffer, initialized in
            positions.withUnsafeBufferPointer { positions in
                let keys = UncheckedPointer(buffer.baseAddress!)
                let source = UncheckedPointer(UnsafeMutablePointer(mutating: positions.baseAddress!))
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    let range = Self.half(half, of: halves, count: count)
                    for index in range {
                        (keys.pointer + index).initialize(to: PackedSortKey(snapshot, Int(source.pointer[index]), column))
                    }
                    var part = UnsafeMutableBufferPointer(start: keys.pointer + range.lowerBound, count: range.count)
                    part.sort { Self.before($0, $1, snapshot, column, ascending) }
                }
            }
            initialized = count
        }
        if halves == 2 {
            let middle = count / 2
            keyed.withUnsafeBufferPointer { keys in
                var left = 0
                var right = middle
                var out = 0
                while left < middle, right < count {
                    if Self.before(keys[right], keys[left], snapshot, column, ascending) {
                        positions[out] = keys[right].position
                        right += 1
                    } else {
                        positions[out] = keys[left].position
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    positions[out] = keys[left].position
                    left += 1
                    out += 1
                }
                while right < count {
                    positions[out] = keys[right].position
                    right += 1
                    out += 1
                }
            }
        } else {
            for index in keyed.indices { positions[index] = keyed[index].position }
        }
    }

    private static func half(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// The sort's order: keys, then the full values when the keys tie, then source position.
    @inline(__always)
    private static func before(
        _ lhs: PackedSortKey, _ rhs: PackedSortKey, _ snapshot: SummarySnapshot, _ column: ListColumn, _ ascending: Bool
    ) -> Bool {
        var order = lhs.compareKeys(rhs)
        if order == 0, lhs.needsFullCompare || rhs.needsFullCompare {
            order = PackedSortKey.fullCompare(snapshot, Int(lhs.position), Int(rhs.position), column)
        }
        if order == 0 { return lhs.position < rhs.position }
        return ascending ? order < 0 : order > 0
    }
}

/// A pointer handed to the worker threads of a two-way split (each writes its own half).
struct UncheckedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A sort key packed into integers: `tier` puts numbers before text before missing values
/// (as `SortKey` does), `high`/`low` hold the number or the first 16 bytes of the text.
struct PackedSortKey {
    var tier: UInt8
    var high: UInt64
    var low: UInt64
    var position: Int32
    /// The text was longer than the packed bytes (or the number has a text tie-break).
    var needsFullCompare: Bool

    init(_ snapshot: SummarySnapshot, _ row: Int, _ column: ListColumn) {
        position = Int32(row)
        tier = 2
        high = 0
        low = 0
        needsFullCompare = false
        switch column {
        case .number:
            if let bytes = snapshot.field(.orderNumber, row: row), let number = Self.integer(bytes) {
                setNumber(number)
            } else {
                setText(snapshot.field(.orderNumber, row: row) ?? snapshot.field(.id, row: row), folding: false)
            }
        case .created:
            if let key = snapshot.createdKey(row: row) {
                setNumber(key)
                needsFullCompare = true  // same digits, different text (zones, formats): compare the text
            }
        case .customer:
            let first = snapshot.field(.firstName, row: row).flatMap { $0.isEmpty ? nil : $0 }
            let last = snapshot.field(.lastName, row: row).flatMap { $0.isEmpty ? nil : $0 }
            if first != nil || last != nil {
                setText([first, last].compactMap { $0 }, folding: true)
            } else if let other = snapshot.field(.company, row: row) ?? snapshot.field(.email, row: row) {
                setText([other], folding: true)
            }
        case .status: setText(snapshot.field(.status, row: row), folding: false)
        case .payment: setText(snapshot.field(.paymentStatus, row: row), folding: false)
        case .amount:
            if let gross = snapshot.grossAmount(row: row) {
                setNumber(gross)
                // Equal amounts order by currency: its first eight bytes go in `low`.
                // A missing currency sorts after any (UTF-8 never packs to all ones).
                if let currency = snapshot.field(.currency, row: row) {
                    for (index, byte) in currency.prefix(8).enumerated() { low |= UInt64(byte) << UInt64(56 - 8 * index) }
                    needsFullCompare = currency.count > 8
                } else {
                    low = .max
                }
            } else if snapshot.field(.currency, row: row) != nil {
                setText(snapshot.field(.currency, row: row), folding: false)
            }
        case .anomaly:
            if let count = snapshot.anomalyCount(row: row) { setNumber(Int64(count)) }
        }
    }

    private mutating func setNumber(_ value: Int64) {
        tier = 0
        high = UInt64(bitPattern: value) ^ (1 << 63)
    }

    private mutating func setText(_ bytes: UnsafeBufferPointer<UInt8>?, folding: Bool) {
        guard let bytes else { return }
        setText([bytes], folding: folding)
    }

    /// Packs the parts joined by single spaces (a customer's first and last name).
    private mutating func setText(_ parts: [UnsafeBufferPointer<UInt8>], folding: Bool) {
        tier = 1
        var packed: (UInt64, UInt64) = (0, 0)
        var index = 0
        var total = 0
        func put(_ raw: UInt8) {
            let byte = folding ? SummaryMatcher.fold(raw) : raw
            if index < 8 {
                packed.0 |= UInt64(byte) << UInt64(56 - 8 * index)
            } else if index < 16 {
                packed.1 |= UInt64(byte) << UInt64(56 - 8 * (index - 8))
            }
            index += 1
        }
        for (number, part) in parts.enumerated() {
            if number > 0 { put(0x20) }
            total += part.count + (number > 0 ? 1 : 0)
            for byte in part.prefix(max(0, 16 - index)) { put(byte) }
        }
        high = packed.0
        low = packed.1
        needsFullCompare = total > 16
    }

    @inline(__always)
    func compareKeys(_ other: PackedSortKey) -> Int {
        if tier != other.tier { return tier < other.tier ? -1 : 1 }
        if high != other.high { return high < other.high ? -1 : 1 }
        if low != other.low { return low < other.low ? -1 : 1 }
        return 0
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 &- 0x30 < 10 }) else {
            return Int64(String(decoding: bytes, as: UTF8.self))
        }
        var value: Int64 = 0
        for byte in bytes { value = value * 10 + Int64(byte - 0x30) }
        return value
    }


    /// The full comparison for keys that tie: the whole text, or the text tie-break of a number.
    static func fullCompare(_ snapshot: SummarySnapshot, _ lhs: Int, _ rhs: Int, _ column: ListColumn) -> Int {
        switch column {
        case .created: return compareBytes(snapshot.field(.createdAt, row: lhs), snapshot.field(.createdAt, row: rhs), false)
        case .amount: return compareBytes(snapshot.field(.currency, row: lhs), snapshot.field(.currency, row: rhs), false)
        case .status: return compareBytes(snapshot.field(.status, row: lhs), snapshot.field(.status, row: rhs), false)
        case .payment:
            return compareBytes(snapshot.field(.paymentStatus, row: lhs), snapshot.field(.paymentStatus, row: rhs), false)
        case .number:
            return compareBytes(
                snapshot.field(.orderNumber, row: lhs) ?? snapshot.field(.id, row: lhs),
                snapshot.field(.orderNumber, row: rhs) ?? snapshot.field(.id, row: rhs), false)
        case .customer:
            let left = NameBytes(snapshot, lhs)
            let right = NameBytes(snapshot, rhs)
            var index = 0
            while index < left.count, index < right.count {
                let x = SummaryMatcher.fold(left[index])
                let y = SummaryMatcher.fold(right[index])
                if x != y { return x < y ? -1 : 1 }
                index += 1
            }
            return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
        case .anomaly: return 0
        }
    }


    private static func compareBytes(_ lhs: UnsafeBufferPointer<UInt8>?, _ rhs: UnsafeBufferPointer<UInt8>?, _ folding: Bool)
        -> Int
    {
        guard let lhs else { return rhs == nil ? 0 : 1 }
        guard let rhs else { return -1 }
        for (a, b) in zip(lhs, rhs) {
            let x = folding ? SummaryMatcher.fold(a) : a
            let y = folding ? SummaryMatcher.fold(b) : b
            if x != y { return x < y ? -1 : 1 }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
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

/// The customer column of a row as bytes without copying: "first last" (a space between when
/// both are there), else the company, else the email; what `OrderSummary.customerName` says.
struct NameBytes {
    let first: UnsafeBufferPointer<UInt8>
    let second: UnsafeBufferPointer<UInt8>
    let joined: Bool
    let count: Int

    init(_ snapshot: SummarySnapshot, _ row: Int) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        let given = snapshot.field(.firstName, row: row).flatMap { $0.isEmpty ? nil : $0 }
        let family = snapshot.field(.lastName, row: row).flatMap { $0.isEmpty ? nil : $0 }
        if let given, let family {
            first = given
            second = family
            joined = true
        } else if let only = given ?? family {
            first = only
            second = empty
            joined = false
        } else {
            first = snapshot.field(.company, row: row) ?? snapshot.field(.email, row: row) ?? empty
            second = empty
            joined = false
        }
        count = first.count + (joined ? 1 + second.count : 0)
    }

    subscript(index: Int) -> UInt8 {
        if index < first.count { return first[index] }
        if index == first.count { return 0x20 }
        return second[index - first.count - 1]
    }
}
