import Foundation
import Testing

/// The summary view in a real terminal: open it, regroup with `:group`, open a group (the list
/// filtered to it), return with Esc, leave, and quit with the terminal as it was.
extension EndToEnd {
    @Suite("summary view in tmux", .serialized, .enabled(if: TmuxSession.isAvailable))
    struct SummaryEndToEndTests {
        @Test func opensAGroupAndReturns() throws {
            let dir = try BinaryRunner.temporaryDirectory()
            let session = try TmuxSession(
                command: BrowseEndToEndTests.wrapped("demo", marker: dir), width: 120, height: 40)
            defer { session.close() }
            try session.waitFor("the list to fill") { $0.contains("/300 orders") }
            try session.send("F")
            let byStatus = try session.waitForText("Summary by Status · 300 orders")
            #expect(byStatus.contains("Outstanding"), "screen: \(byStatus)")
            try session.send(":")
            try session.type("group payment")
            try session.send("Enter")
            let byPayment = try session.waitForText("Summary by Payment · 300 orders")
            // The biggest group is first and selected: Enter opens the list filtered to it.
            let firstGroup = try #require(
                byPayment.split(separator: "\n").first { $0.contains("%") }?.split(separator: "│").first?
                    .split(separator: " ").first.map(String.init), "screen: \(byPayment)")
            try session.send("Enter")
            let list = try session.waitFor("the list filtered to the group") { $0.contains("/payment:\(firstGroup)") }
            #expect(list.contains("shown · 300/300 orders"), "screen: \(list)")
            try session.send("Escape")
            let back = try session.waitForText("Summary by Payment · 300 orders")
            #expect(!back.contains("/payment:"), "screen: \(back)")
            try session.send("Escape")
            try session.waitFor("the whole list again") { $0.contains("Orders") && !$0.contains("Summary by") }
            try session.send("q")
            let end = try session.waitForText("TTY-")
            #expect(end.contains("TTY-SAME code=0"), "screen: \(end)")
        }
    }
}
