import OrderViewModel
import Synchronization

/// Where background loads post their results for the UI loop, which drains it between key
/// reads; the only state shared across threads.
public final class Mailbox: Sendable {
    private let events = Mutex<[AppEvent]>([])

    public init() {}

    public func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
    }

    public func drain() -> [AppEvent] {
        events.withLock { pending in
            let all = pending
            pending.removeAll()
            return all
        }
    }
}
