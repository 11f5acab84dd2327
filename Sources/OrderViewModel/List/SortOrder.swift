import Dispatch
import OrderIndex
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

    /// Sorts store positions, stably, by fixed-width keys taken from the stored columns (a tier
    /// for missing values, then up to 16 bytes of the value). The sort itself compares integers
    /// only (keys, then source position); rows whose keys tie and whose values are longer than
    /// the key are put in order afterwards, one run of equal keys at a time. Text compares
    /// byte-wise (customer names ASCII-folded).
    func sort(_ positions: inout [Int32], in snapshot: SummarySnapshot) {
        let column = self.column
        let ascending = self.ascending
        let count = positions.count
        guard count > 1 else { return }
        // Two halves keyed and sorted at once on the two cores, then merged.
        let halves = count >= 50_000 ? 2 : 1
        var keyed = [PackedSortKey](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = positions.withUnsafeBufferPointer { positions -> Int in
                // Never nil: both hold `count` > 1 elements.
                guard let keyBase = buffer.baseAddress, let positionBase = positions.baseAddress else {
                    return 0
                }
                let keys = UncheckedPointer(keyBase)
                let source = UncheckedPointer(UnsafeMutablePointer(mutating: positionBase))
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    let range = Self.half(half, of: halves, count: count)
                    for index in range {
                        (keys.pointer + index).initialize(
                            to: PackedSortKey(snapshot, Int(source.pointer[index]), column))
                    }
                    var part = UnsafeMutableBufferPointer(
                        start: keys.pointer + range.lowerBound, count: range.count)
                    if ascending {
                        part.sort { $0.ascendingBefore($1) }
                    } else {
                        part.sort { $0.descendingBefore($1) }
                    }
                }
                return count
            }
        }
        if halves == 2 {
            keyed = Self.merged(keyed, middle: count / 2, ascending: ascending)
        }
        keyed.withUnsafeMutableBufferPointer { keys in
            Self.orderTies(keys, snapshot, column, ascending)
            for index in 0..<count { positions[index] = keys[index].position }
        }
    }

    private static func half(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// The two sorted halves of `keys` merged into one sorted array.
    private static func merged(_ keys: [PackedSortKey], middle: Int, ascending: Bool) -> [PackedSortKey] {
        let count = keys.count
        return [PackedSortKey](unsafeUninitializedCapacity: count) { out, initialized in
            keys.withUnsafeBufferPointer { keys in
                var left = 0
                var right = middle
                var next = 0
                while left < middle, right < count {
                    let takeRight =
                        ascending
                        ? keys[right].ascendingBefore(keys[left]) : keys[right].descendingBefore(keys[left])
                    if takeRight {
                        out.initializeElement(at: next, to: keys[right])
                        right += 1
                    } else {
                        out.initializeElement(at: next, to: keys[left])
                        left += 1
                    }
                    next += 1
                }
                while left < middle {
                    out.initializeElement(at: next, to: keys[left])
                    left += 1
                    next += 1
                }
                while right < count {
                    out.initializeElement(at: next, to: keys[right])
                    right += 1
                    next += 1
                }
            }
            initialized = count
        }
    }

    /// Runs of equal keys are in source order after the integer sort; where a value was longer
    /// than its key, the run is put in full-value order (source order among equal values). A run
    /// of one repeated value (a common name) is only looked at, not sorted.
    private static func orderTies(
        _ keys: UnsafeMutableBufferPointer<PackedSortKey>, _ snapshot: SummarySnapshot, _ column: ListColumn,
        _ ascending: Bool
    ) {
        var start = 0
        let count = keys.count
        while start < count {
            var end = start + 1
            var needsFull = keys[start].needsFullCompare
            while end < count, keys[end].compareKeys(keys[start]) == 0 {
                needsFull = needsFull || keys[end].needsFullCompare
                end += 1
            }
            if needsFull, end - start > 1 {
                let first = Int(keys[start].position)
                let allEqual = (start + 1..<end).allSatisfy {
                    PackedSortKey.fullCompare(snapshot, first, Int(keys[$0].position), column) == 0
                }
                if !allEqual {
                    var run = UnsafeMutableBufferPointer(rebasing: keys[start..<end])
                    run.sort { lhs, rhs in
                        let order = PackedSortKey.fullCompare(
                            snapshot, Int(lhs.position), Int(rhs.position), column)
                        if order == 0 { return lhs.position < rhs.position }
                        return ascending ? order < 0 : order > 0
                    }
                }
            }
            start = end
        }
    }
}

/// A pointer handed to the worker threads of a two-way split (each writes its own half).
struct UncheckedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A sort key packed into integers: `tier` puts numbers before text before missing values
/// (as `SortKey` does); `high`, `middle` and `low` hold the number (and, for amounts, the
/// currency) or the first 24 bytes of the text, which covers nearly every name whole.
struct PackedSortKey {
    var high: UInt64
    var middle: UInt64
    var low: UInt64
    var position: Int32
    var tier: UInt8
    /// The text was longer than the packed bytes (or the number has a text tie-break).
    var needsFullCompare: Bool

    /// The number of text bytes a key holds.
    static let textBytes = 24

    init(_ snapshot: SummarySnapshot, _ position: Int, _ column: ListColumn) {
        let row = snapshot.row(position)
        self.position = Int32(position)
        tier = 2
        high = 0
        middle = 0
        low = 0
        needsFullCompare = false
        switch column {
        case .number:
            if let bytes = row.field(.orderNumber), let number = Self.integer(bytes) {
                setNumber(number)
            } else {
                setText(row.field(.orderNumber) ?? row.field(.id), nil, folding: false)
            }
        case .created:
            if let key = row.createdKey {
                setNumber(key)
                setTimeSuffix(row.field(.createdAt))
            }
        case .customer:
            let first = row.field(.firstName).flatMap { $0.isEmpty ? nil : $0 }
            let last = row.field(.lastName).flatMap { $0.isEmpty ? nil : $0 }
            if let first {
                setText(first, last, folding: true)
            } else if let last {
                setText(last, nil, folding: true)
            } else if let other = row.field(.company) ?? row.field(.email) {
                setText(other, nil, folding: true)
            }
        case .status: setText(row.field(.status), nil, folding: false)
        case .payment: setText(row.field(.paymentStatus), nil, folding: false)
        case .amount:
            if let gross = row.grossAmount {
                // By currency, then amount: amounts in different currencies do not compare (a
                // KWD has three decimals, a JPY none). The currency's first eight bytes go in
                // `high`, the amount in `middle`; a missing currency sorts after any (UTF-8 never
                // packs to all ones). A currency of eight bytes or more may differ further on:
                // the amount stays out of the key so the full compare orders the whole run.
                tier = 0
                if let currency = row.field(.currency) {
                    for (index, byte) in currency.prefix(8).enumerated() {
                        high |= UInt64(byte) << UInt64(56 - 8 * index)
                    }
                    if currency.count >= 8 {
                        needsFullCompare = true
                    } else {
                        middle = Self.ordered(gross)
                    }
                } else {
                    high = .max
                    middle = Self.ordered(gross)
                }
            } else if let currency = row.field(.currency) {
                setText(currency, nil, folding: false)
            }
        case .anomaly:
            if let count = row.anomalyCount { setNumber(Int64(count)) }
        }
    }

    /// Keys first, then source position: the order of an ascending sort.
    @inline(__always)
    func ascendingBefore(_ other: PackedSortKey) -> Bool {
        if tier != other.tier { return tier < other.tier }
        if high != other.high { return high < other.high }
        if middle != other.middle { return middle < other.middle }
        if low != other.low { return low < other.low }
        return position < other.position
    }

    /// Keys reversed, then source position (equal keys stay in source order).
    @inline(__always)
    func descendingBefore(_ other: PackedSortKey) -> Bool {
        if tier != other.tier { return tier > other.tier }
        if high != other.high { return high > other.high }
        if middle != other.middle { return middle > other.middle }
        if low != other.low { return low > other.low }
        return position < other.position
    }

    /// Equal time keys (the same 17 digits) still order by their text. When the text starts
    /// `YYYY-MM-DDThh:mm:ss`, equal keys mean equal first 19 bytes, so the text order is the
    /// order of what follows (`Z`, `.123Z`, `+01:00`): those bytes go in `middle`/`low`, and
    /// only a longer or differently written time needs its text compared in full.
    private mutating func setTimeSuffix(_ text: UnsafeBufferPointer<UInt8>?) {
        needsFullCompare = true
        guard let text, text.count >= 19 else { return }
        for (index, byte) in text.prefix(19).enumerated() {
            let wanted: UInt8? =
                switch index {
                case 4, 7: UInt8(ascii: "-")
                case 10: UInt8(ascii: "T")
                case 13, 16: UInt8(ascii: ":")
                default: nil
                }
            if let wanted {
                if byte != wanted { return }
            } else if byte &- 0x30 >= 10 {
                return
            }
        }
        var packed: (UInt64, UInt64) = (0, 0)
        for (index, byte) in text.dropFirst(19).prefix(16).enumerated() {
            if byte == 0 { return }  // a zero byte would pack like a shorter text
            let shift = UInt64(56 - 8 * (index & 7))
            if index < 8 { packed.0 |= UInt64(byte) << shift } else { packed.1 |= UInt64(byte) << shift }
        }
        middle = packed.0
        low = packed.1
        needsFullCompare = text.count - 19 > 16
    }

    private mutating func setNumber(_ value: Int64) {
        tier = 0
        high = Self.ordered(value)
    }

    /// `value` as an unsigned integer in the same order (the sign bit flipped).
    private static func ordered(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: value) ^ (1 << 63)
    }

    /// Packs `first`, then a space and `second` when there is one (a customer's first and last
    /// name), into the key's text bytes.
    private mutating func setText(
        _ first: UnsafeBufferPointer<UInt8>?, _ second: UnsafeBufferPointer<UInt8>?, folding: Bool
    ) {
        guard let first else { return }
        tier = 1
        var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var index = 0
        let limit = Self.textBytes
        @inline(__always)
        func put(_ raw: UInt8) {
            let byte = UInt64(folding ? SummaryMatcher.fold(raw) : raw)
            let shift = UInt64(56 - 8 * (index & 7))
            switch index >> 3 {
            case 0: packed.0 |= byte << shift
            case 1: packed.1 |= byte << shift
            default: packed.2 |= byte << shift
            }
            index += 1
        }
        for byte in first.prefix(limit) { put(byte) }
        var total = first.count
        if let second {
            if index < limit { put(0x20) }
            for byte in second.prefix(max(0, limit - index)) { put(byte) }
            total += 1 + second.count
        }
        high = packed.0
        middle = packed.1
        low = packed.2
        needsFullCompare = total > limit
    }

    @inline(__always)
    func compareKeys(_ other: PackedSortKey) -> Int {
        if tier != other.tier { return tier < other.tier ? -1 : 1 }
        if high != other.high { return high < other.high ? -1 : 1 }
        if middle != other.middle { return middle < other.middle ? -1 : 1 }
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
    static func fullCompare(_ snapshot: SummarySnapshot, _ lhs: Int, _ rhs: Int, _ column: ListColumn) -> Int
    {
        switch column {
        case .created:
            return compareBytes(
                snapshot.field(.createdAt, row: lhs), snapshot.field(.createdAt, row: rhs), false)
        case .amount:
            let currency = compareBytes(
                snapshot.field(.currency, row: lhs), snapshot.field(.currency, row: rhs), false)
            if currency != 0 { return currency }
            let (left, right) = (snapshot.row(lhs).grossAmount, snapshot.row(rhs).grossAmount)
            guard let left, let right, left != right else { return 0 }
            return left < right ? -1 : 1
        case .status:
            return compareBytes(snapshot.field(.status, row: lhs), snapshot.field(.status, row: rhs), false)
        case .payment:
            return compareBytes(
                snapshot.field(.paymentStatus, row: lhs), snapshot.field(.paymentStatus, row: rhs), false)
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

    private static func compareBytes(
        _ lhs: UnsafeBufferPointer<UInt8>?, _ rhs: UnsafeBufferPointer<UInt8>?, _ folding: Bool
    )
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
