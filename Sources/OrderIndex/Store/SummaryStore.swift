import CAtomicCells
import OrderModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The list columns of many orders, stored by column so a million orders cost a few hundred
/// bytes each: fixed-width numbers (amount, a sortable `created_at` key, anomaly count) and the
/// text fields packed into one byte arena per chunk, with no heap object per string.
/// `OrderSummary` values are made only for the rows someone asks for (the rows on screen).
///
/// Append-only and shared by reference: a dump indexer appends from its background thread while
/// the UI reads. Rows live in chunks that never move once allocated, and a published row is
/// never rewritten (except its anomaly count), so a `SummarySnapshot` taken under the lock is
/// read without it, on any thread, for as long as it is held.
///
/// `@unchecked Sendable`: every mutable stored property is guarded by `lock`; chunk memory is
/// written only for rows not yet published (beyond every snapshot's count), except the anomaly
/// column. That one is written after publication (the background check reports counts while
/// rebuilds read snapshots), so each of its cells is an atomic `Int32` with relaxed loads and
/// stores: a reader sees, per row, the count from before or after a write, never a torn or
/// racing value. What depends on many counts at once (an `anomaly` filter or sort) is rebuilt
/// when counts arrive, so a rebuild that read some old counts is followed by one that reads
/// the new ones.
public final class SummaryStore: @unchecked Sendable {
    private let lock = StoreLock()
    private var chunks: [SummaryChunk] = []
    private var chunkStarts: [Int] = []
    private var rowCount = 0
    private var idTable = RowHashTable()
    private var numberTable = RowHashTable()
    private var duplicates = 0
    private var firstDuplicate: String?

    public init() {}

    /// The number of rows.
    public var count: Int { lock.locked { rowCount } }

    /// An immutable view of the rows appended so far, readable without locking.
    public func snapshot() -> SummarySnapshot {
        lock.locked { SummarySnapshot(chunks: chunks, chunkStarts: chunkStarts, count: rowCount) }
    }

    /// How many appended rows repeated an id seen before, and the first such id.
    public var duplicateIDs: (count: Int, first: String?) { lock.locked { (duplicates, firstDuplicate) } }

    // MARK: - Appending

    /// Appends one row from a record; returns its row number. A repeated id is kept as a row
    /// (lookups by id find the first), and counted in `duplicateIDs`.
    @discardableResult
    public func append(_ record: SummaryRecord) -> Int {
        lock.locked { appendLocked(record) }
    }

    /// Appends rows built apart (`SummaryRows`), in order, as appending their records one by one
    /// would: the same rows, chunks, duplicates and lookups. Returns the first row's number.
    @discardableResult
    package func append(_ rows: SummaryRows) -> Int {
        lock.locked {
            let first = rowCount
            // Both tables at the size they would grow to, so they are rehashed once at most.
            idTable.reserve(rowCount + rows.count, snapshot: currentSnapshot, field: .id)
            numberTable.reserve(rowCount + rows.count, snapshot: currentSnapshot, field: .orderNumber)
            var record = SummaryRecord()
            var numbered = rows.numbered[...]
            var position = 0
            var snapshot = currentSnapshot
            for source in rows.chunks {
                for sourceLocal in 0..<source.count {
                    while let next = numbered.first, next.position == position {
                        rows.fill(next.order, row: rowCount, into: &record)
                        appendLocked(record)
                        numbered.removeFirst()
                        position += 1
                        snapshot = currentSnapshot
                    }
                    let textBytes = source.textBytes(at: sourceLocal)
                    if chunks.last.map({ !$0.canHold(textBytes: textBytes) }) ?? true {
                        chunks.append(
                            SummaryChunk(arenaBytes: max(SummaryChunk.defaultArenaBytes, textBytes)))
                        chunkStarts.append(rowCount)
                        snapshot = currentSnapshot
                    }
                    let chunk = chunks[chunks.count - 1]
                    let local = chunk.count
                    chunk.copy(row: sourceLocal, of: source, textBytes: textBytes, at: local)
                    let row = rowCount
                    rowCount += 1
                    index(row: row, chunk: chunk, local: local, snapshot: snapshot)
                    position += 1
                }
            }
            for next in numbered {
                rows.fill(next.order, row: rowCount, into: &record)
                appendLocked(record)
            }
            return first
        }
    }

    /// Sizes the id and order-number tables for `rows` rows in all, so they do not grow (and
    /// rehash) on the way there; a guess that is too small only means they grow later.
    package func reserve(rows: Int) {
        lock.locked {
            idTable.reserve(rows, snapshot: currentSnapshot, field: .id)
            numberTable.reserve(rows, snapshot: currentSnapshot, field: .orderNumber)
        }
    }

    /// The rows so far (under the lock); lookups need only the chunks, not the count.
    private var currentSnapshot: SummarySnapshot {
        SummarySnapshot(chunks: chunks, chunkStarts: chunkStarts, count: rowCount)
    }

    /// Enters a row already written (with its hashes) into the id and order-number tables.
    private func index(row: Int, chunk: SummaryChunk, local: Int, snapshot: SummarySnapshot) {
        let idHash = chunk.idHash[local]
        let id =
            SummarySnapshot.field(.id, chunk: chunk, local: local)
            ?? UnsafeBufferPointer(start: nil, count: 0)
        if idTable.insertIfAbsent(row: row, hash: idHash, snapshot: snapshot, field: .id, key: id) != nil {
            duplicates += 1
            if firstDuplicate == nil { firstDuplicate = String(decoding: id, as: UTF8.self) }
        }
        if let number = SummarySnapshot.field(.orderNumber, chunk: chunk, local: local) {
            _ = numberTable.insertIfAbsent(
                row: row, hash: chunk.numberHash[local], snapshot: snapshot, field: .orderNumber, key: number)
        }
    }

    /// Appends one row under the lock; returns its row number.
    @discardableResult
    private func appendLocked(_ record: SummaryRecord) -> Int {
        let (chunk, local, opened) = SummaryChunk.append(record, to: &chunks)
        if opened { chunkStarts.append(rowCount) }
        let row = rowCount
        rowCount += 1
        index(row: row, chunk: chunk, local: local, snapshot: currentSnapshot)
        return row
    }

    /// Appends a summary (from an API page or a decoded order); returns its row number.
    @discardableResult
    public func append(_ summary: OrderSummary) -> Int {
        var record = SummaryRecord()
        record.set(summary)
        return append(record)
    }

    /// Sets the anomaly count of a row (nil = not checked yet), and which kinds were found.
    public func setAnomalyCount(_ count: Int?, kinds: UInt32 = 0, at row: Int) {
        let snapshot = self.snapshot()
        guard row >= 0, row < snapshot.count else { return }
        let (chunk, local) = snapshot.locate(row)
        chunk.setAnomaly(count, kinds: count == nil ? 0 : kinds, at: local)
    }

    /// Sets the anomaly counts and kinds of the rows from `start` on, one per element (nil
    /// elements are left as they are); rows past the store's end are ignored. One snapshot for
    /// the run: the background check sets a batch at a time.
    public func setAnomalyCounts(
        from start: Int, _ tallies: some Sequence<(count: Int, kinds: UInt32)?>
    ) {
        let snapshot = self.snapshot()
        var row = start
        for tally in tallies {
            defer { row += 1 }
            guard let tally, row >= 0 else { continue }
            guard row < snapshot.count else { return }
            let (chunk, local) = snapshot.locate(row)
            chunk.setAnomaly(tally.count, kinds: tally.kinds, at: local)
        }
    }

    // MARK: - Lookups

    /// The row of the first order with this id.
    public func row(ofID id: String) -> Int? { lookup(id, table: \.idTable, field: .id) }

    /// The row of the first order with this order number.
    public func row(ofOrderNumber number: String) -> Int? {
        lookup(number, table: \.numberTable, field: .orderNumber)
    }

    private func lookup(_ key: String, table: KeyPath<SummaryStore, RowHashTable>, field: SummaryField)
        -> Int?
    {
        var key = key
        return key.withUTF8 { bytes in
            lock.locked {
                let snapshot = SummarySnapshot(chunks: chunks, chunkStarts: chunkStarts, count: rowCount)
                return self[keyPath: table].find(
                    hash: RowHashTable.hash(bytes), in: snapshot, field: field, key: bytes)
            }
        }
    }

    /// The summary of one row.
    public func summary(at row: Int) -> OrderSummary { snapshot().summary(at: row) }
}

/// The text columns of a summary, in arena order.
public enum SummaryField: Int, CaseIterable, Sendable {
    case id, orderNumber, createdAt, firstName, lastName, email, phone, company, status, paymentStatus,
        currency,
        storeID, maskedPANs, bookingIDs, orderType, customerType, paymentProduct, reservationKinds

    @usableFromInline static let count = 18
}

/// One row being built before it is appended: its text fields as bytes in one scratch buffer,
/// and its numbers. Reused between rows so building a row allocates nothing.
public struct SummaryRecord: Sendable {
    /// Text fields are cut at this many bytes: list columns never need more, and it bounds a row.
    public static let maxFieldBytes = 2048
    /// Separates the entries of list fields (masked PANs, booking ids).
    static let listSeparator: UInt8 = 0x1F
    @usableFromInline static let absent: UInt16 = 0xFFFF

    var text: [UInt8] = []
    var lengths = [UInt16](repeating: SummaryRecord.absent, count: SummaryField.count)
    public var grossAmount: Int64?
    public var hasAttachments = false
    public var anomalyCount: Int?
    public var anomalyKinds: UInt32 = 0
    public var payments = PaymentSums()
    /// Where the order's bytes are (file number and byte range), for sources that have them.
    public var file = 0
    public var start = 0
    public var end = 0

    public init() {
        text.reserveCapacity(512)
    }

    /// Clears the record for the next row (fields must then be set in `SummaryField` order).
    public mutating func reset() {
        text.removeAll(keepingCapacity: true)
        for index in lengths.indices { lengths[index] = Self.absent }
        grossAmount = nil
        hasAttachments = false
        anomalyCount = nil
        anomalyKinds = 0
        payments = PaymentSums()
        file = 0
        start = 0
        end = 0
    }

    /// Sets a field from UTF-8 bytes (nil = absent). Fields must be set in `SummaryField` order.
    public mutating func set(_ field: SummaryField, bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes else { return }
        let kept = UnsafeBufferPointer(rebasing: bytes.prefix(Self.maxFieldBytes))
        lengths[field.rawValue] = UInt16(kept.count)
        text.append(contentsOf: kept)
    }

    /// Sets a field from a string (nil = absent).
    public mutating func set(_ field: SummaryField, _ string: String?) {
        guard var string else { return }
        string.withUTF8 { set(field, bytes: $0) }
    }

    /// Starts a field whose bytes are then added with `appendByte`/`appendBytes`; `finish` closes it.
    public mutating func begin(_ field: SummaryField) -> Int { text.count }

    public mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }
    public mutating func appendByte(_ byte: UInt8) { text.append(byte) }

    public mutating func finish(_ field: SummaryField, startedAt start: Int) {
        var length = text.count - start
        if length > Self.maxFieldBytes {
            text.removeLast(length - Self.maxFieldBytes)
            length = Self.maxFieldBytes
        }
        lengths[field.rawValue] = UInt16(length)
    }

    /// Sets a list field (entries joined by a separator byte).
    public mutating func set(_ field: SummaryField, list: [String]) {
        guard !list.isEmpty else { return }
        let start = begin(field)
        for (index, entry) in list.enumerated() {
            if index > 0 { appendByte(Self.listSeparator) }
            var entry = entry
            entry.withUTF8 { appendBytes($0) }
        }
        finish(field, startedAt: start)
    }

    /// Every column of a summary.
    public mutating func set(_ summary: OrderSummary) {
        reset()
        set(.id, summary.id)
        set(.orderNumber, summary.orderNumber)
        set(.createdAt, summary.createdAt)
        set(.firstName, summary.customerFirstName)
        set(.lastName, summary.customerLastName)
        set(.email, summary.customerEmail)
        set(.phone, summary.customerPhone)
        set(.company, summary.companyName)
        set(.status, summary.status)
        set(.paymentStatus, summary.paymentStatus)
        set(.currency, summary.currency)
        set(.storeID, summary.storeID)
        set(.maskedPANs, list: summary.maskedPANs)
        set(.bookingIDs, list: summary.bookingIDs)
        set(.orderType, summary.orderType)
        set(.customerType, summary.customerType)
        set(.paymentProduct, summary.paymentProduct)
        set(.reservationKinds, list: summary.reservationKinds)
        grossAmount = summary.grossAmount
        hasAttachments = summary.hasAttachments
        anomalyCount = summary.anomalyCount
        anomalyKinds = summary.anomalyKinds
        payments = summary.payments
    }

    /// The record as a summary (for streams that keep no store).
    public func summary() -> OrderSummary {
        func text(_ field: SummaryField) -> String? { has(field) ? string(of: field) : nil }
        func list(_ field: SummaryField) -> [String] {
            guard has(field), lengths[field.rawValue] > 0 else { return [] }
            return string(of: field).split(
                separator: Character(Unicode.Scalar(Self.listSeparator)),
                omittingEmptySubsequences: false
            ).map(String.init)
        }
        return OrderSummary(
            id: text(.id) ?? "", orderNumber: text(.orderNumber), createdAt: text(.createdAt),
            customerFirstName: text(.firstName), customerLastName: text(.lastName),
            customerEmail: text(.email),
            customerPhone: text(.phone), companyName: text(.company), status: text(.status),
            paymentStatus: text(.paymentStatus), grossAmount: grossAmount, currency: text(.currency),
            storeID: text(.storeID), maskedPANs: list(.maskedPANs), bookingIDs: list(.bookingIDs),
            hasAttachments: hasAttachments, anomalyCount: anomalyCount, orderType: text(.orderType),
            customerType: text(.customerType), paymentProduct: text(.paymentProduct),
            reservationKinds: list(.reservationKinds), payments: payments, anomalyKinds: anomalyKinds)
    }

    func has(_ field: SummaryField) -> Bool { lengths[field.rawValue] != Self.absent }

    func offset(of field: SummaryField) -> Int {
        var offset = 0
        for index in 0..<field.rawValue where lengths[index] != Self.absent { offset += Int(lengths[index]) }
        return offset
    }

    func bytes(of field: SummaryField) -> UnsafeBufferPointer<UInt8> {
        guard has(field) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let offset = self.offset(of: field)
        return text.withUnsafeBufferPointer {
            UnsafeBufferPointer(rebasing: $0[offset..<offset + Int(lengths[field.rawValue])])
        }
    }

    func hash(of field: SummaryField) -> UInt32 {
        let offset = self.offset(of: field)
        let length = has(field) ? Int(lengths[field.rawValue]) : 0
        return text.withUnsafeBufferPointer {
            RowHashTable.hash(UnsafeBufferPointer(rebasing: $0[offset..<offset + length]))
        }
    }

    /// A field as a string ("" when absent).
    public func string(of field: SummaryField) -> String {
        let offset = self.offset(of: field)
        let length = has(field) ? Int(lengths[field.rawValue]) : 0
        return String(decoding: text[offset..<offset + length], as: UTF8.self)
    }
}

/// A fixed block of rows: every column preallocated (pages are touched only as rows are
/// written), so appending never moves a row another thread may be reading.
final class SummaryChunk: @unchecked Sendable {
    static let capacity = 16384
    static let defaultArenaBytes = 8 << 20

    let lengths: UnsafeMutablePointer<UInt16>
    let textStart: UnsafeMutablePointer<UInt32>
    let gross: UnsafeMutablePointer<Int64>
    /// `created_at` as a number that sorts like the text (digits only, YYYYMMDDhhmmssfff).
    let created: UnsafeMutablePointer<Int64>
    /// Atomic cells: see the store's contract. -1 is "not checked yet".
    private let anomaly: UnsafeMutablePointer<Int32>
    /// Anomaly kinds found (`OrderSummary.anomalyKinds`), atomic cells written with `anomaly`.
    private let anomalyKinds: UnsafeMutablePointer<UInt32>
    /// Four payment sums a row (authorized, captured, refunded, cancelled; `OperationKind`
    /// order), 0 where `flags` says the sum overflowed.
    let payments: UnsafeMutablePointer<Int64>
    let flags: UnsafeMutablePointer<UInt8>
    let file: UnsafeMutablePointer<UInt16>
    let start: UnsafeMutablePointer<Int64>
    let end: UnsafeMutablePointer<Int64>
    let idHash: UnsafeMutablePointer<UInt32>
    let numberHash: UnsafeMutablePointer<UInt32>
    let arena: UnsafeMutablePointer<UInt8>
    let arenaCapacity: Int
    /// Written only under the store's lock; readers use their snapshot's count instead.
    var count = 0
    var arenaUsed = 0

    static let hasGross: UInt8 = 1
    static let hasAttachments: UInt8 = 2
    static let hasCreated: UInt8 = 4
    /// Bits 3...6: the payment sum of `OperationKind` n (authorization first) is out of range.
    static let paymentOverflowShift: UInt8 = 3

    /// The anomaly count of a row (nil: not checked yet).
    func anomalyCount(at local: Int) -> Int? {
        let value = atomic_cell_load(anomaly + local)
        return value < 0 ? nil : Int(value)
    }

    /// The anomaly kinds found in a row (0 until checked).
    func anomalyKinds(at local: Int) -> UInt32 {
        UInt32(
            bitPattern: atomic_cell_load(
                UnsafeMutableRawPointer(anomalyKinds + local).assumingMemoryBound(to: Int32.self)))
    }

    func setAnomaly(_ count: Int?, kinds: UInt32, at local: Int) {
        atomic_cell_store(
            UnsafeMutableRawPointer(anomalyKinds + local).assumingMemoryBound(to: Int32.self),
            Int32(bitPattern: kinds))
        atomic_cell_store(anomaly + local, count.map { Int32(clamping: $0) } ?? -1)
    }

    init(arenaBytes: Int) {
        let n = Self.capacity
        lengths = .allocate(capacity: n * SummaryField.count)
        textStart = .allocate(capacity: n)
        gross = .allocate(capacity: n)
        created = .allocate(capacity: n)
        anomaly = .allocate(capacity: n)
        anomalyKinds = .allocate(capacity: n)
        anomaly.initialize(repeating: -1, count: n)
        anomalyKinds.initialize(repeating: 0, count: n)
        payments = .allocate(capacity: n * 4)
        flags = .allocate(capacity: n)
        file = .allocate(capacity: n)
        start = .allocate(capacity: n)
        end = .allocate(capacity: n)
        idHash = .allocate(capacity: n)
        numberHash = .allocate(capacity: n)
        arena = .allocate(capacity: arenaBytes)
        arenaCapacity = arenaBytes
    }

    deinit {
        lengths.deallocate()
        textStart.deallocate()
        gross.deallocate()
        created.deallocate()
        anomaly.deallocate()
        anomalyKinds.deallocate()
        payments.deallocate()
        flags.deallocate()
        file.deallocate()
        start.deallocate()
        end.deallocate()
        idHash.deallocate()
        numberHash.deallocate()
        arena.deallocate()
    }

    func canHold(textBytes: Int) -> Bool {
        count < Self.capacity && arenaUsed + textBytes <= arenaCapacity
    }

    /// Writes `record` (its id and order-number hashes too) into the last of `chunks`, or into a
    /// new one when that cannot hold it (`opened`); returns where it went.
    static func append(
        _ record: SummaryRecord, to chunks: inout [SummaryChunk]
    ) -> (chunk: SummaryChunk, local: Int, opened: Bool) {
        let textBytes = record.text.count
        let opened = chunks.last.map { !$0.canHold(textBytes: textBytes) } ?? true
        if opened { chunks.append(SummaryChunk(arenaBytes: max(defaultArenaBytes, textBytes))) }
        let chunk = chunks[chunks.count - 1]
        let local = chunk.count
        chunk.write(record, at: local)
        chunk.idHash[local] = record.hash(of: .id)
        if record.has(.orderNumber) { chunk.numberHash[local] = record.hash(of: .orderNumber) }
        return (chunk, local, opened)
    }

    func write(_ record: SummaryRecord, at local: Int) {
        record.text.withUnsafeBufferPointer { text in
            if let base = text.baseAddress { (arena + arenaUsed).update(from: base, count: text.count) }
        }
        textStart[local] = UInt32(arenaUsed)
        for field in 0..<SummaryField.count {
            lengths[local * SummaryField.count + field] = record.lengths[field]
        }
        var flag: UInt8 = 0
        if let amount = record.grossAmount {
            gross[local] = amount
            flag |= Self.hasGross
        } else {
            gross[local] = 0
        }
        if record.hasAttachments { flag |= Self.hasAttachments }
        let createdBytes = record.bytes(of: .createdAt)
        if record.has(.createdAt) {
            created[local] = SummaryChunk.timeKey(createdBytes)
            flag |= Self.hasCreated
        } else {
            created[local] = 0
        }
        for (index, kind) in OperationKind.allCases.enumerated() {
            if let sum = record.payments[kind] {
                payments[local * 4 + index] = sum
            } else {
                payments[local * 4 + index] = 0
                flag |= 1 << (Self.paymentOverflowShift + UInt8(index))
            }
        }
        flags[local] = flag
        setAnomaly(record.anomalyCount, kinds: record.anomalyKinds, at: local)
        file[local] = UInt16(clamping: record.file)
        start[local] = Int64(record.start)
        end[local] = Int64(record.end)
        idHash[local] = 0
        numberHash[local] = 0
        arenaUsed += record.text.count
        count = local + 1
    }

    /// The number of text bytes of a row.
    func textBytes(at local: Int) -> Int {
        let end = local + 1 < count ? Int(textStart[local + 1]) : arenaUsed
        return end - Int(textStart[local])
    }

    /// Writes a row of another chunk (one built apart, `SummaryRows`) here, hashes included,
    /// as `write` wrote it there.
    func copy(row from: Int, of source: SummaryChunk, textBytes: Int, at local: Int) {
        (arena + arenaUsed).update(from: source.arena + Int(source.textStart[from]), count: textBytes)
        textStart[local] = UInt32(arenaUsed)
        let fields = SummaryField.count
        (lengths + local * fields).update(from: source.lengths + from * fields, count: fields)
        gross[local] = source.gross[from]
        created[local] = source.created[from]
        (payments + local * 4).update(from: source.payments + from * 4, count: 4)
        flags[local] = source.flags[from]
        setAnomaly(source.anomalyCount(at: from), kinds: source.anomalyKinds(at: from), at: local)
        file[local] = source.file[from]
        start[local] = source.start[from]
        end[local] = source.end[from]
        idHash[local] = source.idHash[from]
        numberHash[local] = source.numberHash[from]
        arenaUsed += textBytes
        count = local + 1
    }

    /// The digits of an ISO time (up to 17: date, time and milliseconds) as one number, so
    /// comparing numbers compares times written the same way.
    static func timeKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var key: Int64 = 0
        var digits = 0
        for byte in bytes where digits < 17 {
            let digit = byte &- 0x30
            if digit < 10 {
                key = key * 10 + Int64(digit)
                digits += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "Z")
                || (byte == UInt8(ascii: "-") && digits >= 14)
            {
                break  // the zone; times in one dump share it
            }
        }
        while digits < 17 {
            key *= 10
            digits += 1
        }
        return key
    }
}

/// The rows of a store up to a count, readable from any thread without locks.
public struct SummarySnapshot: @unchecked Sendable {
    let chunks: [SummaryChunk]
    let chunkStarts: [Int]
    /// The number of rows in the snapshot.
    public let count: Int

    init(chunks: [SummaryChunk], chunkStarts: [Int], count: Int) {
        self.chunks = chunks
        self.chunkStarts = chunkStarts
        self.count = count
    }

    /// An empty snapshot.
    public init() {
        self.init(chunks: [], chunkStarts: [], count: 0)
    }

    /// The first `count` rows (all of them if there are fewer).
    public func prefix(_ count: Int) -> SummarySnapshot {
        SummarySnapshot(chunks: chunks, chunkStarts: chunkStarts, count: min(count, self.count))
    }

    @inline(__always)
    func locate(_ row: Int) -> (SummaryChunk, Int) {
        let index = chunkIndex(row)
        return (chunks[index], row - chunkStarts[index])
    }

    /// The index of the chunk holding `row`.
    @inline(__always)
    func chunkIndex(_ row: Int) -> Int {
        // Chunks are full except when a huge row did not fit: try the direct guess first.
        let guess = row / SummaryChunk.capacity
        if guess < chunks.count, chunkStarts[guess] <= row,
            guess + 1 == chunks.count || chunkStarts[guess + 1] > row
        {
            return guess
        }
        var low = 0
        var high = chunks.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if chunkStarts[mid] <= row { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The bytes of one text field of a row; nil when the field is absent.
    @inline(__always)
    public func field(_ field: SummaryField, row: Int) -> UnsafeBufferPointer<UInt8>? {
        let (chunk, local) = locate(row)
        return Self.field(field, chunk: chunk, local: local)
    }

    @inline(__always)
    static func field(_ field: SummaryField, chunk: SummaryChunk, local: Int) -> UnsafeBufferPointer<UInt8>? {
        SummaryRow(chunk: chunk, local: local).field(field)
    }

    /// All text fields of a row as one run of bytes (fields back to back, in `SummaryField`
    /// order): a search that finds nothing here finds nothing in any field.
    public func rowText(row: Int) -> UnsafeBufferPointer<UInt8> { self.row(row).text }

    public func string(_ field: SummaryField, row: Int) -> String? {
        self.field(field, row: row).map { String(decoding: $0, as: UTF8.self) }
    }

    public func grossAmount(row: Int) -> Int64? {
        let (chunk, local) = locate(row)
        return chunk.flags[local] & SummaryChunk.hasGross != 0 ? chunk.gross[local] : nil
    }

    /// `created_at` as a number that orders like the ISO text (nil when absent).
    public func createdKey(row: Int) -> Int64? {
        let (chunk, local) = locate(row)
        return chunk.flags[local] & SummaryChunk.hasCreated != 0 ? chunk.created[local] : nil
    }

    public func anomalyCount(row: Int) -> Int? {
        let (chunk, local) = locate(row)
        return chunk.anomalyCount(at: local)
    }

    public func hasAttachments(row: Int) -> Bool {
        let (chunk, local) = locate(row)
        return chunk.flags[local] & SummaryChunk.hasAttachments != 0
    }

    /// Where the order's bytes are.
    public func location(row: Int) -> (file: Int, start: Int, end: Int) {
        let (chunk, local) = locate(row)
        return (Int(chunk.file[local]), Int(chunk.start[local]), Int(chunk.end[local]))
    }

    /// The order's id as a string (the key to load it).
    public func id(row: Int) -> String { string(.id, row: row) ?? "" }

    /// The summary of one row, made on demand.
    public func summary(at row: Int) -> OrderSummary {
        let (chunk, local) = locate(row)
        func text(_ field: SummaryField) -> String? {
            Self.field(field, chunk: chunk, local: local).map { String(decoding: $0, as: UTF8.self) }
        }
        func list(_ field: SummaryField) -> [String] {
            guard let bytes = Self.field(field, chunk: chunk, local: local), !bytes.isEmpty else { return [] }
            return bytes.split(separator: SummaryRecord.listSeparator, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        let flag = chunk.flags[local]
        return OrderSummary(
            id: text(.id) ?? "", orderNumber: text(.orderNumber), createdAt: text(.createdAt),
            customerFirstName: text(.firstName), customerLastName: text(.lastName),
            customerEmail: text(.email),
            customerPhone: text(.phone), companyName: text(.company), status: text(.status),
            paymentStatus: text(.paymentStatus),
            grossAmount: flag & SummaryChunk.hasGross != 0 ? chunk.gross[local] : nil,
            currency: text(.currency), storeID: text(.storeID), maskedPANs: list(.maskedPANs),
            bookingIDs: list(.bookingIDs),
            hasAttachments: flag & SummaryChunk.hasAttachments != 0,
            anomalyCount: chunk.anomalyCount(at: local),
            orderType: text(.orderType), customerType: text(.customerType),
            paymentProduct: text(.paymentProduct),
            reservationKinds: list(.reservationKinds),
            payments: SummaryRow(chunk: chunk, local: local).payments,
            anomalyKinds: chunk.anomalyKinds(at: local))
    }

    /// Calls `body` with each chunk's rows as a range of row numbers, in order (for scans that
    /// want to stay inside one chunk at a time).
    public func forEachChunk(_ body: (Range<Int>) -> Void) {
        for (index, start) in chunkStarts.enumerated() {
            let end = index + 1 < chunkStarts.count ? chunkStarts[index + 1] : count
            let clipped = min(end, count)
            if start < clipped { body(start..<clipped) }
        }
    }
}

/// The summaries of a snapshot as a collection (made one at a time, on access).
public struct SummaryList: RandomAccessCollection, Sendable {
    public let snapshot: SummarySnapshot
    public init(_ snapshot: SummarySnapshot) { self.snapshot = snapshot }
    public var startIndex: Int { 0 }
    public var endIndex: Int { snapshot.count }
    public subscript(position: Int) -> OrderSummary { snapshot.summary(at: position) }
}

/// Open addressing from a text field's hash to the first row holding it: four bytes a slot,
/// no string objects. Guarded by the store's lock.
struct RowHashTable {
    private var slots: [Int32] = []
    private var used = 0

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    func find(
        hash: UInt32, in snapshot: SummarySnapshot, field: SummaryField, key: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard !slots.isEmpty else { return nil }
        return probe(hash: hash, in: snapshot, field: field, key: key).row
    }

    /// The row already holding `key`, or nil after entering `row` for it: one walk of the slots,
    /// the new row placed where the walk found no match.
    mutating func insertIfAbsent(
        row: Int, hash: UInt32, snapshot: SummarySnapshot, field: SummaryField,
        key: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        if (used + 1) * 2 > slots.count { grow(snapshot: snapshot, field: field) }
        let found = probe(hash: hash, in: snapshot, field: field, key: key)
        if let existing = found.row { return existing }
        slots[found.slot] = Int32(row)
        used += 1
        return nil
    }

    /// Walks the slots from `hash`'s: the row holding `key`, or nil and the first empty slot.
    private func probe(
        hash: UInt32, in snapshot: SummarySnapshot, field: SummaryField, key: UnsafeBufferPointer<UInt8>
    ) -> (row: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let row = slots[slot]
            if row < 0 { return (nil, slot) }
            let (chunk, local) = snapshot.locate(Int(row))
            let rowHash = field == .id ? chunk.idHash[local] : chunk.numberHash[local]
            if rowHash == hash, let bytes = SummarySnapshot.field(field, chunk: chunk, local: local),
                bytes.count == key.count, bytes.elementsEqual(key)
            {
                return (Int(row), slot)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Makes room for `rows` entries at once (at least twice as many slots, as growing keeps).
    mutating func reserve(_ rows: Int, snapshot: SummarySnapshot, field: SummaryField) {
        var size = max(1024, slots.count)
        while rows * 2 > size { size *= 2 }
        if size > slots.count { grow(to: size, snapshot: snapshot, field: field) }
    }

    private mutating func place(_ row: Int32, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = row
    }

    private mutating func grow(snapshot: SummarySnapshot, field: SummaryField) {
        grow(to: max(1024, slots.count * 2), snapshot: snapshot, field: field)
    }

    private mutating func grow(to size: Int, snapshot: SummarySnapshot, field: SummaryField) {
        let old = slots
        slots = [Int32](repeating: -1, count: size)
        for row in old where row >= 0 {
            let (chunk, local) = snapshot.locate(Int(row))
            place(row, hash: field == .id ? chunk.idHash[local] : chunk.numberHash[local])
        }
    }
}

/// A mutex (pthread) usable from a class in a module without Foundation.
final class StoreLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
