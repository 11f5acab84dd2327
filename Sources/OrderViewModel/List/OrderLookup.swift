import OrderIndex
import OrderModel

/// `:order TEXT`: the loaded orders whose id or order number is `TEXT`, ignoring case, or
/// starts with it. Reads the store's bytes (no summary made per row), so it is quick on a
/// million orders.
extension ListState {
    /// Store positions of the orders matching `text`: the exact ones if any, else those that
    /// start with it; at most `limit`.
    func lookUp(_ text: String, limit: Int = 20) -> (exact: Bool, positions: [Int]) {
        let needle = Array(text.utf8).map(Self.foldASCII)
        guard !needle.isEmpty else { return (false, []) }
        var exact: [Int] = []
        var prefixed: [Int] = []
        for position in 0..<min(loadedCount, snapshot.count) {
            var best = 0  // 0: no match, 1: prefix, 2: exact
            for field in [SummaryField.id, .orderNumber] {
                guard let bytes = snapshot.field(field, row: position), bytes.count >= needle.count else {
                    continue
                }
                var matches = true
                for (offset, byte) in needle.enumerated() where Self.foldASCII(bytes[offset]) != byte {
                    matches = false
                    break
                }
                if matches { best = max(best, bytes.count == needle.count ? 2 : 1) }
            }
            if best == 2 {
                exact.append(position)
            } else if best == 1, prefixed.count < limit {
                prefixed.append(position)
            }
            if exact.count >= limit { break }
        }
        return exact.isEmpty ? (false, prefixed) : (true, exact)
    }

    /// The order number (or id) of a stored order, for messages.
    func name(ofPosition position: Int) -> String {
        let summary = snapshot.summary(at: position)
        return summary.orderNumber ?? summary.id
    }

    /// Selects the order at a store position when a row shows it; false when the filter hides it.
    mutating func select(position: Int) -> Bool {
        guard position < snapshot.count else { return false }
        return select(id: snapshot.id(row: position))
    }

    private static func foldASCII(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }
}
