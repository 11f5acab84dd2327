import Foundation
import Testing

/// The `print` command run as a real process on the shipped sample dump and on broken input.
extension EndToEnd {
    @Suite("print command")
    struct PrintCommandTests {
        @Test func listPrintsAnAlignedTableOfTheSampleDump() async throws {
            let result = try await BinaryRunner.run(["print", "Resources/sample-orders.json"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 7)
            #expect(lines[0].hasPrefix("ORDER"))
            #expect(lines[1].hasPrefix("SO-100001"))
            #expect(lines[1].contains("2 897.00 NOK"))
            #expect(lines.contains { $0.contains("Åsa Lindström") && $0.contains("1 499.00 SEK") })
            #expect(lines.contains { $0.contains("Yuki Tanaka") && $0.contains("3 600 JPY") })
            #expect(lines.contains { $0.hasPrefix("order123456") && $0.contains("598.00 NOK") })
            // Amounts are right-aligned: every amount ends in the same column.
            let amountEnds = lines.dropFirst().compactMap { line -> Int? in
                guard let range = line.range(of: #"\d [A-Z]{3}"#, options: .regularExpression) else {
                    return nil
                }
                return line[..<range.upperBound].count
            }
            #expect(Set(amountEnds).count == 1)
        }

        @Test func orderDetailShowsItemsPayoutTreeTimelineAndReservations() async throws {
            let result = try await BinaryRunner.run([
                "print", "Resources/sample-orders.json", "--order", "order123456",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let text = result.stdout
            #expect(text.contains("Stablestol for utendørsbruk"))
            #expect(text.contains("Vmva-høy"))
            #expect(text.contains("40.00 NOK"))  // payout node 4000
            #expect(text.contains("383.08 NOK"))  // payout node 38308
            #expect(text.contains("4444 **** **** 4448"))
            #expect(text.contains("NE 138 47794"))
            #expect(text.contains("Avis"))
            // Issue 16: every screen the browser opens is printed, titled with its breadcrumbs.
            let titles = text.split(separator: "\n").filter { $0.hasPrefix("== ") }
            for title in [
                "== Event 1 · Event ==", "== Session 1 · Session ==", "== Itinerary 1 › Tickets ==",
                "== Itinerary 1 › Waypoints ==", "== Discount 1 · Ref 1 ==",
                "== Capture 1 › Line 123 · Payout ==",
                "== Attachment 1 › Train NE 138 47794 › Passengers ==",
            ] {
                #expect(
                    titles.contains(Substring(title)), "no \(title) in:\n\(titles.joined(separator: "\n"))")
            }
            for row in [
                "Session       bd04c959-d159-49b4-a096-2d84e014a8da", "Stamp                      123",
                "Usages                     123", "Rule ID             <string>",
                "Ticket 1  class <string> · line <string> · seat <string> · zone <string>",
                "<string>  arrives <string>, departs <string>  (123.0, 123.0)",
                "<string> <string> <string>  id <string>",
            ] {
                #expect(text.contains("  " + row), "no row \(row)")
            }
        }

        @Test func missingFileExitsWithTwoAndSaysSo() async throws {
            let result = try await BinaryRunner.run(["print", "no/such/file.json"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("no/such/file.json"))
            #expect(result.stderr.contains("no such file"))
            #expect(result.stdout.isEmpty)
        }

        @Test func malformedJSONNamesLineAndColumn() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("bad.json")
            try Data("[\n  {\"id\": \"a\" \"order_number\": \"1\"}\n]\n".utf8).write(to: file)
            let result = try await BinaryRunner.run(["print", file.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("bad.json:2:"), "stderr: \(result.stderr)")
        }

        @Test func escapeSequencesInOrderDataArePrintedVisibly() async throws {
            let directory = try BinaryRunner.temporaryDirectory()
            let file = directory.appendingPathComponent("hostile.json")
            let order =
                #"{"id":"h1","order_number":"EVIL\u001b]0;pwned\u0007","currency":"NOK","gross_amount":100,"customer":{"first_name":"\u001b[31mRed","last_name":"\u202eevil"}}"#
            try Data(order.utf8).write(to: file)
            let result = try await BinaryRunner.run(["print", file.path])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(!result.stdout.contains("\u{1b}"))
            #expect(!result.stdout.contains("\u{07}"))
            #expect(!result.stdout.contains("\u{202e}"))
            #expect(result.stdout.contains(#"EVIL\e]0;pwned\a"#))
            let detail = try await BinaryRunner.run(["print", file.path, "--order", "h1"])
            #expect(detail.status == 0)
            #expect(!detail.stdout.contains("\u{1b}"))
        }
    }
}

/// `--screen-dump`: the UI rendered headless, keys replayed after loads settle.
extension EndToEnd {
    @Suite("screen dump")
    struct ScreenDumpTests {
        @Test func demoScreenDumpAfterKeysShowsTheFilteredList() async throws {
            let result = try await BinaryRunner.run([
                "demo", "--screen-dump", "100x30", "--keys", "j j Enter / currency:SEK Enter",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 31)  // 30 rows and the final newline
            #expect(result.stdout.contains("filter currency:SEK"))
            #expect(result.stdout.contains("27 orders match currency:SEK"))
            #expect(!result.stdout.contains(" NOK│"))
        }

        @Test func badKeysAndSizesAreRejectedBeforeAnythingRuns() async throws {
            let badSize = try await BinaryRunner.run(["demo", "--screen-dump", "0x10"])
            #expect(badSize.status != 0)
            #expect(badSize.stderr.contains("--screen-dump needs a size like 120x40"))
            let badKey = try await BinaryRunner.run(["demo", "--screen-dump", "80x24", "--keys", "j Hyper-Q"])
            #expect(badKey.status != 0)
            #expect(badKey.stderr.contains("unknown key \"Hyper-Q\""))
        }
    }
}
