import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import TestTiming
import Testing

@testable import OrderTUI

/// `demo --script`: the script format, and replay through the loop with pauses. The time limit is
/// only a hang guard: the loop's loads are tasks on the cooperative pool, which CPU-bound tests
/// held for minutes in a loaded full run.
@Suite("key scripts", .serialized, .timeLimit(.minutes(TestTime.minutes(10))))
struct KeyScriptTests {
    @Test func scriptLinesAreKeysTypedTextAndPauses() throws {
        let script = try KeyScript.parse(
            """
            # open the third order
            j j Enter
            sleep 0.25
            / status:open
            Enter
            type :q x

            """)
        #expect(script.steps.first == .key(.char("j")))
        #expect(script.steps.contains(.pause(milliseconds: 250)))
        #expect(
            script.keys == [.char("j"), .char("j"), .enter, .char("/")] + "status:open".map { Key.char($0) }
                + [.enter] + ":q x".map { Key.char($0) })
        #expect(throws: KeyScript.Problem(line: 2, message: "sleep needs seconds, like `sleep 0.5`")) {
            try KeyScript.parse("j\nsleep soon")
        }
        #expect(throws: KeyScript.Problem.self) { try KeyScript.parse("Entr") }
    }

    @Test func quotedTextAfterAPromptKeyIsTypedWithItsSpaces() throws {
        let keys = try KeyScript.parseKeys(#": "sort amount desc" Enter / status:open Enter"#).get()
        #expect(
            keys == [.char(":")] + "sort amount desc".map { Key.char($0) } + [.enter, .char("/")]
                + "status:open".map { Key.char($0) } + [.enter])
        // Quotes mean nothing elsewhere, and one left open is an error, not a silent guess.
        #expect(throws: KeyScript.Message.self) { try KeyScript.parseKeys(#"j "Enter""#).get() }
        #expect(throws: KeyScript.Message.self) { try KeyScript.parseKeys(#": "sort amount"#).get() }
    }

    @Test func aScriptedTerminalPlaysTheScriptWithPausesAndLetsRealKeysThrough() async throws {
        let orders = try Fixtures.sampleOrders()
        let real = FakeTerminal(size: Size(width: 120, height: 40))
        let script = try KeyScript.parse("j\nsleep 0.05\nj\nTab\nsleep 0.05\nq")
        let terminal = ScriptedTerminal(real, script: script)
        let loop = AppLoop(
            state: UIState(app: AppState(origin: .files(["fixture"])), sourceLabel: "fixture"),
            terminal: terminal,
            source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)
        #expect(terminal.finished)
        #expect(loop.state.app.isQuitting)
        #expect(loop.state.app.list.selectedSummary?.orderNumber == "SO-100003")
        #expect(loop.state.app.focus == .detail)
        // The real terminal drew the frames and was polled for the presenter's keys.
        #expect(real.frames.count > 3)
        #expect(real.timeouts > 0)
    }
}
