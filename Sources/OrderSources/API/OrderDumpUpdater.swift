import Foundation
import JSONCore
import OrderIndex
import OrderModel

/// What `fetch --update` did to a dump.
public struct DumpUpdate: Sendable, Equatable {
    /// Orders of the dump kept as they were.
    public var kept: Int
    /// Orders of the dump replaced by a newer version from the API.
    public var changed: Int
    /// Orders the dump did not hold, added after its own.
    public var added: Int

    public init(kept: Int, changed: Int, added: Int) {
        self.kept = kept
        self.changed = changed
        self.added = added
    }
}

/// Brings a dump up to date with the API (`fetch --update DUMP`). The orders API filters on
/// `created_at` only, so it pages through the list (asked with `include_events=true`, one
/// request per page) and takes the orders that are new to the dump or whose `updated_at` is
/// after the dump's version of them; such an order is fetched on its own only when its list
/// entry is not complete. The merged dump (the dump's orders in their order, changed ones
/// replaced, then the new ones in list order) is written under a temporary name and renamed
/// over the target only when whole.
public enum OrderDumpUpdater {
    public static func update(
        from source: DinteroAPISource, dump: String, to path: String, gzip: Bool, pageSize: Int = 100,
        redact: Bool = false, concurrency: Int = 8
    ) async throws(SourceError) -> DumpUpdate {
        let existing = try DumpSource.open(paths: [dump])
        // Each order is kept as bytes (its source, escapes as written: a lone surrogate survives)
        // with the stamp `isNewer` compares, not as a parsed value.
        var orders: [[UInt8]] = []
        var stamps: [Double?] = []
        var positions: [String: Int] = [:]
        for index in 0..<existing.count {
            let order = try existing.json(at: index)
            if let id = Self.id(of: order), positions[id] == nil { positions[id] = orders.count }
            orders.append(
                existing.withRawBytes(at: index) { JSONSpans.compact($0) } ?? order.serializedBytes())
            stamps.append(Self.stamp(of: order))
        }
        var update = DumpUpdate(kept: orders.count, changed: 0, added: 0)
        var cursor: PageCursor?
        var seen = Set<String>()
        repeat {
            if Task.isCancelled { throw SourceError.cancelled }
            let page = try await source.listedPage(after: cursor, limit: pageSize, includeEvents: true)
            let sources = page.sources()
            var wanted: [(id: String, complete: ListedOrder?)] = []
            let completeness = CompleteListEntries(page: page.orders)
            for (offset, entry) in page.orders.enumerated() {
                guard let id = Self.id(of: entry), seen.insert(id).inserted else { continue }
                if let position = positions[id], !Self.isNewer(entry, than: stamps[position]) { continue }
                let complete =
                    completeness.isComplete(entry) ? ListedOrder(json: entry, source: sources?[offset]) : nil
                wanted.append((id, complete))
            }
            let details = try await OrderDumpFetcher.documents(
                of: wanted.filter { $0.complete == nil }.map(\.id), from: source, concurrency: concurrency)
            for entry in wanted {
                guard let fetched = entry.complete ?? details[entry.id] else { continue }
                let bytes =
                    redact
                    ? Redactor.redact(fetched.json).serializedBytes()
                    : fetched.source ?? fetched.json.serializedBytes()
                if let position = positions[entry.id] {
                    orders[position] = bytes
                    update.changed += 1
                    update.kept -= 1
                } else {
                    positions[entry.id] = orders.count
                    orders.append(bytes)
                    update.added += 1
                }
            }
            cursor = page.next
        } while cursor != nil
        do {
            try OrderDumpFetcher.writeDump(orders.map { $0[...] }, to: path, gzip: gzip)
        } catch {
            throw OrderDumpFetcher.writeFailure(error, target: path)
        }
        return update
    }

    static func id(of order: JSONValue) -> String? {
        order["id"]?.stringValue ?? order["order_id"]?.stringValue
    }

    /// When the order was last changed: its `updated_at`, else `created_at`.
    static func stamp(of order: JSONValue) -> Double? {
        (order["updated_at"]?.stringValue ?? order["created_at"]?.stringValue).flatMap(Timestamp.parse)
    }

    /// The entry was changed after the dump's version (stamped `saved`): its stamp is later, or
    /// either cannot be read (then it is taken, to be safe).
    static func isNewer(_ entry: JSONValue, than saved: Double?) -> Bool {
        guard let new = stamp(of: entry), let old = saved else { return true }
        return new > old
    }
}
