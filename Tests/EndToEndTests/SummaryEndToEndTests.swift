import Foundation
import Testing

/// The summary view in a real terminal: open it, regroup with `:group`, open a group (the list
/// filtered to it), return with Esc, leave, and quit with the terminal as it was.
extension EndToEnd {
    @Suite("summary view in tmux", .serialized, .enabled(if: TmuxSession.isAvailable))
    struct SummaryEndToEndTests {
        @Test func opensAGroupAndReturns() async throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try await TmuxSession(
                command: BrowseEndToEndTests.wrapped("demo", marker: dir), width: 120, height: 40)
            defer { session.close() }
            try await session.waitFor("the list to fill") { $0.contains("/300 orders") }
            try await session.send("F")
            // Settled: the checks below read rows the title's line does not vouch for (a capture
            // can fall between the chunks of one frame, the new title above old rows).
            let byStatus = try await session.waitForText("Summary by Status · 300 orders", settled: true)
            #expect(byStatus.contains("Outstanding"), "screen: \(byStatus)")
            try await session.send(":")
            try await session.type("group payment")
            try await session.send("Enter")
            let byPayment = try await session.waitForText("Summary by Payment · 300 orders", settled: true)
            // The biggest group is first and selected: Enter opens the list filtered to it.
            let firstGroup = try #require(
                byPayment.split(separator: "\n").first { $0.contains("%") }?.split(separator: "│").first?
                    .split(separator: " ").first.map(String.init), "screen: \(byPayment)")
            try await session.send("Enter")
            // Both the title and the count: a capture can fall between the rows of one frame.
            let list = try await session.waitFor("the list filtered to the group") {
                $0.contains("/payment:\(firstGroup)") && $0.contains("shown · 300/300 orders")
            }
            #expect(!list.contains("Summary by"), "screen: \(list)")
            try await session.send("Escape")
            let back = try await session.waitForText("Summary by Payment · 300 orders", settled: true)
            #expect(!back.contains("/payment:"), "screen: \(back)")
            try await session.send("Escape")
            try await session.waitFor("the whole list again") {
                $0.contains("Orders") && !$0.contains("Summary by")
            }
            try await session.send("q")
            let end = try await session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }
    }
}
