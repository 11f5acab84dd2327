import Foundation
import JSONCore
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The totals under the payment timeline: the order's final ones at a glance, running ones
/// (labelled with the entry) while the operator steps through the timeline.
@Suite struct TimelineTotalsTests {
    let size = Size(width: 200, height: 60)

    /// The screen with runs of spaces squeezed to one: the totals are aligned in columns.
    func screen(_ state: UIState) -> String {
        var text = ScreenRenderer.render(state, size: size, theme: .monochrome).lines().joined(
            separator: "\n")
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        return text
    }

    @Test func unfocusedPaneShowsTheFinalTotalsAndFocusedTheRunningOnes() async throws {
        let orders = try Fixtures.sampleOrders()
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let timeline = try #require(state.app.selectedAnalysis?.timeline)
        #expect(timeline.entries.count >= 2)
        let currency = timeline.currency ?? Currency(code: "NOK")
        let money = { (amount: Int64) in
            MoneyFormatter.standard.string(minorUnits: amount, currency: currency)
        }

        // Not focused: the order's totals; the cursor waits on the last entry.
        #expect(state.app.timeline.cursor == timeline.entries.count - 1)
        var text = screen(state)
        #expect(text.contains("─ totals ─"))
        #expect(text.contains("capt \(money(timeline.totals.captured))"), "\(text)")
        #expect(timeline.totals.captured != timeline.entries[0].totals.captured)

        // Focused (one key): on the last entry, so the running totals are the final ones.
        await Fixtures.press([.char("3")], &state, controller, size: size, orders: orders)
        text = screen(state)
        let count = timeline.entries.count
        #expect(text.contains("totals after \(count)/\(count)"), "\(text)")
        #expect(text.contains("capt \(money(timeline.totals.captured))"), "\(text)")
        // g: running totals after the first entry, and the label says which.
        await Fixtures.press([.char("g")], &state, controller, size: size, orders: orders)
        text = screen(state)
        #expect(text.contains("totals after 1/\(count)"), "\(text)")
        #expect(text.contains("capt \(money(timeline.entries[0].totals.captured))"))
    }

    func screen(ofJSON json: String) async throws -> String {
        let orders = [Order(json: try JSONParser.parse(Array(json.utf8)))]
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("3")], &state, controller, size: size, orders: orders)
        return screen(state)
    }

    @Test func anOrderWithoutCurrencyOrFieldsToCheckGetsNoGuessedCurrencyAndNoTick() async throws {
        let text = try await screen(
            ofJSON: #"""
                {"id":"x1","order_number":"X-1","gross_amount":150000,
                 "authorizations":[{"id":"a1","amount":150000,"success":true,"created_at":"2024-01-01T10:00:00Z"}]}
                """#)
        #expect(text.contains("auth 1 500.00 "), "\(text)")
        #expect(!text.contains("NOK"), "\(text)")
        #expect(text.contains("no payment_details or payment_status to check"))
        #expect(!text.contains("✓ totals agree"))
    }

    @Test func theTickNamesOnlyTheFieldsTheOrderHas() async throws {
        let text = try await screen(
            ofJSON: #"""
                {"id":"x1","order_number":"X-1","currency":"SEK","gross_amount":150000,"payment_status":"AUTHORIZED",
                 "authorizations":[{"id":"a1","amount":150000,"success":true,"created_at":"2024-01-01T10:00:00Z"}],
                 "payment_details":{"remaining_capture_amount":150000}}
                """#)
        #expect(
            text.contains("✓ totals agree with payment_details\n")
                || text.contains("✓ totals agree with payment_details "),
            "\(text)")
        #expect(!text.contains("and payment_status"))
        #expect(text.contains("SEK"))
    }

    @Test func severalProblemsAreCounted() async throws {
        let text = try await screen(
            ofJSON: #"""
                {"id":"x1","order_number":"X-1","currency":"NOK","gross_amount":100,"payment_status":"paid",
                 "authorizations":[{"id":"a1","amount":100,"success":true,"created_at":"2024-01-01T10:00:00Z"}],
                 "payment_details":{"remaining_capture_amount":0}}
                """#)
        #expect(text.contains("✗ 2 problems: "), "\(text)")
    }
}

/// The totals are laid out by the pane's width so that amounts are never cut.
@Suite struct TimelineTotalsLayoutTests {
    @Test(arguments: [(160, 40), (200, 50), (80, 24), (120, 40), (60, 30)])
    func bigAmountsAreNeverCut(width: Int, height: Int) async throws {
        let json = #"""
            {"id":"x1","order_number":"X-1","currency":"NOK","gross_amount":123456789,
             "authorizations":[{"id":"a1","amount":123456789,"success":true,"created_at":"2024-01-01T10:00:00Z"}],
             "captures":[{"id":"c1","amount":98765432,"success":true,"created_at":"2024-01-02T10:00:00Z"}]}
            """#
        let orders = [Order(json: try JSONParser.parse(Array(json.utf8)))]
        let size = Size(width: width, height: height)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        // Focused on the last entry: the totals after the capture, the widest ones.
        await Fixtures.press([.char("3"), .char("G")], &state, controller, size: size, orders: orders)
        let text = ScreenRenderer.render(state, size: size, theme: .monochrome).lines().joined(
            separator: "\n")
        for amount in ["1 234 567.89 NOK", "987 654.32 NOK", "246 913.57 NOK"] {
            #expect(text.contains(amount), "\(width)x\(height): \(amount) missing\n\(text)")
        }
        let totals = text.split(separator: "\n").filter {
            $0.contains("capturable") || $0.contains("refundable")
        }
        #expect(!totals.isEmpty && totals.allSatisfy { !$0.contains("…") }, "\(width)x\(height)\n\(text)")
    }
}
