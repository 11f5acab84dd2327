import OrderIndex
import OrderModel
import Synchronization

/// Progress and stop for a long pass over many orders (an identifier search): the pass counts
/// the orders it has done and looks at `isStopped` between batches; the app loop reads the count
/// for the status bar and Esc stops it. Shared by reference between the loop and the workers.
public final class SearchControl: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let abandoned = Atomic<Bool>(false)
    private let doneCount = Atomic<Int>(0)
    /// How many orders the pass has to look at.
    public let total: Int

    public init(total: Int) {
        self.total = total
    }

    public func stop() { stopped.store(true, ordering: .relaxed) }
    public var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// Stops the pass because a newer one replaces it: its answer will be dropped, so the work
    /// after the pass (filtering the rows) is skipped too.
    public func abandon() {
        abandoned.store(true, ordering: .relaxed)
        stop()
    }
    public var isAbandoned: Bool { abandoned.load(ordering: .relaxed) }

    /// Orders looked at so far (of `total`).
    public var done: Int { doneCount.load(ordering: .relaxed) }
    public func advance(by count: Int) { doneCount.add(count, ordering: .relaxed) }
}

/// A source that can look for a text in the identifiers of its orders that the list's columns
/// do not hold (`OrderIdentifiers`): a dump, by a byte pass over each order's bytes.
public protocol IdentifierSearching: Sendable {
    /// The positions in `rows` of `snapshot` (the source's own store) whose order holds `needle`
    /// (folded, see `OrderIdentifiers.needle`) in an identifier field, personal ones left out
    /// when `redacted`. Positions in `known` are already matches and are not looked at again.
    /// Nil when `control` stopped the pass before the end.
    func identifierMatches(
        _ needle: [UInt8], rows: Range<Int>, snapshot: SummarySnapshot, known: PositionSet, redacted: Bool,
        control: SearchControl
    ) -> PositionSet?
}
