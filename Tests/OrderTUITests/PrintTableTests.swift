import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// `orderscope print`'s table: ids and amounts whole, a too-long id cut in its middle.
@Suite struct PrintTableTests {
    func summary(id: String, number: String? = nil, amount: Int64) -> OrderSummary {
        OrderSummary(
            id: id, orderNumber: number, createdAt: "2024-01-01T10:00:00Z", customerFirstName: "Kari",
            customerLastName: "Nordmann", status: "open", paymentStatus: "paid", grossAmount: amount,
            currency: "NOK")
    }

    @Test func uuidsAndTheLargestAmountArePrintedWhole() {
        let table = PlainTextReport.table([
            summary(id: "5b0e7a1c-0000-4000-8000-000000000099", amount: .max),
            summary(id: "5b0e7a1c-0000-4000-8000-000000000098", amount: .min),
        ])
        #expect(table.contains("5b0e7a1c-0000-4000-8000-000000000099"), "\(table)")
        #expect(table.contains("5b0e7a1c-0000-4000-8000-000000000098"))
        #expect(table.contains(" 92 233 720 368 547 758.07 NOK"))
        #expect(table.contains("-92 233 720 368 547 758.08 NOK"))
        #expect(!table.contains("…"))
    }

    @Test func aTooLongIdKeepsBothEnds() {
        let long = "order-" + String(repeating: "x", count: 60) + "-tail42"
        let table = PlainTextReport.table([summary(id: long, amount: 1)])
        let row = table.split(separator: "\n")[1]
        #expect(row.hasPrefix("order-xx"), "\(row)")
        #expect(row.contains("…") && row.contains("-tail42 "), "\(row)")
    }
}

/// The list pane's order column: an id without an order number is cut in its middle.
@Suite struct ListIdColumnTests {
    @Test func idsThatShareAPrefixStayApart() {
        var state = UIState(app: AppState(origin: .files(["x.json"]), pageSize: 10), sourceLabel: "x.json")
        _ = state.app.handle(.started)
        let ids = ["5b0e7a1c-0000-4000-8000-000000000099", "5b0e7a1c-0000-4000-8000-000000000098"]
        let summaries = ids.map { OrderSummary(id: $0, currency: "NOK") }
        _ = state.app.handle(.pageLoaded(request: 1, .success(OrderPage(summaries: summaries, next: nil))))
        let screen = ScreenRenderer.render(state, size: Size(width: 120, height: 30), theme: .monochrome)
            .lines()
        #expect(screen.contains { $0.contains("5b0e7a…000099") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("5b0e7a…000098") })
    }
}
