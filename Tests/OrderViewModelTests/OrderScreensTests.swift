import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

@Suite struct OrderScreensTests {
    /// Every target reachable from a screen's rows, breadth first.
    static func reachableTargets(_ order: Order) -> [DrillTarget] {
        let root = OrderScreens.root(order, anomalies: AnomalyChecker.check(order))
        var queue = root.allRows.compactMap(\.target)
        var seen: [DrillTarget] = []
        while !queue.isEmpty {
            let target = queue.removeFirst()
            if seen.contains(target) { continue }
            seen.append(target)
            if let screen = OrderScreens.screen(target, in: order) {
                queue += screen.allRows.compactMap(\.target)
            }
        }
        return seen
    }

    @Test func exampleRootSections() throws {
        let order = try Fixtures.exampleOrder()
        let root = OrderScreens.root(order, anomalies: AnomalyChecker.check(order))
        #expect(root.crumb == "order123456")
        #expect(
            root.sections.map(\.id) == [
                "summary", "anomalies", "customer", "addresses", "items", "discounts", "payments",
                "paymentDetails",
                "store", "comments", "external", "itinerary", "attachments", "sessions", "events", "misc",
            ])
        let items = try #require(root.section("items"))
        #expect(
            Fixtures.lines(items.rows) == ["0|#1  2 × Stablestol for utendørsbruk|398.00 NOK  net 278.40 NOK"]
        )
        #expect(items.rows[0].target == .item(0))
        let summary = try #require(root.section("summary"))
        #expect(summary.rows.first { $0.label == "Gross" }?.value == "598.00 NOK")
        #expect(summary.rows.first { $0.label == "Tax (from tax lines)" }?.value == "55.84 NOK")
        #expect(summary.rows.last?.value == "✗ differs by 111.70 NOK")
        #expect(summary.rows.last?.tone == .bad)
        let attachments = try #require(root.section("attachments"))
        #expect(attachments.rows.compactMap(\.target).count == 8)
        #expect(attachments.rows[1].target == .reservation(attachment: 0, kind: "bus"))
        #expect(root.section("sessions")?.rows.first?.target == .session(0))
        #expect(root.section("events")?.rows.last?.target == .event(0))
        #expect(root.section("customer")?.rows.first { $0.label == "Company" }?.value == "TKP tech AS")
    }

    @Test func everyReachableScreenOfTheExampleExists() throws {
        let order = try Fixtures.exampleOrder()
        let targets = Self.reachableTargets(order)
        #expect(targets.count > 30)
        for target in targets {
            let screen = OrderScreens.screen(target, in: order)
            #expect(screen != nil, "no screen for \(target)")
            #expect(screen?.sections.isEmpty == false, "empty screen for \(target)")
        }
        #expect(targets.contains(.itemPayout(0)))
        #expect(targets.contains(.operationItem(kind: "capture", index: 0, item: 0)))
        #expect(targets.contains(.reservationLeg(attachment: 0, kind: "car", leg: 0)))
        #expect(targets.contains(.itineraryWaypoints(0)))
    }

    @Test func itemScreenShowsExchangeRateAndLines() throws {
        let order = try Fixtures.exampleOrder()
        let screen = try #require(OrderScreens.screen(.item(0), in: order))
        #expect(screen.crumb == "Item 1")
        #expect(
            Fixtures.lines(try #require(screen.section("exchange")).rows) == [
                "0|Original amount|398.00 SEK", "0|Original currency|SEK", "0|Rate|1.099 (1099000 ppm)",
                "0|Rate source|ecb", "0|Rate time|2023-11-07T05:31:56Z",
            ])
        let lines = try #require(screen.section("lines")).rows
        #expect(
            lines.map(\.target) == [
                .itemTaxLines(0), .itemDiscountLines(0), .itemAdditions(0), .itemPayout(0),
            ])
        #expect(lines[3].tone == .bad)
    }

    @Test func operationScreenMatchesLinesToItems() throws {
        let order = try Fixtures.order(PaymentTimelineTests.handMade)
        let screen = try #require(OrderScreens.screen(.operation(kind: "authorization", index: 0), in: order))
        #expect(screen.crumb == "Authorization 1")
        let head = try #require(screen.section("operation")).rows
        #expect(head.first { $0.label == "Success" }?.value == "✓ yes")
        #expect(head.first { $0.label == "Card number" }?.value == "4444 **** **** 4448")
        let items = try #require(screen.section("items")).rows
        #expect(Fixtures.lines(items) == ["0|line 1 (Chair)|10.00 NOK"])
        let failed = try #require(OrderScreens.screen(.operation(kind: "capture", index: 2), in: order))
        #expect(failed.section("operation")?.rows.first { $0.label == "Success" }?.tone == .bad)
        #expect(OrderScreens.screen(.operation(kind: "capture", index: 9), in: order) == nil)
        #expect(OrderScreens.screen(.operation(kind: "bogus", index: 0), in: order) == nil)
    }

    @Test func eventScreensForBothShapes() throws {
        let order = try Fixtures.order(
            """
            {"events":[{"id":"e1","request":{"path":"/v1/orders/x","method":"PUT","body":"{\\"a\\":1}"}},
                       {"id":"e2","state":"success","service":"delivery","service_status":"ready_for_pickup"}]}
            """)
        let api = try #require(OrderScreens.screen(.event(0), in: order))
        #expect(api.section("event")?.rows.first?.value == "API event")
        #expect(
            Fixtures.lines(try #require(api.section("request")).rows) == [
                "0|Method|PUT", "0|Path|/v1/orders/x", "0|Body|{\"a\":1}",
            ])
        let status = try #require(OrderScreens.screen(.event(1), in: order))
        #expect(status.section("event")?.rows.first?.value == "status event")
        #expect(
            status.section("event")?.rows.contains {
                $0.label == "Service status" && $0.value == "ready_for_pickup"
            } == true)
    }

    @Test(arguments: ["{}", "{\"id\":\"x\"}", "[]", "{\"items\":[{}],\"attachments\":[{}],\"payout\":null}"])
    func orderWithNothingOptionalRendersEverything(json: String) throws {
        let order = try Fixtures.order(json)
        let anomalies = AnomalyChecker.check(order)
        let root = OrderScreens.root(order, anomalies: anomalies)
        #expect(root.section("summary")?.rows.first?.label == "Order")
        // Every target of the example, applied to the sparse order: nil or a screen, never a crash.
        let example = try Fixtures.exampleOrder()
        for target in Self.reachableTargets(example) {
            _ = OrderScreens.screen(target, in: order)
        }
        for target in Self.reachableTargets(order) {
            #expect(OrderScreens.screen(target, in: order) != nil)
        }
        _ = OrderScreens.fullReport(order)
        _ = PaymentTimeline(order: order)
        _ = LoadedOrder(order: order)
    }

    @Test func emptyOrderSummary() throws {
        let root = OrderScreens.root(try Fixtures.order("{\"id\":\"x\"}"), anomalies: [])
        #expect(root.crumb == "x")
        #expect(root.sections.map(\.id) == ["summary"])
        #expect(Fixtures.lines(root.sections[0].rows) == ["0|Order|x", "0|ID|x"])
    }

    @Test func fullReportContainsItemsPayoutTimelineAndReservations() throws {
        let order = try Fixtures.exampleOrder()
        let report = OrderScreens.fullReport(order)
        let ids = report.map(\.id)
        for id in [
            "summary", "items", "item0.item", "item0.tax0", "item0.discount0", "item0.addition0",
            "item0.payout",
            "timeline", "capture0.operation", "attachment0.train.reservation", "attachment0.car.leg0.leg",
            "itinerary0.itinerary", "itinerary0.tickets", "itinerary0.waypoints", "discount0.ref0",
            "capture0.item0.payout", "attachment0.train.passengers", "session0.session", "event0.event",
            "event0.request",
        ] {
            #expect(ids.contains(id), "missing \(id)")
        }
        #expect(Set(ids).count == ids.count)
        let payout = try #require(report.first { $0.id == "item0.payout" })
        #expect(payout.title == "Item 1 › Payout · Payout tree")
        #expect(payout.rows == OrderScreens.screen(.itemPayout(0), in: order)?.sections[0].rows)
        let timeline = try #require(report.first { $0.id == "timeline" })
        #expect(timeline.rows.contains { $0.label == "totals" })
    }
}
