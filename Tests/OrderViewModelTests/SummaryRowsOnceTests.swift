import OrderModel
import Testing

@testable import OrderViewModel

/// The order's summary says each identifier once: `order_id` shows only when it differs from
/// both the id and the order number.
@Suite("Summary rows said once")
struct SummaryRowsOnceTests {
    static func labels(_ json: String) throws -> [String] {
        let order = try Fixtures.order(json)
        return OrderScreens.root(order, anomalies: []).section("summary")?.rows.map(\.label) ?? []
    }

    @Test func orderIDEqualToTheOrderNumberIsNotRepeated() throws {
        let labels = try Self.labels(#"{"id": "abc", "order_id": "SO-1", "order_number": "SO-1"}"#)
        #expect(labels.contains("Order number"))
        #expect(!labels.contains("Order ID"))
    }

    @Test func orderIDEqualToTheIDIsNotRepeated() throws {
        let labels = try Self.labels(#"{"id": "abc", "order_id": "abc", "order_number": "SO-1"}"#)
        #expect(!labels.contains("Order ID"))
    }

    @Test func aDifferentOrderIDShows() throws {
        let labels = try Self.labels(#"{"id": "abc", "order_id": "merchant-9", "order_number": "SO-1"}"#)
        #expect(labels.contains("Order ID"))
    }
}
