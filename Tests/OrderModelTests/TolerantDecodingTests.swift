import JSONCore
import Testing

@testable import OrderModel

@Suite("Tolerant decoding")
struct TolerantDecodingTests {
    @Test func emptyObjectIsAnEmptyOrder() throws {
        let order = try Fixtures.order(text: "{}")
        #expect(order.id == nil)
        #expect(order.status == nil)
        #expect(order.customer == nil)
        #expect(order.items.isEmpty)
        #expect(order.operations.isEmpty)
        #expect(order.attachments.isEmpty)
        #expect(order.decodeIssues.isEmpty)
        #expect(order.displayNumber == "?")
        #expect(order.path.isRoot)
        #expect(OrderSummary(order: order).id == "")
    }

    @Test func nonObjectOrder() throws {
        let order = try Fixtures.order(text: "[1, 2]")
        #expect(order.items.isEmpty)
        #expect(order.decodeIssues.count == 1)
        #expect(order.raw == .array([.number("1"), .number("2")]))
    }

    @Test func lineIDStringOrInteger() throws {
        let order = try Fixtures.order(
            text: #"""
                {"items": [{"line_id": "7"}, {"line_id": 7}, {"line_id": 7.0}, {"line_id": "A-1"}],
                 "sessions": [{"items": [{"line_id": "7", "amount": "100"}]}]}
                """#)
        #expect(order.items.map(\.lineID) == [LineID("7"), LineID(7), LineID("7"), LineID("A-1")])
        #expect(order.items[0].lineID == order.items[1].lineID)
        #expect(order.items[1].lineID?.intValue == 7)
        #expect(order.sessions[0].items[0].lineID == order.items[1].lineID)
        #expect(order.sessions[0].items[0].amount == 100)
        #expect(order.item(lineID: 7)?.path.description == "items[0]")
        #expect(order.decodeIssues.isEmpty)
        #expect(
            [LineID("10"), LineID("b"), LineID("2")].sorted() == [LineID("2"), LineID("10"), LineID("b")])
    }

    @Test func numericStrings() throws {
        let order = try Fixtures.order(
            text:
                #"{"gross_amount": "123", "net_amount": "45.00", "version": 3.0, "pre_order": "true", "items": [{"quantity": "1.5"}]}"#
        )
        #expect(order.grossAmount == 123)
        #expect(order.netAmount == 45)
        #expect(order.version == 3)
        #expect(order.preOrder == true)
        #expect(order.items[0].quantity == 1.5)
        #expect(order.items[0].quantityText == "1.5")
        #expect(order.decodeIssues.isEmpty)
    }

    @Test func nullsEverywhere() throws {
        let order = try Fixtures.order(
            text: #"""
                {"id": null, "status": null, "customer": null, "items": null, "gross_amount": null,
                 "captures": [null, {"amount": null, "items": [null], "payment_details": {"card": null}}],
                 "attachments": [{"train_reservation": null, "car_reservation": {"itinerary": null}}],
                 "metadata": null, "currency": null}
                """#)
        #expect(order.id == nil)
        #expect(order.status == nil)
        #expect(order.customer == nil)
        #expect(order.items.isEmpty)
        #expect(order.currency == nil)
        #expect(order.captures.count == 1)
        #expect(order.captures[0].path.description == "captures[1]")
        #expect(order.captures[0].paymentDetails?.card == nil)
        #expect(order.attachments[0].kinds == [.car])
        #expect(order.decodeIssues.isEmpty)
    }

    @Test func unknownStatusKept() throws {
        let order = try Fixtures.order(text: #"{"status": "archived", "payment_status": "chargeback"}"#)
        #expect(order.status == OrderStatus(rawValue: "archived"))
        #expect(order.status?.isKnown == false)
        #expect(order.status?.description == "archived")
        #expect(order.paymentStatus?.rawValue == "chargeback")
        #expect(OrderSummary(order: order).status == "archived")
        #expect(OrderStatus.cancelled.isKnown)
    }

    @Test func unknownFieldsKeptInRaw() throws {
        let order = try Fixtures.order(
            text: #"{"brand_new": {"x": 1}, "items": [{"line_id": 1, "future_field": "yes"}]}"#)
        #expect(order.raw["brand_new"]?["x"] == .number("1"))
        #expect(order.items[0].raw["future_field"] == .string("yes"))
        #expect(order.decodeIssues.isEmpty)
    }

    @Test func wrongTypesBecomeIssuesAndTheRestDecodes() throws {
        let order = try Fixtures.order(
            text: #"""
                {"id": "o1", "gross_amount": {"x": 1}, "customer": "bob",
                 "items": [{"line_id": 1}, {"line_id": 2}, {"line_id": 3, "gross_amount": "abc", "net_amount": 5,
                   "tax_lines": [{"amount": true, "tax_group": "high"}],
                   "payout": {"destinations": [{"amount": 1, "destinations": [7, {"amount": "x"}]}]}}],
                 "captures": "nope", "refunds": [42], "pre_order": "maybe", "store": {"comments": "one"}}
                """#)
        #expect(order.id == "o1")
        #expect(order.grossAmount == nil)
        #expect(order.customer == nil)
        #expect(order.items.count == 3)
        #expect(order.items[2].grossAmount == nil)
        #expect(order.items[2].netAmount == 5)
        #expect(order.items[2].taxLines[0].taxGroup == "high")
        #expect(order.items[2].payout?.count == 2)
        #expect(order.captures.isEmpty)
        #expect(order.refunds.isEmpty)
        #expect(order.preOrder == nil)
        #expect(order.store?.comments == [])
        let messages = order.decodeIssues.map(\.description)
        #expect(messages.contains("gross_amount: expected an integer, found an object"))
        #expect(messages.contains("customer: expected an object, found \"bob\""))
        #expect(messages.contains(#"items[2].gross_amount: expected an integer, found "abc""#))
        #expect(messages.contains("items[2].tax_lines[0].amount: expected an integer, found true"))
        #expect(
            messages.contains("items[2].payout.destinations[0].destinations[0]: expected an object, found 7"))
        #expect(
            messages.contains(
                #"items[2].payout.destinations[0].destinations[1].amount: expected an integer, found "x""#))
        #expect(messages.contains("captures: expected an array, found \"nope\""))
        #expect(messages.contains("refunds[0]: expected an object, found 42"))
        #expect(messages.contains("pre_order: expected a boolean, found \"maybe\""))
        #expect(messages.contains("store.comments: expected an array, found \"one\""))
        #expect(order.decodeIssues.count == 10)
        let issue = try #require(order.decodeIssues.first { $0.path.description == "items[2].gross_amount" })
        #expect(issue.path.jqPath == ".items[2].gross_amount")
    }

    @Test func misspeltAndCorrectCompanyName() throws {
        let a = try Fixtures.order(text: #"{"customer": {"company": {"bussiness_name": "A AS"}}}"#)
        let b = try Fixtures.order(text: #"{"customer": {"company": {"business_name": "B AS"}}}"#)
        #expect(a.customer?.company?.businessName == "A AS")
        #expect(b.customer?.company?.businessName == "B AS")
        #expect(b.customerName == "B AS")
    }

    @Test func displayNumberFallbacks() throws {
        #expect(try Fixtures.order(text: #"{"id": "u", "order_id": "o"}"#).displayNumber == "o")
        #expect(try Fixtures.order(text: #"{"id": "u", "order_number": ""}"#).displayNumber == "u")
    }

    @Test func moneyOfOrder() throws {
        let order = try Fixtures.order(text: #"{"currency": "jpy", "gross_amount": 1234}"#)
        #expect(order.money(order.grossAmount)?.description == "1 234 JPY")
        #expect(order.currency?.code == "JPY")
    }

    @Test func standaloneSessionIssues() throws {
        let session = Session(json: try JSONParser.parse(#"{"amount": "x", "items": [{"line_id": [1]}]}"#))
        #expect(
            session.decodeIssues.map(\.description) == [
                #"amount: expected an integer, found "x""#,
                "items[0].line_id: expected a line id (string or integer), found an array",
            ])
    }
}

@Suite("JSONPath and Timestamp")
struct PathAndTimestampTests {
    @Test func pathRendering() {
        let path = JSONPath.root["items"][0]["payout"]["destinations"][2]
        #expect(path.description == "items[0].payout.destinations[2]")
        #expect(path.jqPath == ".items[0].payout.destinations[2]")
        #expect(JSONPath.root.jqPath == ".")
        #expect(JSONPath.root["odd key"][1].jqPath == #".["odd key"][1]"#)
        #expect(JSONPath.root[0]["a"].jqPath == ".[0].a")
        #expect(JSONPath.root[0]["a"].description == "[0].a")
        #expect(
            path == JSONPath([.key("items"), .index(0), .key("payout"), .key("destinations"), .index(2)]))
        #expect(path.parent.description == "items[0].payout.destinations")
        #expect(path.count == 5)
        #expect(
            Set([
                path, path.parent,
                JSONPath([.key("items"), .index(0), .key("payout"), .key("destinations"), .index(2)]),
            ]).count == 2)
    }

    @Test func veryLongPathIsFreedWithoutRecursion() {
        var path = JSONPath.root
        for index in 0..<200_000 { path = path[index % 2 == 0 ? "destinations" : "x"] }
        #expect(path.count == 200_000)
        path = .root
        #expect(path.isRoot)
    }

    @Test(arguments: [
        ("2023-11-07T05:31:56Z", 1_699_335_116.0),
        ("2023-11-07T05:31:56.250Z", 1_699_335_116.25),
        ("2023-11-07T07:31:56+02:00", 1_699_335_116.0),
        ("2023-11-07T00:31:56-0500", 1_699_335_116.0),
        ("2023-11-07 05:31:56", 1_699_335_116.0),
        ("2023-11-07T05:31Z", 1_699_335_060.0),
        ("1970-01-01", 0.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func timestampParses(text: String, expected: Double) {
        #expect(Timestamp(text).epochSeconds == expected)
        #expect(Timestamp(text).text == text)
    }

    @Test(arguments: [
        "<string>", "", "2023-13-01", "2023-02-30T00:00:00Z", "2023-11-07T25:00:00Z", "2023-11-07Tjunk",
        "12345",
    ])
    func timestampRejects(text: String) {
        #expect(Timestamp(text).epochSeconds == nil)
        #expect(Timestamp(text).text == text)
    }

    @Test func timestampOrder() {
        let sorted = [
            Timestamp("junk"), Timestamp("2023-11-07T05:31:57Z"), Timestamp("2023-11-07T07:31:56+02:00"),
        ].sorted()
        #expect(sorted.map(\.text) == ["2023-11-07T07:31:56+02:00", "2023-11-07T05:31:57Z", "junk"])
    }
}
