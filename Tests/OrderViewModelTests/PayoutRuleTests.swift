import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

/// The payout rules, one test each. Sources: Dintero's split-payment guide (docs.dintero.com,
/// checkout/split-payment/creating-split-session: the splits of a line add up to what the
/// customer paid for it, "a customer pays 499,90 NOK ... 399,90 NOK goes to the merchant, 70,00
/// NOK to the platform, 30,00 NOK is a donation"), and the Orders API's payout destination
/// (`type: "percentage"`, `value: "10"`, `amount`; reference/dintero-api.md §5.2).
@Suite struct PayoutRuleTests {
    private static func anomalies(_ item: String) throws -> [Anomaly] {
        AnomalyChecker.check(try Fixtures.order(#"{"currency":"NOK","items":["# + item + "]}"))
    }

    // Rule: destinations add up to the amount paid for the line, which after a discount is the
    // net, not the gross (split-payment guide).
    @Test func discountedLineSplitsItsNet() throws {
        let found = try Self.anomalies(
            """
            {"line_id":1,"gross_amount":49990,"net_amount":44990,
             "discount_lines":[{"amount":5000}],
             "payout":{"destinations":[{"amount":34990},{"amount":7000},{"amount":3000}]}}
            """)
        #expect(found.isEmpty, "\(found.map(\.message))")
    }

    // The same rule: a split of the gross on a discounted line pays out more than was paid.
    @Test func splittingTheGrossOfADiscountedLineIsFlaggedAgainstTheNet() throws {
        let found = try Self.anomalies(
            """
            {"line_id":1,"gross_amount":49990,"net_amount":44990,
             "payout":{"destinations":[{"amount":39990},{"amount":10000}]}}
            """)
        #expect(found.map(\.kind) == [.payoutRoot])
        #expect(
            found.first?.message
                == "item 1 (line 1): the payout destinations add up to 499.90 NOK, but the item's net is 449.90 NOK"
        )
    }

    // Without a net, what was paid is the gross less the line's discounts.
    @Test func withoutANetTheBasisIsGrossLessDiscounts() throws {
        let item = """
            {"line_id":2,"gross_amount":10000,"discount_lines":[{"amount":1500},{"amount":500}],
             "payout":{"destinations":[{"amount":%d}]}}
            """
        #expect(try Self.anomalies(item.replacing("%d", with: "8000")).isEmpty)
        let found = try Self.anomalies(item.replacing("%d", with: "10000"))
        #expect(
            found.map(\.message) == [
                "item 1 (line 2): the payout destinations add up to 100.00 NOK, but the item's gross − discounts is 80.00 NOK"
            ])
    }

    // Without a net or discounts, the gross was paid.
    @Test func withoutNetOrDiscountsTheBasisIsTheGross() throws {
        let order = try Fixtures.order(
            #"{"items":[{"gross_amount":700,"payout":{"destinations":[{"amount":700}]}}]}"#)
        #expect(PayoutBasis(item: order.items[0]) == PayoutBasis(amount: 700, source: .gross))
        #expect(AnomalyChecker.check(order).isEmpty)
    }

    // A percentage destination is that share of the line's basis at the top level.
    @Test func topLevelPercentageIsAShareOfTheBasis() throws {
        let ok = try Self.anomalies(
            """
            {"gross_amount":2000,"net_amount":1000,"payout":{"destinations":[
              {"type":"percentage","value":"10","amount":100},{"type":"percentage","value":"90","amount":900}]}}
            """)
        #expect(ok.isEmpty, "\(ok.map(\.message))")
        let off = try Self.anomalies(
            """
            {"gross_amount":2000,"net_amount":1000,"payout":{"destinations":[
              {"type":"percentage","value":"10","amount":200},{"type":"percentage","value":"90","amount":800}]}}
            """)
        #expect(off.map(\.kind) == [.payoutShare, .payoutShare])
        #expect(
            off.first?.message
                == "item 1: payout destination of 2.00 NOK says 10% of the item's net (10.00 NOK), which is 1.00 NOK"
        )
        #expect(off.first?.jsonPath == ".items[0].payout.destinations[0]")
    }

    // Nested percentages are shares of their parent destination's amount.
    @Test func nestedPercentageIsAShareOfItsParent() throws {
        let found = try Self.anomalies(
            """
            {"net_amount":1000,"payout":{"destinations":[
              {"type":"percentage","value":"100","amount":1000,"destinations":[
                {"type":"percentage","value":"12.5","amount":125},
                {"type":"percentage","value":"87.5","amount":900}]}]}}
            """)
        // 87.5% of 10.00 is 8.75; 9.00 is a contradiction and also breaks the children's sum.
        #expect(found.map(\.kind) == [.payoutChildren, .payoutShare])
        #expect(
            found.last?.message.contains(
                "says 87.5% of its parent destination (10.00 NOK), which is 8.75 NOK") == true)
    }

    // Rounding each share to a minor unit and giving the remainder to one destination is no
    // contradiction: up to one minor unit per destination at the level is allowed.
    @Test func roundingRemaindersAreNotFlagged() throws {
        let found = try Self.anomalies(
            """
            {"net_amount":1001,"payout":{"destinations":[
              {"type":"percentage","value":"33","amount":330},{"type":"percentage","value":"33","amount":330},
              {"type":"percentage","value":"34","amount":341}]}}
            """)
        #expect(found.isEmpty, "\(found.map(\.message))")
    }

    // A destination that states no percentage (or one that is not a number) claims no share.
    @Test func destinationsWithoutAPercentageClaimNoShare() {
        #expect(PayoutShare(type: nil, value: "10") == nil)
        #expect(PayoutShare(type: "fixed", value: "10") == nil)
        #expect(PayoutShare(type: "percentage", value: "ten") == nil)
        #expect(PayoutShare(type: "percentage", value: "101") == nil)
        #expect(PayoutShare(type: "percentage", value: "12.345") == nil)
        #expect(PayoutShare(type: "Percentage", value: "12.5")?.hundredthsOfPercent == 1250)
        #expect(PayoutShare(type: "percentage", value: "7.5")?.expected(of: 1000) == 75)
        // Up to three whole digits and two decimals, ASCII only, one point with digits on both sides.
        let read: [(String, Int64?)] = [
            ("0", 0), ("007", 700), ("100", 10_000), ("100.00", 10_000), ("100.01", nil), ("12.05", 1205),
            ("", nil), (".", nil), ("1.", nil), (".5", nil), ("1..2", nil), ("1.2.3", nil), ("1,5", nil),
            (" 10", nil), ("10 ", nil), ("1000", nil), ("-5", nil), ("\u{663}", nil), ("1\u{301}", nil),
            ("1.\u{301}5", nil),
        ]
        for (value, hundredths) in read {
            #expect(
                PayoutShare(type: "percentage", value: value)?.hundredthsOfPercent == hundredths, "\(value)")
        }
        for type in ["PERCENTAGE", "PerCentAge"] { #expect(PayoutShare(type: type, value: "5") != nil) }
        for type in ["percentagé", "percentage ", "percent", "percentages", "", "p\u{0}rcentage"] {
            #expect(PayoutShare(type: type, value: "5") == nil, "\(type)")
        }
    }

    // Amounts far out of range never trap.
    @Test func hugeAmountsNeverTrap() throws {
        let found = try Self.anomalies(
            """
            {"net_amount":9223372036854775807,"payout":{"destinations":[
              {"type":"percentage","value":"50","amount":9223372036854775807}]}}
            """)
        #expect(found.allSatisfy { $0.kind == .payoutRoot || $0.kind == .payoutShare })
    }
}
