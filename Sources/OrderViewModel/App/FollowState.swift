import OrderIndex
import OrderModel
import OrderSources

/// `browse --api --follow`: how often the source is polled for new orders, and which orders the
/// polls brought (marked in the list; counted in the status bar). Polls never move the
/// selection or the scroll: new orders join the end of what is loaded.
public struct FollowState: Sendable, Equatable {
    /// Seconds between polls; nil when not following.
    public var every: Int?
    /// Orders a poll brought that were not loaded (marked `new`).
    public var newIDs: Set<String> = []
    /// Loaded orders a poll found with another status, payment status or amount (marked `chg`;
    /// their detail loads again when shown; the list row keeps the values it was loaded with).
    public var changedIDs: Set<String> = []

    public init(every: Int? = nil) {
        self.every = every
    }

    /// The list mark of an order: `new`, `chg` or nil.
    public func mark(for id: String) -> String? {
        if newIDs.contains(id) { return "new" }
        if changedIDs.contains(id) { return "chg" }
        return nil
    }
}

extension AppState {
    /// The newest `created_at` among the loaded orders, as an RFC 3339 instant: where a poll
    /// starts (inclusive, so orders created in the same second are not missed).
    public var newestCreatedAt: String? {
        var newest: Double?
        for summary in list.loaded {
            if let instant = summary.createdAt.flatMap(Timestamp.parse), instant > (newest ?? -.infinity) {
                newest = instant
            }
        }
        return newest.map { Timestamp.rfc3339(epochSeconds: $0) }
    }

    /// A poll's answer: orders not loaded are added after the loaded ones and marked new;
    /// loaded ones whose list columns differ are marked changed and dropped from the cache.
    mutating func followed(_ result: Result<[OrderSummary], SourceError>) -> [AppEffect] {
        switch result {
        case .failure(let error):
            status = .warning("follow: " + error.message)
            return []
        case .success(let summaries):
            var fresh: [OrderSummary] = []
            var freshIDs = Set<String>()
            var changed = 0
            for summary in summaries {
                if let known = list.summary(id: summary.id) {
                    guard
                        known.status != summary.status || known.paymentStatus != summary.paymentStatus
                            || known.grossAmount != summary.grossAmount
                    else { continue }
                    if follow.changedIDs.insert(summary.id).inserted { changed += 1 }
                    forget(id: summary.id)
                } else if freshIDs.insert(summary.id).inserted {
                    fresh.append(summary)
                }
            }
            list.append(fresh)
            follow.newIDs.formUnion(freshIDs)
            if !fresh.isEmpty || changed > 0 {
                status = .info("follow: \(fresh.count) new, \(changed) changed")
            }
            // The list may now need its next page for the viewport; the selection stays.
            return prefetchIfNeeded()
        }
    }
}
