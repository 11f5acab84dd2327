import OrderAnalysis
import OrderIndex
import OrderModel

/// The running sums of a summary over some rows: one accumulator per group, found by the group's
/// values encoded as bytes (each value length-prefixed, 0xFFFF for none), so a row costs a hash
/// of a few bytes and no strings.
struct GroupAccumulation {
    struct Group {
        var orders = 0
        var anomalous = 0
        /// Per currency (by id), in the order first met (few currencies: searched linearly).
        var currencies: [(id: Int, sums: MoneySums)] = []
    }

    /// Currencies met, by id: their bytes, and packed into a number when short (every ISO code),
    /// so finding a row's currency compares integers and copies nothing.
    private(set) var currencyCodes: [[UInt8]?] = []
    private var packedCurrencies: [UInt64] = []
    private var longCurrencies: [[UInt8]: Int] = [:]
    private static let noCurrency = UInt64.max
    private static let longCurrency = UInt64.max - 1

    let columns: [SummaryColumn]
    private let multiValued: Bool
    private(set) var groups: [[UInt8]: Int] = [:]
    private(set) var accumulators: [Group] = []
    /// Rows whose anomaly check has not run yet.
    private(set) var unchecked = 0
    private var key: [UInt8] = []
    /// The last created date labelled (dumps are mostly in time order).
    private var lastDate: Int64 = -1
    private var lastBucket: Int64 = -1
    /// The group of the previous row and its key.
    private var lastKey: [UInt8] = []
    private var lastIndex = -1
    /// Starts a time bucket in a key: its number follows in 8 bytes (a length never reaches it).
    static let numberMarker: UInt8 = 0xFE

    init(columns: [SummaryColumn]) {
        self.columns = columns
        multiValued = columns.contains { $0.isMultiValued }
        key.reserveCapacity(128)
    }

    mutating func add(_ row: SummaryRow) {
        let currency = currencyID(row.field(.currency))
        let payments = row.payments
        let anomalous = (row.anomalyCount ?? 0) > 0
        if row.anomalyCount == nil { unchecked += 1 }
        if !multiValued {
            var key = self.key
            self.key = []  // the buffer moves out and back, so it is never copied
            key.removeAll(keepingCapacity: true)
            for column in columns { appendSingle(column, row, to: &key) }
            accumulate(
                key, currency: currency, gross: row.grossAmount, payments: payments, anomalous: anomalous)
            self.key = key
            return
        }
        var keys: [[UInt8]] = [[]]
        for column in columns {
            if column.isMultiValued {
                let values = multipleValues(column, row)
                var expanded: [[UInt8]] = []
                for prefix in keys {
                    for value in values {
                        var next = prefix
                        Self.append(value, to: &next)
                        expanded.append(next)
                    }
                }
                keys = expanded
            } else {
                for index in keys.indices { appendSingle(column, row, to: &keys[index]) }
            }
        }
        for each in keys {
            accumulate(
                each, currency: currency, gross: row.grossAmount, payments: payments, anomalous: anomalous)
        }
    }

    private mutating func accumulate(
        _ key: [UInt8], currency: Int, gross: Int64?, payments: PaymentSums, anomalous: Bool
    ) {
        let index: Int
        if lastIndex >= 0, key == lastKey {
            index = lastIndex  // neighbours often share a group (dumps in time or store order)
        } else if let found = groups[key] {
            index = found
        } else {
            index = accumulators.count
            groups[key] = index
            accumulators.append(Group())
        }
        if index != lastIndex {
            lastIndex = index
            lastKey = key
        }
        accumulators[index].orders += 1
        if anomalous { accumulators[index].anomalous += 1 }
        var slot = -1
        for position in accumulators[index].currencies.indices
        where accumulators[index].currencies[position].id == currency {
            slot = position
            break
        }
        if slot < 0 {
            accumulators[index].currencies.append((currency, MoneySums()))
            slot = accumulators[index].currencies.count - 1
        }
        accumulators[index].currencies[slot].sums.add(gross: gross, payments: payments)
    }

    /// The id of a currency's bytes (nil = the order has none), met before or new.
    private mutating func currencyID(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int {
        var packed = Self.noCurrency
        if let bytes {
            if bytes.count <= 7 {
                packed = UInt64(bytes.count) << 56
                for (offset, byte) in bytes.enumerated() { packed |= UInt64(byte) << (8 * UInt64(offset)) }
            } else {
                packed = Self.longCurrency
            }
        }
        if packed != Self.longCurrency {
            for id in packedCurrencies.indices where packedCurrencies[id] == packed { return id }
        } else if let bytes, let id = longCurrencies[Array(bytes)] {
            return id
        }
        let id = packedCurrencies.count
        packedCurrencies.append(packed)
        currencyCodes.append(bytes.map { Array($0) })
        if packed == Self.longCurrency, let bytes { longCurrencies[Array(bytes)] = id }
        return id
    }

    private mutating func currencyID(_ code: [UInt8]?) -> Int {
        guard let code else { return currencyID(nil as UnsafeBufferPointer<UInt8>?) }
        return code.withUnsafeBufferPointer { currencyID($0) }
    }

    private mutating func appendSingle(_ column: SummaryColumn, _ row: SummaryRow, to key: inout [UInt8]) {
        switch column {
        // Values group as the filter terms compare them, ignoring ASCII case (`Travel` and
        // `travel` are one group, shown as the filter writes it), so Enter on a group keeps it.
        case .status: Self.append(row.field(.status), folded: .lower, to: &key)
        case .paymentStatus: Self.append(row.field(.paymentStatus), folded: .lower, to: &key)
        case .currency: Self.append(row.field(.currency), folded: .upper, to: &key)
        case .store: Self.append(row.field(.storeID), folded: .lower, to: &key)
        case .paymentProduct: Self.append(row.field(.paymentProduct), folded: .lower, to: &key)
        case .customerType: Self.append(row.field(.customerType), folded: .lower, to: &key)
        case .orderType: Self.append(row.field(.orderType), folded: .lower, to: &key)
        case .day, .week, .month:
            // The bucket as a number (no text per row); its label is made once per group.
            guard let created = row.createdKey else {
                Self.append(nil as UnsafeBufferPointer<UInt8>?, to: &key)
                return
            }
            let date = created / 1_000_000_000
            if date != lastDate {
                lastDate = date
                lastBucket = CreatedBucket.number(date, column)
            }
            guard lastBucket >= 0 else {
                // A date that cannot exist groups with orders without one.
                Self.append(nil as UnsafeBufferPointer<UInt8>?, to: &key)
                return
            }
            key.append(Self.numberMarker)
            withUnsafeBytes(of: lastBucket.littleEndian) { key.append(contentsOf: $0) }
        case .anomaly, .reservation:
            break  // multi-valued, see `multipleValues`
        }
    }

    private func multipleValues(_ column: SummaryColumn, _ row: SummaryRow) -> [[UInt8]?] {
        if column == .reservation {
            guard let list = row.field(.reservationKinds), !list.isEmpty else { return [nil] }
            return list.split(separator: 0x1F).map { Array($0) }
        }
        guard let count = row.anomalyCount else { return [Array(SummaryGroup.notChecked.utf8)] }
        guard count > 0 else { return [nil] }
        let kinds = AnomalyTally.kinds(row.anomalyKinds)
        return kinds.isEmpty
            ? [Array(Anomaly.Kind.other.rawValue.utf8)] : kinds.map { Array($0.rawValue.utf8) }
    }

    enum Fold { case lower, upper }

    private static func append(_ value: UnsafeBufferPointer<UInt8>?, folded: Fold, to key: inout [UInt8]) {
        guard let value else {
            append(nil as UnsafeBufferPointer<UInt8>?, to: &key)
            return
        }
        key.append(UInt8(value.count >> 8))
        key.append(UInt8(value.count & 0xFF))
        switch folded {
        case .lower: for byte in value { key.append(TextSearch.fold(byte)) }
        case .upper: for byte in value { key.append(byte &- 0x61 < 26 ? byte & 0xDF : byte) }
        }
    }

    private static func append(_ value: UnsafeBufferPointer<UInt8>?, to key: inout [UInt8]) {
        guard let value else {
            key.append(0xFF)
            key.append(0xFF)
            return
        }
        key.append(UInt8(value.count >> 8))
        key.append(UInt8(value.count & 0xFF))
        key.append(contentsOf: value)
    }

    private static func append(_ value: [UInt8]?, to key: inout [UInt8]) {
        guard let value else {
            key.append(0xFF)
            key.append(0xFF)
            return
        }
        key.append(UInt8(value.count >> 8))
        key.append(UInt8(value.count & 0xFF))
        key.append(contentsOf: value)
    }

    /// Adds another half's groups.
    mutating func merge(_ other: GroupAccumulation) {
        unchecked += other.unchecked
        // The other half numbered its currencies in the order it met them.
        let ids = other.currencyCodes.map { currencyID($0) }
        for (key, otherIndex) in other.groups {
            var theirs = other.accumulators[otherIndex]
            for position in theirs.currencies.indices {
                theirs.currencies[position].id = ids[theirs.currencies[position].id]
            }
            guard let index = groups[key] else {
                groups[key] = accumulators.count
                accumulators.append(theirs)
                continue
            }
            accumulators[index].orders += theirs.orders
            accumulators[index].anomalous += theirs.anomalous
            for entry in theirs.currencies {
                if let slot = accumulators[index].currencies.firstIndex(where: { $0.id == entry.id }) {
                    accumulators[index].currencies[slot].sums.merge(entry.sums)
                } else {
                    accumulators[index].currencies.append(entry)
                }
            }
        }
    }

    /// The groups as a table (currencies ordered by orders, most first, none last).
    func table(orderCount: Int) -> SummaryTable {
        let names = currencyCodes.map { $0.map { String(decoding: $0, as: UTF8.self) } }
        var perCurrency: [String?: Int] = [:]
        for group in accumulators {
            for entry in group.currencies { perCurrency[names[entry.id], default: 0] += entry.sums.orders }
        }
        let currencies = perCurrency.keys.sorted { a, b in
            guard let a else { return false }
            guard let b else { return true }
            let (left, right) = (perCurrency[a, default: 0], perCurrency[b, default: 0])
            return left != right ? left > right : a < b
        }
        var rank: [String?: Int] = [:]
        for (index, currency) in currencies.enumerated() { rank[currency] = index }
        let groups = self.groups.map { key, index in
            let group = accumulators[index]
            return SummaryGroup(
                values: Self.decode(key, columns: columns), orders: group.orders, anomalous: group.anomalous,
                totals: group.currencies.map { $0.sums.totals(currency: names[$0.id]) }
                    .sorted { rank[$0.currency, default: 0] < rank[$1.currency, default: 0] })
        }
        var table = SummaryTable(
            columns: columns, groups: groups, orderCount: orderCount, currencies: currencies)
        table.uncheckedOrders = unchecked
        return table
    }

    private static func decode(_ key: [UInt8], columns: [SummaryColumn]) -> [String?] {
        var values: [String?] = []
        var index = 0
        while values.count < columns.count, index < key.count {
            if key[index] == numberMarker {
                var number: Int64 = 0
                withUnsafeMutableBytes(of: &number) { $0.copyBytes(from: key[index + 1..<index + 9]) }
                values.append(CreatedBucket.label(number: Int64(littleEndian: number), columns[values.count]))
                index += 9
                continue
            }
            let high = key[index]
            let low = key[index + 1]
            index += 2
            if high == 0xFF && low == 0xFF {
                values.append(nil)
                continue
            }
            let length = Int(high) << 8 | Int(low)
            values.append(String(decoding: key[index..<index + length], as: UTF8.self))
            index += length
        }
        return values
    }
}
