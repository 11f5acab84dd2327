import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

@Suite struct PaymentTimelineTests {
    static let handMade = """
        {"id":"t1","currency":"NOK","gross_amount":1000,"net_amount":1000,"payment_status":"partially_refunded",
         "items":[{"line_id":1,"gross_amount":1000,"net_amount":1000,"description":"Chair"}],
         "payment_details":{"remaining_capture_amount":0,"remaining_refund_amount":800},
         "sessions":[{"id":"s1","created_at":"2024-01-01T09:00:00Z","amount":1000,"items":[{"line_id":"1","amount":1000}]}],
         "authorizations":[{"id":"a1","amount":1000,"success":true,"processed_at":"2024-01-01T10:00:00Z",
            "payment_details":{"psp":"Bambora","payment_product_type":"bambora.creditcard",
              "card":{"brand":"Visa","type":"Credit","masked_pan":"4444 **** **** 4448"}},
            "items":[{"line_id":1,"amount":1000}]}],
         "captures":[
            {"id":"c1","amount":600,"success":true,"processed_at":"2024-01-02T10:00:00Z","items":[{"line_id":1,"amount":600}]},
            {"id":"c2","amount":400,"success":true,"processed_at":"2024-01-03T10:00:00Z"},
            {"id":"c3","amount":300,"success":false,"processed_at":"2024-01-02T12:00:00Z"}],
         "refunds":[{"id":"r1","amount":200,"success":true,"processed_at":"2024-01-04T10:00:00Z"}],
         "events":[{"id":"e1","request":{"method":"POST","path":"/orders/t1"}}]}
        """

    @Test func entriesInTimeOrderWithRunningTotals() throws {
        let order = try Fixtures.order(Self.handMade)
        let timeline = PaymentTimeline(order: order)
        #expect(
            timeline.entries.map(\.kind) == [
                .session, .authorization, .capture, .capture, .capture, .refund, .event,
            ])
        #expect(timeline.entries.map(\.amount) == [1000, 1000, 600, 300, 400, 200, nil])
        #expect(timeline.entries.map(\.success) == [nil, true, true, false, true, true, nil])
        #expect(
            timeline.entries.map(\.target) == [
                .session(0), .operation(kind: "authorization", index: 0),
                .operation(kind: "capture", index: 0),
                .operation(kind: "capture", index: 2), .operation(kind: "capture", index: 1),
                .operation(kind: "refund", index: 0), .event(0),
            ])
        #expect(timeline.entries.map(\.totals.authorized) == [0, 1000, 1000, 1000, 1000, 1000, 1000])
        #expect(timeline.entries.map(\.totals.captured) == [0, 0, 600, 600, 1000, 1000, 1000])
        #expect(timeline.entries.map(\.totals.refunded) == [0, 0, 0, 0, 0, 200, 200])
        #expect(timeline.entries.map(\.totals.capturable) == [0, 1000, 400, 400, 0, 0, 0])
        #expect(timeline.entries.map(\.totals.refundable) == [0, 0, 600, 600, 1000, 800, 800])
        #expect(
            timeline.totals == PaymentTotals(authorized: 1000, captured: 1000, refunded: 200, cancelled: 0))

        let auth = timeline.entries[1]
        #expect(auth.timeText == "2024-01-01T10:00:00Z")
        #expect(auth.psp == "Bambora")
        #expect(auth.product == "bambora.creditcard")
        #expect(auth.cardText == "Visa Credit 4444 **** **** 4448")
        #expect(auth.lineIDs == [1])
        #expect(auth.summary == "authorization 10.00 NOK ✓ Bambora Visa Credit 4444 **** **** 4448 line 1")
        #expect(timeline.entries[3].summary == "capture 3.00 NOK ✗ failed")
        #expect(timeline.entries[0].summary == "session 10.00 NOK line 1")
        #expect(timeline.entries[6].summary == "event POST /orders/t1")
        #expect(timeline.entries[6].timeText == "")
    }

    @Test func checksAgreeForConsistentOrder() throws {
        let timeline = PaymentTimeline(order: try Fixtures.order(Self.handMade))
        #expect(timeline.problems.isEmpty)
        #expect(
            timeline.checks.map(\.message) == [
                "remaining_capture_amount 0.00 NOK matches to capture",
                "remaining_refund_amount 8.00 NOK matches to refund",
                "partially_refunded agrees with the operations",
            ])
    }

    @Test func equalTimesKeepKindOrderAndMissingTimesGoLast() throws {
        let order = try Fixtures.order(
            """
            {"captures":[{"amount":1,"processed_at":"2024-01-01T00:00:00Z"},{"amount":2}],
             "authorizations":[{"amount":3,"processed_at":"2024-01-01T00:00:00Z"},{"amount":4,"created_at":"2023-12-31T23:00:00+00:00"}],
             "refunds":[{"amount":5,"processed_at":"2024-01-01T01:00:00+01:00"}]}
            """)
        let timeline = PaymentTimeline(order: order)
        #expect(timeline.entries.map(\.amount) == [4, 3, 1, 5, 2])
    }

    @Test func mismatchesProducePlainLanguageChecks() throws {
        let order = try Fixtures.order(
            """
            {"currency":"NOK","net_amount":1000,"payment_status":"paid",
             "payment_details":{"remaining_capture_amount":100,"remaining_refund_amount":0},
             "authorizations":[{"amount":1000,"success":true}],
             "captures":[{"amount":600,"success":true}]}
            """)
        let timeline = PaymentTimeline(order: order)
        #expect(
            timeline.problems.map(\.message) == [
                "remaining_capture_amount is 1.00 NOK but the operations leave 4.00 NOK to capture",
                "remaining_refund_amount is 0.00 NOK but the operations leave 6.00 NOK to refund",
                "payment status is paid but only 6.00 NOK of the net amount 10.00 NOK was captured",
            ])
        #expect(
            timeline.problems.map(\.jsonPath) == [
                ".payment_details.remaining_capture_amount", ".payment_details.remaining_refund_amount",
                ".payment_status",
            ])
    }

    @Test func timelineRowsShowTotalsAndChecks() throws {
        let timeline = PaymentTimeline(order: try Fixtures.order(Self.handMade))
        let rows = timeline.rows()
        #expect(rows.first?.label == "2024-01-01T09:00:00Z")
        #expect(
            rows[2].value
                == "authorized 10.00 NOK · captured 0.00 NOK · refunded 0.00 NOK · cancelled 0.00 NOK · capturable 10.00 NOK · refundable 0.00 NOK"
        )
        #expect(rows.contains { $0.tone == .bad && $0.value == "capture 3.00 NOK ✗ failed" })
        #expect(rows.last?.value == "✓ partially_refunded agrees with the operations")
    }
}
