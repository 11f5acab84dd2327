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

    /// The first stored text a sort key of the column reads (nil: numbers only).
    var firstField: SummaryField? {
        switch self {
        case .number: return .orderNumber
        case .created: return .createdAt
        case .customer: return .firstName
        case .status: return .status
        case .payment: return .paymentStatus
        case .amount: return .currency
        case .anomaly: return nil
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
    /// for missing values, then up to 24 bytes of the value). The sort itself looks at integers
    /// only (keys, then source position: `PackedKeySort`); rows whose keys tie and whose values
    /// are longer than the key are put in order afterwards, one run of equal keys at a time.
    /// Text compares byte-wise (customer names ASCII-folded).
    func sort(_ positions: inout [Int32], in snapshot: SummarySnapshot) {
        let column = self.column
        let count = positions.count
        guard count > 1 else { return }
        // Two halves keyed at once on the two cores when there is enough to share.
        let halves = count >= Self.twoCoresFrom ? 2 : 1
        let keys = UnsafeMutableBufferPointer<PackedSortKey>.allocate(capacity: count)
        defer { keys.deallocate() }
        var bits = [PackedKeyBits](repeating: PackedKeyBits(), count: halves)
        positions.withUnsafeBufferPointer { positions in
            bits.withUnsafeMutableBufferPointer { bits in
                // Never nil: `count` > 1 keys and positions, one or two halves.
                guard let keyBase = keys.baseAddress, let positionBase = positions.baseAddress,
                    let bitsBase = bits.baseAddress
                else { return }
                let keys = UncheckedPointer(keyBase)
                let source = UncheckedPointer(UnsafeMutablePointer(mutating: positionBase))
                let found = UncheckedPointer(bitsBase)
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    var seen = PackedKeyBits()
                    let range = Self.half(half, of: halves, count: count)
                    let part = UnsafeBufferPointer(
                        start: source.pointer + range.lowerBound, count: range.count)
                    let out = keys.pointer + range.lowerBound
                    snapshot.forEachRow(at: part, reading: column.firstField) { index, row in
                        let key = PackedSortKey(row, Int(part[index]), column)
                        seen.add(key)
                        (out + index).initialize(to: key)
                    }
                    found.pointer[half] = seen
                }
            }
        }
        var all = PackedKeyBits()
        for part in bits { all.add(part) }
        PackedKeySort.sort(keys, ascending: ascending, bits: all, parallelAbove: Self.twoCoresFrom)
        Self.orderTies(keys, snapshot, column, ascending)
        positions.withUnsafeMutableBufferPointer { positions in
            for index in 0..<count { positions[index] = keys[index].position }
        }
    }

    /// Lists this long are keyed and sorted on both cores.
    static let twoCoresFrom = 50_000

    private static func half(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// Runs of equal keys are in source order after the integer sort; where a value was longer
    /// than its key, the run is put in full-value order (source order among equal values). A run
    /// of one repeated value (a common name) is only looked at, not sorted.
    static func orderTies(
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

    /// A key from its parts (the sort's tests make keys with chosen bytes).
    init(tier: UInt8, high: UInt64, middle: UInt64, low: UInt64, position: Int32) {
        self.tier = tier
        self.high = high
        self.middle = middle
        self.low = low
        self.position = position
        needsFullCompare = false
    }

    init(_ snapshot: SummarySnapshot, _ position: Int, _ column: ListColumn) {
        self.init(snapshot.row(position), position, column)
    }

    /// The key of `row`, which is at `position` in its snapshot.
    init(_ row: SummaryRow, _ position: Int, _ column: ListColumn) {
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
    /// only a longer or differently written time needs its text compared in full. The 19 bytes
    /// are checked eight at a time (three overlapping loads): this runs for every row of a sort.
    private mutating func setTimeSuffix(_ text: UnsafeBufferPointer<UInt8>?) {
        needsFullCompare = true
        guard let text, text.count >= 19, let base = text.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        func word(_ offset: Int) -> UInt64 {
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let windows = Self.timeWindows
        guard windows.0.matches(word(0)), windows.1.matches(word(8)), windows.2.matches(word(11)) else {
            return
        }
        let suffix = min(text.count - 19, 16)
        for index in 19..<19 + suffix where base[index] == 0 { return }  // would pack like a shorter text
        var packed: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &packed) { bytes in
            bytes.baseAddress?.copyMemory(from: base + 19, byteCount: suffix)
        }
        middle = UInt64(bigEndian: packed.0)
        low = UInt64(bigEndian: packed.1)
        needsFullCompare = text.count - 19 > 16
    }

    /// `YYYY-MM-DDThh:mm:ss` as three eight-byte windows (at 0, 8 and 11) to test words against.
    static let timeWindows = (
        ByteWindow(pattern: timePattern[0..<8]), ByteWindow(pattern: timePattern[8..<16]),
        ByteWindow(pattern: timePattern[11..<19])
    )
    private static let timePattern = Array("0000-00-00T00:00:00".utf8)

    /// Eight bytes of a pattern, read as a big-endian word: `0` stands for any ASCII digit,
    /// any other byte for itself.
    struct ByteWindow {
        var digits: UInt64 = 0
        var fixed: UInt64 = 0
        var fixedBytes: UInt64 = 0

        init(pattern: ArraySlice<UInt8>) {
            for (index, byte) in pattern.enumerated() {
                let shift = UInt64(56 - 8 * index)
                if byte == UInt8(ascii: "0") {
                    digits |= 0xFF << shift
                } else {
                    fixed |= 0xFF << shift
                    fixedBytes |= UInt64(byte) << shift
                }
            }
        }

        /// Whether `word` (eight text bytes, the first in the top byte) fits the pattern: its
        /// fixed bytes equal, its digit bytes `0x30...0x39` (high nibble 3, and still 3 after
        /// adding 6, which cannot carry out of a byte whose high nibble is 3).
        @inline(__always)
        func matches(_ word: UInt64) -> Bool {
            let nibbles = 0xF0F0_F0F0_F0F0_F0F0 & digits
            let threes = 0x3030_3030_3030_3030 & digits
            let digitBytes = word & digits
            return word & fixed == fixedBytes && digitBytes & nibbles == threes
                && (digitBytes &+ (0x0606_0606_0606_0606 & digits)) & nibbles == threes
        }
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
    /// name), into the key's text bytes: copied into three words, then folded eight at a time.
    private mutating func setText(
        _ first: UnsafeBufferPointer<UInt8>?, _ second: UnsafeBufferPointer<UInt8>?, folding: Bool
    ) {
        guard let first else { return }
        tier = 1
        let limit = Self.textBytes
        var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var total = first.count
        withUnsafeMutableBytes(of: &packed) { bytes in
            guard let out = bytes.baseAddress else { return }  // never: a tuple's storage
            var used = min(first.count, limit)
            if let start = first.baseAddress { out.copyMemory(from: start, byteCount: used) }
            guard let second else { return }
            total += 1 + second.count
            if used < limit {
                bytes[used] = 0x20
                used += 1
            }
            let more = min(second.count, limit - used)
            if more > 0, let start = second.baseAddress {
                (out + used).copyMemory(from: start, byteCount: more)
            }
        }
        high = UInt64(bigEndian: packed.0)
        middle = UInt64(bigEndian: packed.1)
        low = UInt64(bigEndian: packed.2)
        if folding {
            high = Self.folded(high)
            middle = Self.folded(middle)
            low = Self.folded(low)
        }
        needsFullCompare = total > limit
    }

    /// `TextSearch.fold` (ASCII `A`...`Z` to lower case) on eight bytes at once: a byte's low
    /// seven bits plus 0x3F reach bit 7 from `A` on, plus 0x25 from past `Z` on; a byte with
    /// its own top bit set is not ASCII. Adding to seven-bit bytes never carries into the next.
    static func folded(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let seven = word & (0x7F &* ones)
        let fromA = seven &+ ((0x80 - 0x41) &* ones)
        let pastZ = seven &+ ((0x80 - 0x5B) &* ones)
        let upper = (fromA ^ pastZ) & ~word & (0x80 &* ones)
        return word | (upper >> 2)
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
