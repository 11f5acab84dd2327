import Foundation
import OrderViewModel

/// Where background loads post their results for the UI loop, which drains it between key
/// reads; the only state shared across threads.
///
/// Guarded by `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`: on Linux the
/// latter is built from atomics in a library ThreadSanitizer does not instrument, so TSan
/// cannot see its ordering and reports every post/drain pair as a race
/// (Tests/Sanitizers/run.sh thread).
public final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AppEvent] = []

    public init() {}

    public func post(_ event: AppEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    public func drain() -> [AppEvent] {
        lock.lock()
        defer { lock.unlock() }
        let all = events
        events.removeAll()
        return all
    }
}
