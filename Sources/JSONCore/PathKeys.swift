/// The object keys a `PathSegment` packs, by a 6-bit id: the containers an order's decoders
/// step into (the keys of every kept value's path) and the fields most often named below them.
/// Any other key is kept in a path as text, in a link.
enum PathKeys {
    /// At most 64: a key's id is its place here.
    static let names: [String] = [
        "_links", "additions", "addresses", "arrival_address", "attachments", "authorizations",
        "billing_address", "cancellations", "captures", "card", "comments", "company", "customer",
        "departure_address", "destinations", "dimension", "discount_lines", "discounts", "distance",
        "drivers", "drivers_id", "drop_off_address", "duration", "dynamic_payout", "email",
        "enrolled_by", "events", "external_ids", "external_links", "groups", "insurance", "items",
        "itinerary", "marketing_consent", "metadata", "passenger_id", "passengers", "payment_details",
        "payout", "pick_up_address", "refs", "refunds", "related_item", "request", "sessions",
        "shipping_address", "sms", "statistics", "store", "tax_lines", "term", "tickets", "waypoints",
        "amount", "id", "line_id", "line_ids", "gross_amount", "net_amount", "status", "order_number",
        "currency", "percentage", "quantity",
    ]

    static func name(_ id: UInt8) -> String { names[Int(id)] }

    static func id(_ key: String) -> UInt8? {
        var key = key  // `withUTF8` needs it mutable (it makes a foreign string contiguous)
        return key.withUTF8 { table.id(UnsafeRawBufferPointer($0)) }
    }

    static func id(_ key: StaticString) -> UInt8? {
        guard key.hasPointerRepresentation else { return nil }
        return table.id(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    private static let table = Table(names)

    /// An open-addressed table from a key's bytes to its id, in memory never freed, so a lookup
    /// counts no references (it runs for every path step a decoder takes).
    private struct Table: @unchecked Sendable {
        private static let slotCount = 256
        /// Slot → id + 1 (0: empty).
        private let slots: UnsafeMutablePointer<UInt8>
        /// The names' bytes one after another; name `i` runs from `starts[i]` to `starts[i + 1]`.
        private let bytes: UnsafeMutablePointer<UInt8>
        private let starts: UnsafeMutablePointer<Int>

        init(_ names: [String]) {
            precondition(names.count <= 64, "PathKeys packs ids in 6 bits")
            slots = .allocate(capacity: Table.slotCount)
            slots.initialize(repeating: 0, count: Table.slotCount)
            let all = names.flatMap { Array($0.utf8) }
            bytes = .allocate(capacity: max(all.count, 1))
            bytes.initialize(from: all, count: all.count)
            starts = .allocate(capacity: names.count + 1)
            var at = 0
            for (id, name) in names.enumerated() {
                starts[id] = at
                at += name.utf8.count
            }
            starts[names.count] = at
            for (id, name) in names.enumerated() {
                let utf8 = Array(name.utf8)
                var slot = utf8.withUnsafeBytes { Table.hash($0) }
                while slots[slot] != 0 { slot = (slot + 1) & (Table.slotCount - 1) }
                slots[slot] = UInt8(id + 1)
            }
        }

        func id(_ key: UnsafeRawBufferPointer) -> UInt8? {
            guard !key.isEmpty else { return nil }
            var slot = Table.hash(key)
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                let id = Int(entry) - 1
                let start = starts[id]
                let length = starts[id + 1] - start
                if length == key.count, Table.same(bytes + start, key) { return UInt8(id) }
                slot = (slot + 1) & (Table.slotCount - 1)
            }
        }

        private static func same(_ name: UnsafeMutablePointer<UInt8>, _ key: UnsafeRawBufferPointer) -> Bool {
            for i in 0..<key.count where name[i] != key[i] { return false }
            return true
        }

        private static func hash(_ key: UnsafeRawBufferPointer) -> Int {
            let n = key.count
            let mixed = n &* 131 &+ Int(key[0]) &* 31 &+ Int(key[n - 1]) &* 7 &+ Int(key[n / 2]) &* 3
            return mixed & (slotCount - 1)
        }
    }
}
