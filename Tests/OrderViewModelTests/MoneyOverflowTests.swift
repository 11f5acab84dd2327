import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

/// Issue 22 item 13: sums of amounts near the Int64 limit are reported, never wrapped.
@Suite struct MoneyOverflowTests {
    /// Two authorizations of Int64.max and a capture of 2 897.00 NOK: the authorized sum wrapped
    /// to -2 and the order read as "captured 2 897.00 NOK is more than the -0.02 NOK authorized".
    static let twoMaxAuthorizations = """
        {"id":"big","currency":"NOK","gross_amount":289700,"payment_status":"paid",
         "payment_details":{"remaining_capture_amount":0},
         "authorizations":[{"id":"a1","amount":9223372036854775807,"success":true,"processed_at":"2024-01-01T10:00:00Z"},
                           {"id":"a2","amount":9223372036854775807,"success":true,"processed_at":"2024-01-01T11:00:00Z"}],
         "captures":[{"id":"c1","amount":289700,"success":true,"processed_at":"2024-01-02T10:00:00Z"}]}
        """

    @Test func twoMaximalAuthorizationsAreAnOverflowNotAWrap() throws {
        let order = try Fixtures.order(Self.twoMaxAuthorizations)
        let timeline = PaymentTimeline(order: order)
        #expect(timeline.totals.overflowed == [.authorization])
        #expect(timeline.totals.total(.authorization) == nil)
        #expect(timeline.totals.capturable == nil)
        #expect(timeline.totals.refundable == 289700)
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.moneyOverflow], "\(anomalies.map(\.message))")
        let message = try #require(anomalies.first?.message)
        #expect(
            message.hasPrefix("the authorizations add up to more than the largest amount that can be counted")
        )
        #expect(anomalies.first?.jsonPath == ".authorizations")
        #expect(!anomalies.contains { $0.message.contains("-0.02") })
        #expect(
            timeline.entries.last?.totals.text(order.currency).hasPrefix(
                "authorized out of range · captured 2 897.00 NOK") == true)
    }

    @Test func differencesThatLeaveInt64AreUnknownNotWrapped() {
        var totals = PaymentTotals(authorized: Int64.min + 1, captured: 2)
        #expect(totals.capturable == nil)
        totals = PaymentTotals(captured: Int64.max, refunded: -1)
        #expect(totals.refundable == nil)
        totals = PaymentTotals(authorized: 10, captured: 4, cancelled: 1)
        #expect(totals.capturable == 5)
        #expect(totals.refundable == 4)
    }
}
