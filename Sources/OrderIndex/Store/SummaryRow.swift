import CScan
import OrderModel

/// One row of a snapshot read straight from its chunk: a scan that needs several columns of a
/// row (a sort key, a filter) finds the row once instead of once per column, and reads each
/// column inline, without calls or reference counting.
///
/// Valid only while the snapshot it came from is alive (it points into the snapshot's chunks).
public struct SummaryRow {
    @usableFromInline let lengths: UnsafePointer<UInt16>
    @usableFromInline let start: UnsafePointer<UInt8>
    /// The gross amount in minor units, if the order has one.
    public let grossAmount: Int64?
    /// `created_at` as a number that orders like the ISO text, if present.
    public let createdKey: Int64?
    /// How many anomalies the checks found, once they ran.
    public let anomalyCount: Int?
    public let hasAttachments: Bool
    let paymentColumns: UnsafePointer<Int64>
    let flag: UInt8
    /// Which anomaly kinds were found (bits; 0 when not checked or none).
    public let anomalyKinds: UInt32

    init(chunk: SummaryChunk, local: Int) {
        lengths = UnsafePointer(chunk.lengths + local * SummaryField.count)
        start = UnsafePointer(chunk.arena + Int(chunk.textStart[local]))
        let flag = chunk.flags[local]
        self.flag = flag
        paymentColumns = UnsafePointer(chunk.payments + local * 4)
        anomalyKinds = chunk.anomalyKinds(at: local)
        grossAmount = flag & SummaryChunk.hasGross != 0 ? chunk.gross[local] : nil
        createdKey = flag & SummaryChunk.hasCreated != 0 ? chunk.created[local] : nil
        hasAttachments = flag & SummaryChunk.hasAttachments != 0
        anomalyCount = chunk.anomalyCount(at: local)
    }

    /// The sum of one kind of successful payment operation; nil when it was out of range.
    public func payment(_ kind: OperationKind) -> Int64? {
        let index: Int
        switch kind {
        case .authorization: index = 0
        case .capture: index = 1
        case .refund: index = 2
        case .cancellation: index = 3
        }
        return flag & (1 << (SummaryChunk.paymentOverflowShift + UInt8(index))) != 0
            ? nil : paymentColumns[index]
    }

    /// All four payment sums.
    public var payments: PaymentSums {
        PaymentSums(
            authorized: payment(.authorization), captured: payment(.capture), refunded: payment(.refund),
            cancelled: payment(.cancellation))
    }

    /// Every text column back to back (as `SummarySnapshot.rowText`): a search that finds
    /// nothing here finds nothing in any column.
    @inlinable
    public var text: UnsafeBufferPointer<UInt8> {
        var total = 0
        for index in 0..<SummaryField.count where lengths[index] != SummaryRecord.absent {
            total += Int(lengths[index])
        }
        return UnsafeBufferPointer(start: start, count: total)
    }

    /// The bytes of one text column (nil when the order has no such value).
    @inlinable
    public func field(_ field: SummaryField) -> UnsafeBufferPointer<UInt8>? {
        let length = lengths[field.rawValue]
        guard length != SummaryRecord.absent else { return nil }
        var offset = 0
        for index in 0..<field.rawValue where lengths[index] != SummaryRecord.absent {
            offset += Int(lengths[index])
        }
        return UnsafeBufferPointer(start: start + offset, count: Int(length))
    }
}

extension SummarySnapshot {
    /// Row `row`'s columns, found once.
    public func row(_ row: Int) -> SummaryRow {
        let (chunk, local) = locate(row)
        return SummaryRow(chunk: chunk, local: local)
    }

    /// Calls `body` with each index of `positions` and the row at that position, in order. A
    /// chunk is found once for each run of positions inside it, not once per row, and the
    /// text of `field` (the one `body` reads) is fetched a few rows ahead: a sort keys a
    /// million rows this way, where the lookup and the wait for each row's text cost more than
    /// the key.
    public func forEachRow(
        at positions: UnsafeBufferPointer<Int32>, reading field: SummaryField? = nil,
        _ body: (Int, SummaryRow) -> Void
    ) {
        guard !chunks.isEmpty else { return }
        var chunk = chunks[0]
        var lower = 0
        var upper = 0  // no chunk found yet
        for (index, position) in positions.enumerated() {
            let row = Int(position)
            if row < lower || row >= upper {
                let found = chunkIndex(row)
                chunk = chunks[found]
                lower = chunkStarts[found]
                upper = found + 1 < chunkStarts.count ? chunkStarts[found + 1] : count
            }
            if let field, index + Self.fetchAhead < positions.count {
                let ahead = Int(positions[index + Self.fetchAhead])
                if ahead >= lower, ahead < upper {
                    cscan_prefetch(chunk.textAddress(of: field, at: ahead - lower))
                }
            }
            body(index, SummaryRow(chunk: chunk, local: row - lower))
        }
    }

    /// How many rows ahead `forEachRow` fetches text: enough rows of work to cover a read
    /// from memory.
    static let fetchAhead = 12
}

extension SummaryChunk {
    /// Where the bytes of `field` of row `local` are (or would be) in the arena; reads only
    /// the row's lengths, not its other columns.
    @inline(__always)
    func textAddress(of field: SummaryField, at local: Int) -> UnsafePointer<UInt8> {
        let lengths = self.lengths + local * SummaryField.count
        var offset = Int(textStart[local])
        for index in 0..<field.rawValue where lengths[index] != SummaryRecord.absent {
            offset += Int(lengths[index])
        }
        return UnsafePointer(arena + offset)
    }
}
