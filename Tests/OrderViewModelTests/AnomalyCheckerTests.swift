import JSONCore
import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

@Suite struct AnomalyCheckerTests {
    /// A synthetic order where everything adds up: two items with 25 % VAT included in the
    /// price, a payout tree per item, authorization, two captures, a refund, payment details and
    /// status that agree, and a train reservation pointing at an existing line.
    static let clean = """
        {"id":"clean","order_number":"1001","currency":"NOK","status":"open","payment_status":"partially_refunded",
         "gross_amount":15000,"total_discount":2500,"net_amount":12500,
         "items":[
           {"line_id":1,"description":"Ticket","quantity":1,"gross_amount":10000,"net_amount":10000,
            "tax_lines":[{"amount":2000,"percentage":25,"tax_basis":8000,"included_in_price":true}],
            "payout":{"destinations":[{"type":"percentage","value":"90","amount":9000,
               "destinations":[{"amount":4500},{"amount":4500}]},{"amount":1000}]}},
           {"line_id":2,"description":"Seat","quantity":1,"gross_amount":5000,"net_amount":2500,
            "discount_lines":[{"amount":2500,"line_id":2}],
            "tax_lines":[{"amount":500,"percentage":25,"tax_basis":2000,"included_in_price":true}]}],
         "payment_details":{"remaining_capture_amount":0,"remaining_refund_amount":11500,"remaining_cancellation_amount":0},
         "authorizations":[{"amount":12500,"success":true,"processed_at":"2024-01-01T10:00:00Z"}],
         "captures":[{"amount":10000,"success":true,"processed_at":"2024-01-02T10:00:00Z"},
                     {"amount":2500,"success":true,"processed_at":"2024-01-03T10:00:00Z"}],
         "refunds":[{"amount":1000,"success":true,"processed_at":"2024-01-04T10:00:00Z"}],
         "itinerary":[{"travel_mode":"TRAIN","line_ids":[1]}],
         "attachments":[{"train_reservation":{"booking_id":"NE 138 47794","line_ids":[1,2]}}]}
        """

    static func broken(_ edit: (inout JSONObject) -> Void) throws -> Order {
        guard case .object(var object) = try JSONParser.parse(clean) else { throw CheckError.notObject }
        edit(&object)
        return Order(json: .object(object))
    }

    enum CheckError: Error { case notObject }

    static func kinds(_ order: Order) -> [Anomaly.Kind] { AnomalyChecker.check(order).map(\.kind) }

    @Test func cleanOrderHasNoAnomalies() throws {
        let order = try Fixtures.order(Self.clean)
        #expect(AnomalyChecker.check(order) == [])
        #expect(PaymentTimeline(order: order).problems.isEmpty)
        let summary = OrderSummary(analysing: order)
        #expect(summary.anomalyCount == 0)
        #expect(OrderScreens.root(order, anomalies: []).section("anomalies") == nil)
    }

    @Test func grossMinusDiscountIsNotNet() throws {
        let order = try Self.broken { $0.set("total_discount", .number("2000")) }
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.totals])
        #expect(
            anomalies.first?.message
                == "gross 150.00 NOK − total discount 20.00 NOK = 130.00 NOK, but net is 125.00 NOK (differs by -5.00 NOK)"
        )
        #expect(anomalies.first?.jsonPath == ".net_amount")
        let root = OrderScreens.root(order, anomalies: anomalies)
        #expect(root.section("summary")?.rows.last?.value == "✗ differs by -5.00 NOK")
        #expect(root.section("anomalies")?.rows.map(\.tone) == [.bad])
    }

    @Test func itemSumsDifferFromOrder() throws {
        let order = try Self.broken {
            $0.set("gross_amount", .number("16000"))
            $0.set("net_amount", .number("13500"))
        }
        let anomalies = AnomalyChecker.check(order).filter { $0.kind == .itemsGross || $0.kind == .itemsNet }
        #expect(
            anomalies.map(\.message) == [
                "the items' gross amounts add up to 150.00 NOK, but the order's gross is 160.00 NOK",
                "the items' net amounts add up to 125.00 NOK, but the order's net is 135.00 NOK",
            ])
    }

    @Test func taxLineInconsistent() throws {
        let order = try Fixtures.order(
            """
            {"currency":"NOK","items":[{"line_id":1,"net_amount":10000,
              "tax_lines":[{"amount":2100,"percentage":25,"tax_basis":8000,"included_in_price":true}]}]}
            """)
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.taxAmount, .taxBasis])
        #expect(
            anomalies.map(\.message) == [
                "item 1 (line 1): tax 21.00 NOK is not 25% of the basis 80.00 NOK (expected about 20.00 NOK)",
                "item 1 (line 1): tax basis + tax = 101.00 NOK but the item's net is 100.00 NOK (tax is included in the price)",
            ])
        #expect(anomalies.first?.jsonPath == ".items[0].tax_lines[0].amount")
        // One minor unit of rounding per line is fine.
        let rounded = try Fixtures.order(
            """
            {"items":[{"net_amount":10001,"tax_lines":[{"amount":2001,"percentage":25,"tax_basis":8000,"included_in_price":true}]}]}
            """)
        #expect(AnomalyChecker.check(rounded) == [])
    }

    @Test func capturedMoreThanAuthorizedAndRefundedMoreThanCaptured() throws {
        let order = try Fixtures.order(
            """
            {"currency":"NOK","authorizations":[{"amount":1000,"success":true}],
             "captures":[{"amount":1200,"success":true}],"refunds":[{"amount":1500,"success":true}]}
            """)
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.overCaptured, .overRefunded])
        #expect(
            anomalies.map(\.message) == [
                "captured 12.00 NOK is more than the 10.00 NOK authorized",
                "refunded 15.00 NOK is more than the 12.00 NOK captured",
            ])
    }

    @Test func payoutChildrenAndRootMismatch() throws {
        let order = try Fixtures.order(
            """
            {"currency":"NOK","items":[{"line_id":7,"gross_amount":1000,"payout":{"destinations":[
              {"amount":600,"destinations":[{"amount":100}]},{"amount":300}]}}]}
            """)
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.payoutChildren, .payoutRoot])
        #expect(
            anomalies.map(\.message) == [
                "item 1 (line 7): payout destination of 6.00 NOK has destinations that add up to 1.00 NOK",
                "item 1 (line 7): the payout destinations add up to 9.00 NOK, but the item's gross is 10.00 NOK",
            ])
        #expect(anomalies.map(\.jsonPath) == [".items[0].payout.destinations[0]", ".items[0].payout"])
    }

    @Test func paymentStatusContradictsOperations() throws {
        let refunded = try Self.broken { $0.set("payment_status", .string("refunded")) }
        #expect(
            AnomalyChecker.check(refunded).map(\.message) == [
                "payment status is refunded but only 10.00 NOK of 125.00 NOK captured was refunded"
            ])
        let pending = try Self.broken { $0.set("payment_status", .string("pending")) }
        #expect(
            AnomalyChecker.check(pending).map(\.message) == [
                "payment status is pending but 125.00 NOK was captured"
            ])
        let paid = try Fixtures.order(
            """
            {"currency":"NOK","gross_amount":1000,"payment_status":"paid","authorizations":[{"amount":1000,"success":true}],
             "captures":[{"amount":400,"success":true}]}
            """)
        #expect(
            AnomalyChecker.check(paid).map(\.message) == [
                "payment status is paid but only 4.00 NOK of the gross amount 10.00 NOK was captured"
            ])
    }

    @Test func failedOperationIsReported() throws {
        let order = try Self.broken {
            $0.set(
                "cancellations",
                .array([
                    .object(
                        JSONObject([
                            ("amount", .number("500")), ("success", .bool(false)),
                            ("processed_at", .string("2024-01-05T10:00:00Z")),
                        ]))
                ]))
        }
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.failedOperation])
        #expect(anomalies.first?.severity == .warning)
        #expect(anomalies.first?.message == "a cancellation of 5.00 NOK at 2024-01-05T10:00:00Z failed")
        #expect(anomalies.first?.jsonPath == ".cancellations[0]")
    }

    @Test func lineIDsPointingAtNoItem() throws {
        let order = try Self.broken {
            $0.set(
                "itinerary",
                .array([.object(JSONObject([("id", .string("L1")), ("line_ids", .array([.number("9")]))]))]))
            $0.set(
                "attachments",
                .array([
                    .object(
                        JSONObject([
                            (
                                "car_reservation",
                                .object(
                                    JSONObject([
                                        ("booking_id", .string("TV 1")),
                                        ("line_ids", .array([.number("1"), .number("5")])),
                                    ]))
                            )
                        ]))
                ]))
        }
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.danglingLineID, .danglingLineID])
        #expect(
            anomalies.map(\.message) == [
                "car reservation TV 1 names line 5, but no item has that line id",
                "itinerary leg L1 names line 9, but no item has that line id",
            ])
    }

    @Test func paymentDetailsDisagree() throws {
        let order = try Self.broken {
            $0.set(
                "payment_details",
                .object(
                    JSONObject([
                        ("remaining_capture_amount", .number("100")),
                        ("remaining_refund_amount", .number("11500")),
                    ])))
        }
        let anomalies = AnomalyChecker.check(order)
        #expect(anomalies.map(\.kind) == [.paymentDetails])
        #expect(
            anomalies.first?.message
                == "remaining_capture_amount is 1.00 NOK but the operations leave 0.00 NOK to capture")
    }

    @Test func exampleOrderAnomalies() throws {
        let order = try Fixtures.exampleOrder()
        let kinds = Self.kinds(order)
        #expect(kinds.filter { $0 == .danglingLineID }.count == 8)
        #expect(kinds.contains(.totals) && kinds.contains(.payoutRoot) && kinds.contains(.paymentStatus))
        #expect(!kinds.contains(.payoutChildren))
        #expect(OrderSummary(analysing: order).anomalyCount == kinds.count)
    }
}

extension JSONObject {
    /// Replaces a member's value, or appends it.
    mutating func set(_ key: String, _ value: JSONValue) {
        if let index = keys.firstIndex(of: key) {
            values[index] = value
        } else {
            append(key, value)
        }
    }
}

/// An order whose fields cannot be read is not a clean order (issue 22, item 14).
@Suite struct UnreadableFieldTests {
    @Test func fieldsThatCannotBeReadAreAnomalies() throws {
        for (json, path, found) in [
            (#"{"id":"a","gross_amount":"abc"}"#, ".gross_amount", #"expected an integer, found "abc""#),
            (#"{"id":"b","gross_amount":1e400}"#, ".gross_amount", "expected an integer, found 1e400"),
            (#"{"id":"c","items":"notalist"}"#, ".items", #"expected an array, found "notalist""#),
        ] {
            let anomalies = AnomalyChecker.check(try Fixtures.order(json))
            #expect(anomalies.map(\.kind) == [.unreadableField], "\(json)")
            #expect(anomalies.first?.jsonPath == path)
            #expect(anomalies.first?.message == "\(path.dropFirst()) cannot be read: \(found)")
        }
    }
}
