import Foundation
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The hint bar shows whole hints only, and never loses the pane's own hints, `? help` and
/// `q quit` to the global ones.
@Suite struct HintBarTests {
    @Test(arguments: [Pane.list, .detail, .timeline])
    func barHoldsWholeHintsAndKeepsHelpAndQuit(focus: Pane) {
        let table = KeyTable.standard
        var state = UIState(app: AppState(origin: .files(["x.json"])), sourceLabel: "x.json")
        state.app.focus = focus
        for width in 24...200 {
            let size = Size(width: width, height: 30)
            let bar = ScreenRenderer.render(state, size: size, theme: .monochrome).lines()[29]
            let kept = Bars.fittingHints(table.hints(focus: focus), width: width - 1)
            let expected = kept.map { "\($0.keys) \($0.hint)" }.joined(separator: "  ")
            #expect(bar.trimmingCharacters(in: .whitespaces) == expected, "width \(width): \(bar)")
            if width >= 30 {
                #expect(kept.contains { $0.command == .toggleHelp }, "width \(width): \(bar)")
                #expect(kept.contains { $0.command == .app(.quit) }, "width \(width): \(bar)")
            }
            if width >= 50 {
                for own in table.hints(focus: focus) where own.forPane {
                    #expect(kept.contains(own), "width \(width): \(own.hint) missing from \(bar)")
                }
            }
        }
        // Wide enough for everything: every hint, in table order.
        let all = table.hints(focus: focus)
        #expect(Bars.fittingHints(all, width: 400).map(\.hint) == all.map(\.hint))
    }
}
