import Foundation
import Testing

/// Issue 16: the common answers a few keys away, counted on the real binary (`demo
/// --screen-dump WxH --keys`), from the list with an order selected.
extension EndToEnd {
    @Suite("operator path")
    struct OperatorPathEndToEndTests {
        /// The demo screen at `size` after `keys` (the order selection first, not counted).
        func screen(_ size: String, select order: String? = nil, _ keys: [String]) async throws -> [String] {
            let selection = order.map { ": \"order \($0)\" Enter " } ?? ""
            let result = try await BinaryRunner.run(
                ["demo", "--screen-dump", size, "--keys", selection + keys.joined(separator: " ")])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        @Test(arguments: ["80x24", "120x40", "200x50"])
        func anItemsPayoutTreeInThreeKeys(size: String) async throws {
            let keys = ["o", "i", "p"]
            #expect(keys.count <= 4)
            let lines = try await screen(size, select: "SL09-0100002", keys)
            #expect(
                lines.contains { $0.contains("SL09-0100002 › Payout") }, "\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.contains("Payout total") && $0.contains("✓ equals item net") })
        }

        @Test(arguments: ["80x24", "120x40", "200x50"])
        func theFinalTotalsInOneKey(size: String) async throws {
            let lines = try await screen(size, ["3"])
            let text = lines.joined(separator: "\n")
            #expect(text.contains("totals after 3/3"), "\(text)")
            #expect(lines.contains { $0.contains("capt ") && $0.contains("1 798.00 NOK") }, "\(text)")
            #expect(!text.contains("auth 0.00"))
        }

        @Test(arguments: [
            ("i", "Items (1)"), ("p", "Payment operations"), ("a", "Attachments"), ("t", "Itinerary"),
        ])
        func anySectionInTwoKeys(letter: String, title: String) async throws {
            let lines = try await screen("80x24", ["o", letter])
            // The detail pane (below the list) shows the section, its header near the top.
            let detailTop = try #require(lines.firstIndex { $0.hasPrefix("┌─ SL09-0100000") })
            let pane = lines[detailTop...].prefix(4).joined(separator: "\n")
            #expect(pane.contains("▾ \(title)"), "\(lines.joined(separator: "\n"))")
        }

        @Test func aReservationsLegsAndPassengersInThreeKeys() async throws {
            let lines = try await screen("80x24", ["o", "a", "Enter"])
            let text = lines.joined(separator: "\n")
            #expect(text.contains("Train reservation"), "\(text)")
            // The label column narrows when values would be cut: match the row, not its spacing.
            #expect(
                lines.contains { $0.contains("│ Passengers ") && $0.contains(" Herr Espen Midtbø") },
                "\(text)")
            #expect(lines.filter { $0.contains("Leg SJ Norge") }.count == 2)
        }

        @Test func foldsStayAsLeftForTheNextOrder() async throws {
            // Fold the summary (o s c), go back to the list, next order: still folded.
            let lines = try await screen("80x24", ["o", "s", "c", "1", "j"])
            let text = lines.joined(separator: "\n")
            #expect(text.contains("┌─ SL09-0100001"), "\(text)")
            #expect(text.contains("▸ Summary"), "\(text)")
        }

        @Test func orderFindsWhatTheFilterHides() async throws {
            let result = try await BinaryRunner.run([
                "demo", "--screen-dump", "160x30", "--keys",
                "/ status:open Enter : \"order sl09-0100000\" Enter",
            ])
            #expect(result.status == 0)
            #expect(
                result.stdout.contains(
                    "order SL09-0100000: the filter \"status:open\" hid it and is cleared"),
                "\(result.stdout)")
            #expect(result.stdout.contains("300/300 orders"))
        }

        @Test func theListShowsEightRowsAt80x24AndEveryColumnAt200() async throws {
            let small = try await screen("80x24", [])
            #expect(
                small.filter { EndToEnd.isListRow($0, numberStartingWith: "SL") }.count >= 8,
                "\(small.joined(separator: "\n"))")
            let wide = try await screen("200x50", [])
            #expect(wide[2].contains("Created"), "\(wide[2])")
            #expect(wide[2].contains("Customer") && wide[2].contains("Payment") && wide[2].contains("Amount"))
        }

        @Test func zoomGivesTheFocusedPaneTheScreen() async throws {
            let lines = try await screen("80x24", ["2", "z"])
            #expect(!lines.contains { $0.contains("┌─ Orders") }, "\(lines.joined(separator: "\n"))")
            #expect(lines[1].hasPrefix("┌─ SL09-0100000"))
            #expect(lines.count >= 22)
        }

        @Test func theMessageLogKeepsWhatTheStatusBarShowed() async throws {
            let lines = try await screen("100x30", ["s", "s", "M"])
            let text = lines.joined(separator: "\n")
            #expect(text.contains("messages"), "\(text)")
            #expect(text.contains("sorted by"))
        }
    }
}
