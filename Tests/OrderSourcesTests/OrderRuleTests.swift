import Foundation
import OrderIndex
import Testing

@testable import OrderSources

/// What counts as an order (`OrderCandidate.isOrder`), on Dintero's own shapes: the documentation
/// order is one; checkout sessions, session lists, transaction items, transactions and payment
/// operations are refused with a name for what they are.
@Suite("What is an order")
struct OrderRuleTests {
    private static func refusal(_ name: String) -> String? {
        let path = Fixtures.path("dintero/" + name)
        guard
            case .notOrders(_, let found)? =
                (Result { () throws(SourceError) in try DumpSource.open(paths: [path]) }).failureValue
        else { return nil }
        return found
    }

    @Test func theDocumentationOrderAndTheSeedAreOrders() throws {
        #expect(try DumpSource.open(paths: [Fixtures.path("example-order.json")]).count == 1)
        let model = Fixtures.directory + "/../model/"
        #expect(try DumpSource.open(paths: [model + "order-store-get.docs-example.json"]).count == 1)
        #expect(try DumpSource.open(paths: [model + "seed-order.json"]).count == 1)
    }

    @Test func aCheckoutSessionIsNotAnOrder() {
        #expect(
            Self.refusal("checkout-session.json")?.hasPrefix("a checkout session (keys: id, created_at")
                == true)
        #expect(Self.refusal("session-create-response.json") == "a checkout session (keys: id, url)")
    }

    @Test func aSessionListIsNotTenBlankOrders() {
        #expect(
            Self.refusal("session-list.json")?.hasPrefix("a checkout session list (keys: id, created_at")
                == true)
    }

    @Test func transactionItemsAreNotOrders() {
        #expect(
            Self.refusal("transaction-items.json")
                == "a transaction item list (keys: id, line_id, description, quantity, amount, vat_amount, vat)"
        )
    }

    @Test func transactionsAndPaymentOperationsAreNotOrders() {
        #expect(
            Self.refusal("transactions.json")?.hasPrefix(
                "a payment transaction list (keys: id, merchant_reference") == true)
        #expect(
            Self.refusal("cancellation.json")?.hasPrefix("a payment operation (keys: id, created_at") == true)
        #expect(Self.refusal("authorization-list.json") == "a payment operation list (keys: authorizations)")
        let model = Fixtures.directory + "/../model/"
        let session =
            (Result { () throws(SourceError) in
                try DumpSource.open(paths: [model + "order-session-get.docs-example.json"])
            }).failureValue
        guard case .notOrders(_, let found)? = session else {
            Issue.record("the payment session of an order was taken for an order")
            return
        }
        #expect(found.hasPrefix("a payment operation (keys: items, id"))
    }

    @Test func ordersWithFewFieldsStillOpen() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "few.json",
            #"[{"id": "a", "status": "open"}, {"order_number": "SO-2"}, {"id": "c", "payment_status": "paid"}, {"gross_amount": 5, "currency": "NOK"}]"#
        )
        #expect(try DumpSource.open(paths: [file]).summaries.map(\.id) == ["a", "#2", "c", "#4"])
        // An id alone, or an id with keys no order has, says nothing about being an order.
        let bare = try dir.write("bare.json", #"[{"id": "a"}, {"id": "b", "name": "Store"}]"#)
        #expect(throws: SourceError.self) { try DumpSource.open(paths: [bare]) }
    }

    @Test func aDumpMixingOrdersAndOtherObjectsKeepsTheOrdersAndSaysWhereEachOtherIs() throws {
        let dir = try TempDirectory()
        let cancellation = try String(
            contentsOfFile: Fixtures.path("dintero/cancellation.json"), encoding: .utf8)
        let compact = try JSONSerialization.data(
            withJSONObject: try JSONSerialization.jsonObject(with: Data(cancellation.utf8)),
            options: [.sortedKeys])
        let other = String(decoding: compact, as: UTF8.self)
        let file = try dir.write(
            "mixed.json",
            "[\n{\"id\": \"o1\", \"currency\": \"NOK\"},\n" + other
                + ",\n{\"id\": \"o2\", \"currency\": \"NOK\"},\n"
                + "{\"id\": \"s1\", \"url\": \"https://checkout.dintero.com/v1/view/s1\"}\n]")
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.id) == ["o1", "o2"])
        #expect(source.problems.map(\.line) == [3, 5])
        #expect(source.problems.map(\.column) == [1, 1])
        #expect(
            source.problems[0].message.hasPrefix("not an order: a payment operation (keys: _links, amount"))
        #expect(
            source.problems[1].message == "not an order: a checkout session (keys: id, url); it was skipped")
    }
}
