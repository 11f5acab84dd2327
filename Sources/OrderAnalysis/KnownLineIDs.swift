import OrderModel

/// The line ids of an order's items, to look up the ids attachments and itinerary legs name.
///
/// Orders have a handful of items, so a scan of them answers faster than a set costs to build
/// (hashing every id); past `setThreshold` items a set keeps the lookups constant, so an order
/// with thousands of items and ids stays linear.
struct KnownLineIDs {
    /// More items than this are looked up through a set.
    static let setThreshold = 16

    private let items: [OrderItem]
    private let set: Set<LineID>?

    init(_ items: [OrderItem]) {
        self.items = items
        if items.count > Self.setThreshold {
            var set = Set<LineID>(minimumCapacity: items.count)
            for index in items.indices {
                if let id = items[index].lineID { set.insert(id) }
            }
            self.set = set
        } else {
            set = nil
        }
    }

    /// True when an item has line id `id`.
    func contains(_ id: LineID) -> Bool {
        if let set { return set.contains(id) }
        for index in items.indices where items[index].lineID == id { return true }
        return false
    }
}
