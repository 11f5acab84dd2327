import Foundation

/// Holds a fetch task for whoever must cancel it (`fetch`'s SIGINT handler, a progress
/// callback), which may be set up before the task exists: a cancel that arrives first is
/// applied when the task is attached.
public final class FetchCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Int, any Error>?
    private var cancelled = false

    public init() {}

    public func attach(_ task: Task<Int, any Error>) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
