import Foundation

/// Cancels a fetch task for whoever must (`fetch`'s SIGINT handler, a progress callback), which
/// may be set up before the task exists: a cancel that arrives first is applied when the task
/// is attached.
public final class FetchCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelTask: (@Sendable () -> Void)?
    private var cancelled = false

    public init() {}

    public func attach<Success: Sendable>(_ task: Task<Success, any Error>) {
        lock.lock()
        cancelTask = { task.cancel() }
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        let cancelTask = self.cancelTask
        lock.unlock()
        cancelTask?()
    }
}
