import OrderIndex
import OrderModel

/// A source that can say which orders were created since a moment: `browse --follow` polls it
/// for new orders (and sees changes among the recent ones) while the operator browses.
public protocol FollowableSource: OrderSource {
    /// Orders created at or after `instant` (an RFC 3339 instant; nil: the newest page).
    func ordersCreated(since instant: String?, limit: Int) async throws(SourceError) -> [OrderSummary]
}
