import Foundation
import JSONCore
import OrderIndex
import OrderModel
import Synchronization

/// The identifier search of a dump: a byte pass over each order's bytes in the mapped file
/// (the same eight-bytes-at-a-time search as the list's text), on both cores, and for each
/// order whose bytes hold the text, a parse of that order alone to confirm that the text is
/// inside an identifier field (`OrderIdentifiers`) and not, say, in an item's description.
///
/// The pass keeps nothing: it costs no memory beyond its answer (one bit per order; the list
/// keeps the answers per text), and the dump's pages stay file-backed (RssFile, not RssAnon).
extension DumpSource: IdentifierSearching {
    public var identifierSearch: (any IdentifierSearching)? { self }

    /// Orders per batch a worker takes at a time; between batches it reports progress and looks
    /// at the stop flag, so Esc ends a pass within one batch.
    static let identifierBatch = 4_096

    public func identifierMatches(
        _ needle: [UInt8], rows: Range<Int>, snapshot: SummarySnapshot, known: PositionSet, redacted: Bool,
        control: SearchControl
    ) -> PositionSet? {
        let rows = rows.clamped(to: 0..<snapshot.count)
        guard !needle.isEmpty, !rows.isEmpty else { return PositionSet() }
        // A quote or backslash is written escaped inside a JSON string: the bytes cannot be
        // searched for it, so every order is parsed.
        let searchable = !needle.contains(0x22) && !needle.contains(0x5C)
        let batches = (rows.count + Self.identifierBatch - 1) / Self.identifierBatch
        let next = BatchCounter()
        let workers = min(2, batches)
        let found = UncheckedBox(UnsafeMutableBufferPointer<[Int]>.allocate(capacity: workers))
        found.value.initialize(repeating: [])
        defer {
            _ = found.value.deinitialize()
            found.value.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var mine: [Int] = []
            while !control.isStopped {
                let batch = next.take()
                guard batch < batches else { break }
                let low = rows.lowerBound + batch * Self.identifierBatch
                let high = min(rows.upperBound, low + Self.identifierBatch)
                for position in low..<high where !known.contains(position) {
                    if orderHolds(
                        needle, at: position, snapshot: snapshot, prefilter: searchable, redacted: redacted)
                    {
                        mine.append(position)
                    }
                }
                control.advance(by: high - low)
            }
            found.value[worker] = mine
        }
        if control.isStopped { return nil }
        var result = PositionSet()
        for part in found.value { for position in part { result.insert(position) } }
        return result
    }

    /// True when order `position`'s bytes hold `needle` and, parsed, one of its identifiers does.
    private func orderHolds(
        _ needle: [UInt8], at position: Int, snapshot: SummarySnapshot, prefilter: Bool, redacted: Bool
    ) -> Bool {
        let location = snapshot.location(row: position)
        let whole = regions[location.file].bytes
        guard location.start < location.end, location.end <= whole.count else { return false }
        let slice = UnsafeRawBufferPointer(rebasing: whole[location.start..<location.end])
        if prefilter {
            guard let base = slice.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
            // Only a hit inside the value of an identifier key can be one: most hits of a
            // common text (a currency, a word of a description) are dismissed without a parse.
            var from = 0
            var candidate = false
            while let hit = TextSearch.find(needle, in: base, from: from, to: slice.count) {
                if IdentifierKeys.mayHold(base, hit: hit) {
                    candidate = true
                    break
                }
                from = hit + 1
            }
            guard candidate else { return false }
        }
        // A damaged order cannot be confirmed; opening it reports where it is broken.
        guard let json = try? JSONParser.parse(slice) else { return false }
        return OrderIdentifiers.contains(OrderIdentifiers.of(json), needle, redacted: redacted)
    }
}

/// Which key a byte offset of an order's JSON is the string value of, read backwards from the
/// offset: inside a string there is no unescaped quote, so the last one before a hit in a value
/// opens it, a `:` comes before that, and the key's closing quote before the `:`.
enum IdentifierKeys {
    /// The keys `OrderIdentifiers` reads values of.
    static let keys: Set<[UInt8]> = Set(
        [
            "id", "order_id", "transaction_id", "session_id", "payment_id", "psp_reference",
            "merchant_reference", "external_id", "store_id", "authorization_id", "email", "phone_number",
        ].map { Array($0.utf8) })

    /// False only when the hit at `hit` is certainly not inside the string value of an
    /// identifier key (a key written with escapes is not judged: true).
    static func mayHold(_ base: UnsafePointer<UInt8>, hit: Int) -> Bool {
        guard let open = quote(before: hit, in: base) else { return false }
        var at = open - 1
        while at >= 0, isSpace(base[at]) { at -= 1 }
        guard at >= 0, base[at] == UInt8(ascii: ":") else { return false }
        at -= 1
        while at >= 0, isSpace(base[at]) { at -= 1 }
        guard at >= 0, base[at] == UInt8(ascii: "\"") else { return false }
        let keyEnd = at
        guard let keyStart = quote(before: keyEnd, in: base) else { return false }
        let key = UnsafeBufferPointer(start: base + keyStart + 1, count: keyEnd - keyStart - 1)
        if key.contains(UInt8(ascii: "\\")) { return true }
        return keys.contains(Array(key))
    }

    /// The offset of the last unescaped quote before `offset`, or nil.
    private static func quote(before offset: Int, in base: UnsafePointer<UInt8>) -> Int? {
        var at = offset - 1
        while at >= 0 {
            if base[at] == UInt8(ascii: "\"") {
                var slashes = 0
                while at - 1 - slashes >= 0, base[at - 1 - slashes] == UInt8(ascii: "\\") { slashes += 1 }
                if slashes % 2 == 0 { return at }
            }
            at -= 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// Hands out batch numbers to the workers of a pass, each once.
private final class BatchCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
