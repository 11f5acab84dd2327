import OrderIndex
import OrderModel

/// How far the background index of a dump has got: what the status bar shows while the list
/// grows, and the problems found so far (a truncated tail is found only at the end).
public struct IndexProgress: Sendable, Equatable {
    /// Orders indexed so far (rows in the store).
    public var orders: Int
    /// Bytes scanned so far, over all files.
    public var bytes: Int
    /// Bytes to scan in all (the mapped or inflated size of every file).
    public var totalBytes: Int
    /// True once every file has been scanned.
    public var finished: Bool
    /// Every problem found so far, in the order found.
    public var problems: [SourceProblem]

    public init(orders: Int, bytes: Int, totalBytes: Int, finished: Bool, problems: [SourceProblem] = []) {
        self.orders = orders
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.finished = finished
        self.problems = problems
    }

    /// Whole percent of the bytes scanned (100 only when finished).
    public var percent: Int {
        if finished { return 100 }
        guard totalBytes > 0 else { return 0 }
        return min(99, bytes * 100 / totalBytes)
    }
}

/// The summaries of a source shared by reference instead of copied into each page: the store
/// and how many of its rows are ready. Equal when it is the same store and count.
public struct SharedSummaries: Sendable, Equatable {
    public let store: SummaryStore
    public let count: Int
    /// True when the source will add no more rows.
    public let complete: Bool

    public init(store: SummaryStore, count: Int, complete: Bool) {
        self.store = store
        self.count = count
        self.complete = complete
    }

    public static func == (lhs: SharedSummaries, rhs: SharedSummaries) -> Bool {
        lhs.store === rhs.store && lhs.count == rhs.count && lhs.complete == rhs.complete
    }
}
