import Foundation
import JSONCore
import OrderModel
import Testing

@testable import OrderAnalysis
@testable import OrderViewModel

/// The anomaly checks of whole dumps skip what only the screens need (the timeline's entries,
/// the payout rows' texts); they must find exactly what the screens' full path finds.
@Suite("Anomaly checks without the screens' rows")
struct AnomalyFastPathTests {
    static func orders(_ relativePath: String) throws -> [Order] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent(relativePath))
        let json = try JSONParser.parse([UInt8](data))
        return (json.arrayValue ?? [json]).map(Order.init(json:))
    }

    @Test(arguments: [
        "Resources/demo-orders.json", "Resources/sample-orders.json", "Tests/Fixtures/model/seed-order.json",
        "Tests/Fixtures/dumps/hostile.json",
    ])
    func sameAnomaliesAsTheFullTimelineAndRows(file: String) throws {
        let orders = try Self.orders(file)
        #expect(!orders.isEmpty)
        var found = 0
        for order in orders {
            let full = PaymentTimeline(order: order)
            #expect(PaymentTimeline.problems(order: order) == full.problems)
            let fast = AnomalyChecker.check(order)
            #expect(fast == AnomalyChecker.check(order, timeline: full))
            found += fast.count
            for item in order.items {
                guard let tree = item.payout else { continue }
                let withRows = PayoutTreeRows(
                    tree: tree, basis: PayoutBasis(item: item), currency: order.currency)
                let checksOnly = PayoutTreeRows(
                    tree: tree, basis: PayoutBasis(item: item), currency: order.currency, withRows: false)
                #expect(checksOnly.rows.isEmpty)
                #expect(checksOnly.mismatchedNodes == withRows.mismatchedNodes)
                #expect(checksOnly.shareMismatches.map(\.node) == withRows.shareMismatches.map(\.node))
                #expect(checksOnly.shareMismatches.map(\.whole) == withRows.shareMismatches.map(\.whole))
                #expect(checksOnly.rootMismatch == withRows.rootMismatch)
                #expect(checksOnly.rootSum == withRows.rootSum)
            }
        }
        // The fixtures hold planted anomalies: the comparison is not of two empty lists.
        if file.hasPrefix("Resources") { #expect(found > 0) }
    }

    @Test func overflowOrderIsTheTimelinesOrder() throws {
        // Captures overflow before authorizations in time, though authorizations come first in
        // the file: the fast path must report them in time order, as the timeline does.
        let order = try Fixtures.order(
            """
            {"id": "o", "currency": "NOK",
             "authorizations": [{"amount": 9223372036854775807, "created_at": "2024-01-02T00:00:00Z"},
                                {"amount": 9223372036854775807, "created_at": "2024-01-03T00:00:00Z"}],
             "captures": [{"amount": 9223372036854775807, "created_at": "2024-01-01T00:00:00Z"},
                          {"amount": 9223372036854775807, "created_at": "2024-01-01T01:00:00Z"}],
             "sessions": [{"id": "s", "created_at": "2023-12-31T00:00:00Z", "amount": 5}]}
            """)
        let full = PaymentTimeline(order: order)
        #expect(full.totals.overflowed.count == 2)
        #expect(PaymentTimeline.problems(order: order) == full.problems)
        #expect(AnomalyChecker.check(order) == AnomalyChecker.check(order, timeline: full))
    }
}
