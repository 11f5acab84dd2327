import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

@Suite struct PayoutTreeRowsTests {
    @Test func examplePayoutTreeRowsAreExact() throws {
        let order = try Fixtures.exampleOrder()
        let screen = try #require(OrderScreens.screen(.itemPayout(0), in: order))
        #expect(screen.crumb == "Payout")
        let rows = try #require(screen.section("payout")).rows
        #expect(
            Fixtures.lines(rows) == [
                "0|Payout total|430.00 NOK ✗ item net is 278.40 NOK",
                "0|percentage 10|40.00 NOK  14.4% of item net  ✗ 10% would be 27.84 NOK  ✓ children add up",
                "1|—|5.00 NOK  12.5% of parent",
                "1|—|— (children 35.00 NOK)  87.5% of parent",
                "2|—|35.00 NOK  100% of parent",
                "0|—|5.00 NOK  1.8% of item net",
                "0|—|— (children 385.00 NOK)  138.3% of item net",
                "1|—|1.92 NOK  0.5% of parent",
                "1|—|383.08 NOK  99.5% of parent",
            ])
        #expect(rows[0].tone == .bad)
        #expect(rows[1].tone == .bad)
        #expect(rows.dropFirst(2).allSatisfy { $0.tone == .normal })
        #expect(rows[1].jsonPath == ".items[0].payout.destinations[0]")
        #expect(rows[4].jsonPath == ".items[0].payout.destinations[0].destinations[1].destinations[0]")
    }

    @Test func nodeWhoseChildrenDoNotSumIsMarked() throws {
        let order = try Fixtures.order(
            """
            {"currency":"NOK","items":[{"line_id":1,"gross_amount":1000,"payout":{"destinations":[
              {"type":"percentage","value":"60","amount":600,"destinations":[{"amount":100},{"amount":200}]},
              {"amount":400}]}}]}
            """)
        let tree = try #require(order.items[0].payout)
        let payout = PayoutTreeRows(
            tree: tree, basis: PayoutBasis(item: order.items[0]), currency: order.currency)
        #expect(
            Fixtures.lines(payout.rows) == [
                "0|Payout total|10.00 NOK ✓ equals item gross",
                "0|percentage 60|6.00 NOK  60% of item gross  ✗ children sum to 3.00 NOK",
                "1|—|1.00 NOK  16.7% of parent",
                "1|—|2.00 NOK  33.3% of parent",
                "0|—|4.00 NOK  40% of item gross",
            ])
        #expect(payout.rows[0].tone == .good)
        #expect(payout.rows[1].tone == .bad)
        #expect(payout.mismatchedNodes == [0])
        #expect(!payout.rootMismatch)
    }

    @Test func deepTreeDoesNotRecurse() throws {
        var tree = PayoutTree()
        var parent: Int? = nil
        for _ in 0..<50_000 { parent = tree.append(amount: 5, parent: parent) }
        let payout = PayoutTreeRows(
            tree: tree, basis: PayoutBasis(amount: 5, source: .net), currency: Currency(code: "NOK"))
        #expect(payout.rows.count == 50_001)
        #expect(payout.rows.last?.indent == 49_999)
        #expect(payout.mismatchedNodes.isEmpty)
        #expect(payout.rows[1].jsonPath == ".destinations[0]")
        #expect(payout.rows.last?.jsonPath == nil)
    }

    @Test func percentText() {
        #expect(DisplayText.percent(500, of: 4000) == "12.5%")
        #expect(DisplayText.percent(1, of: 3) == "33.3%")
        #expect(DisplayText.percent(2, of: 3) == "66.7%")
        #expect(DisplayText.percent(5, of: 0) == nil)
        #expect(DisplayText.percent(-500, of: 4000) == "-12.5%")
    }

    @Test func durationText() {
        #expect(DisplayText.duration(seconds: 8100) == "2h 15m")
        #expect(DisplayText.duration(seconds: 2700) == "45m")
        #expect(DisplayText.duration(seconds: 0) == "0m")
        #expect(DisplayText.duration(seconds: 86_400 + 3 * 3600 + 300) == "1d 3h 5m")
        #expect(DisplayText.duration(seconds: -3600) == "-1h")
    }
}
