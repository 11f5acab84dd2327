import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// `P` (and `:problems`) lists every problem met while loading, wrapped so nothing is cut off;
/// the status bar counts them.
@Suite struct LoadProblemsViewTests {
    let size = Size(width: 80, height: 24)

    func state(problems: [SourceProblem]) -> UIState {
        var state = UIState(
            app: AppState(origin: .files(["a.ndjson"]), pageSize: 10), sourceLabel: "a.ndjson")
        _ = state.app.handle(.started)
        _ = state.app.handle(
            .pageLoaded(request: 1, .success(OrderPage(summaries: [], next: nil, problems: problems))))
        return state
    }

    @Test func pListsEveryProblemWrappedAndTheStatusBarCountsThem() {
        let long = SourceProblem(
            file: "Tests/Fixtures/dumps/orders-bad-line.ndjson", line: 2, column: 26,
            message:
                "line 2 is not a valid order: expected a JSON value but found 'N' at column 26; the line was skipped"
        )
        let short = SourceProblem(file: "b.json", line: 9, column: 1, message: "the file ends early")
        var state = state(problems: [long, short])
        let status = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()[22]
        #expect(status.contains("! 2 load problems (P)"), "\(status)")

        _ = UIController().handle(.char("P"), state: &state, size: size)
        #expect(state.popup?.title == "2 load problems")
        let screen = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()
        let text = screen.joined(separator: "\n")
        #expect(text.contains("2 load problems · Esc closes"))
        // Every word of both problems is on screen: the long one continues on the next lines.
        let shown = Set(screen.flatMap { $0.split(separator: " ").map(String.init) })
        for word in (long.description + " " + short.description).split(separator: " ") {
            #expect(shown.contains(String(word)), "\(word) is not on screen:\n\(text)")
        }
        #expect(screen.contains { $0.hasPrefix("│   ") }, "no continuation line:\n\(text)")
        _ = UIController().handle(.escape, state: &state, size: size)
        #expect(state.popup == nil)
    }

    @Test func withoutProblemsPSaysSoAndTheCommandLineWorksToo() {
        var state = state(problems: [])
        let controller = UIController()
        _ = controller.handle(.char("P"), state: &state, size: size)
        #expect(state.popup == nil)
        #expect(state.app.status == .info("no problems while loading"))
        #expect(
            !ScreenRenderer.render(state, size: size, theme: .monochrome).lines()[22].contains("load problem")
        )

        var withOne = self.state(problems: [
            SourceProblem(file: "b.json", line: 9, column: 1, message: "ends early")
        ])
        _ = controller.runCommandLine("problems", state: &withOne)
        #expect(withOne.popup?.title == "1 load problem")
        #expect(withOne.popup?.lines == ["b.json:9:1: ends early"])
    }
}
