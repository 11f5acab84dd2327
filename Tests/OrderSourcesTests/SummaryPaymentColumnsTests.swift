import Foundation
import OrderModel
import Testing

@testable import OrderSources

/// The summary columns the summary view groups and sums by (payment sums, payment product,
/// order and customer type, reservation kinds), read from the bytes by the index, must equal
/// what the decoded order says.
@Suite("Summary payment columns from the index")
struct SummaryPaymentColumnsTests {
    static let orders = """
        [
        {"id": "a", "currency": "NOK", "gross_amount": 1000, "type": "payment", "customer": {"type": "company", "first_name": "Ada"},
         "captures": [{"amount": 600, "success": true, "payment_details": {"psp": "Bambora", "payment_product": "bambora"}},
                      {"amount": 50, "success": false}],
         "authorizations": [{"amount": 1000, "payment_details": {"payment_product": "vipps", "payment_product_type": "vipps", "card": {"masked_pan": "4444 **** **** 4448"}}}],
         "refunds": [{"amount": 900, "items": [{"line_id": "1", "amount": 900}]}],
         "cancellations": [{"amount": 100}, {"id": "no-amount"}],
         "attachments": [{"train_reservation": {"booking_id": "TV 1"}}, {"bus_reservation": {"booking_id": "B 2"}, "train_reservation": {}}]},
        {"id": "b", "currency": "SEK", "status": "open"},
        {"id": "c", "gross_amount": 5, "authorizations": [{"amount": 9223372036854775807}, {"amount": 1}],
         "captures": [{"amount": 7, "payment_details": {"psp": "Dintero"}}]}
        ]
        """

    @Test func indexAgreesWithTheDecodedOrders() async throws {
        let directory = try TempDirectory()
        let path = try directory.write("orders.json", Self.orders)
        let source = try DumpSource.open(paths: [path])
        #expect(source.count == 3)
        for (index, summary) in source.summaries.enumerated() {
            let order = try await source.order(id: summary.id)
            let decoded = OrderSummary(order: order)
            #expect(summary.payments == decoded.payments, "order \(index)")
            #expect(summary.paymentProduct == decoded.paymentProduct, "order \(index)")
            #expect(summary.orderType == decoded.orderType, "order \(index)")
            #expect(summary.customerType == decoded.customerType, "order \(index)")
            #expect(summary.reservationKinds == decoded.reservationKinds, "order \(index)")
            #expect(summary.maskedPANs == decoded.maskedPANs, "order \(index)")
            #expect(summary.bookingIDs.sorted() == decoded.bookingIDs.sorted(), "order \(index)")
        }
        let first = source.summaries[0]
        #expect(first.payments == PaymentSums(authorized: 1000, captured: 600, refunded: 900, cancelled: 100))
        #expect(first.paymentProduct == "vipps")  // authorizations come first, as Order.operations
        #expect(first.orderType == "payment")
        #expect(first.customerType == "company")
        #expect(first.customerFirstName == "Ada")
        #expect(first.reservationKinds == ["bus", "train"])
        #expect(source.summaries[1].payments == PaymentSums())
        // The authorizations of c overflow: out of range, never wrapped.
        #expect(
            source.summaries[2].payments
                == PaymentSums(authorized: nil, captured: 7, refunded: 0, cancelled: 0))
        #expect(source.summaries[2].paymentProduct == "Dintero")
    }

    /// The demo dataset covers every status, payment state, currency, PSP, reservation kind and
    /// planted anomaly: each of its 300 orders indexed from bytes equals its decoded summary.
    @Test func theDemoDatasetIndexedEqualsDecoded() async throws {
        let path = URL(fileURLWithPath: Fixtures.directory).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/demo-orders.json").path
        let source = try DumpSource.open(paths: [path])
        #expect(source.count == 300)
        var withPayments = 0
        var withReservations = 0
        for summary in source.summaries {
            var decoded = OrderSummary(order: try await source.order(id: summary.id))
            decoded.anomalyCount = summary.anomalyCount
            // Booking ids come in file order from the index, in reservation-kind order decoded.
            #expect(Set(summary.bookingIDs) == Set(decoded.bookingIDs))
            decoded.bookingIDs = summary.bookingIDs
            #expect(summary == decoded, "order \(summary.id)")
            if summary.payments != PaymentSums() { withPayments += 1 }
            if !summary.reservationKinds.isEmpty { withReservations += 1 }
        }
        #expect(withPayments > 200 && withReservations > 10, "\(withPayments) \(withReservations)")
    }
}
