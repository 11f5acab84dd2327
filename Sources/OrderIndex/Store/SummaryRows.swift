/// List rows built apart from any store, on the thread that scanned their orders (the second
/// half of a split scan), and later added to a store in one step (`SummaryStore.append(_:)`).
///
/// Filling a row (decoding its list columns) is most of what appending costs; done here, the
/// thread that takes the rows over only copies them and indexes their ids. An order without
/// an id is named after its row number ("#n"), which only the store knows: such an order is
/// kept as it is and filled when the rows are added.
package struct SummaryRows {
    /// The rows built, in order, in chunks that are never published themselves.
    private(set) var chunks: [SummaryChunk] = []
    /// Orders that need their row number, with their position among all the rows.
    private(set) var numbered: [(position: Int, order: ScannedOrder)] = []
    /// The number of rows, numbered ones included.
    package private(set) var count = 0
    /// Where the last order's bytes end (0 before the first).
    package private(set) var lastEnd = 0
    let base: UnsafePointer<UInt8>
    let file: Int
    private var record = SummaryRecord()

    /// Rows of orders in the bytes at `base`, of file number `file`.
    package init(base: UnsafePointer<UInt8>, file: Int) {
        self.base = base
        self.file = file
    }

    /// Builds the rows of `orders` (in file order).
    package mutating func add(_ orders: [ScannedOrder]) {
        for order in orders { add(order) }
    }

    private mutating func add(_ order: ScannedOrder) {
        defer {
            count += 1
            lastEnd = order.end
        }
        var needsNumber = false
        order.candidate.fill(&record, base: base) {
            needsNumber = true
            return ""
        }
        if needsNumber {
            numbered.append((count, order))
            return
        }
        locate(order, in: &record)
        // The hashes too: the store looks ids up by them.
        _ = SummaryChunk.append(record, to: &chunks)
    }

    /// The fill of a numbered order, named after its row number.
    func fill(_ order: ScannedOrder, row: Int, into record: inout SummaryRecord) {
        order.candidate.fill(&record, base: base) { "#\(row + 1)" }
        locate(order, in: &record)
    }

    /// Where the order's bytes lie, in `record`.
    private func locate(_ order: ScannedOrder, in record: inout SummaryRecord) {
        record.file = file
        record.start = order.start
        record.end = order.end
    }
}
