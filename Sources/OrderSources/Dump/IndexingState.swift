import Foundation
import OrderIndex
import OrderModel

/// The shared state of one dump's index while a background thread builds it: progress,
/// problems, and a condition that `openInBackground` waits on for the first screenful.
///
/// `@unchecked Sendable`: every stored property is read and written under `condition`.
final class IndexingState: @unchecked Sendable {
    private let condition = NSCondition()
    private var current: IndexProgress
    private var failure: SourceError?
    private let started = ContinuousClock.now
    private var ended: ContinuousClock.Instant?

    init(totalBytes: Int) {
        current = IndexProgress(orders: 0, bytes: 0, totalBytes: totalBytes, finished: false)
    }

    /// From the start of indexing to its end (nil while it runs): the benchmark's index time,
    /// taken when the work ended rather than when someone next looked.
    var duration: Duration? {
        condition.lock()
        defer { condition.unlock() }
        return ended.map { $0 - started }
    }

    var progress: IndexProgress {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    func advance(bytes: Int, orders: Int) {
        condition.lock()
        current.bytes = max(current.bytes, bytes)
        current.orders = orders
        condition.broadcast()
        condition.unlock()
    }

    func report(_ problems: [SourceProblem]) {
        guard !problems.isEmpty else { return }
        condition.lock()
        current.problems += problems
        condition.unlock()
    }

    func finish(orders: Int) {
        condition.lock()
        current.orders = orders
        current.bytes = current.totalBytes
        current.finished = true
        ended = ended ?? .now
        condition.broadcast()
        condition.unlock()
    }

    /// Indexing stopped with an error (before any order, or a hard failure).
    func fail(_ error: SourceError) {
        condition.lock()
        if current.orders == 0 {
            failure = error
        } else {
            current.problems.append(SourceProblem(file: "", message: error.message))
        }
        current.bytes = current.totalBytes
        current.finished = true
        ended = ended ?? .now
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `orders` rows are in the store or indexing has ended; returns the error that
    /// left no order at all, if that is how it ended.
    func waitForOrders(_ orders: Int, store: SummaryStore) -> SourceError? {
        condition.lock()
        defer { condition.unlock() }
        while !current.finished && current.orders < orders { condition.wait() }
        return failure
    }
}
