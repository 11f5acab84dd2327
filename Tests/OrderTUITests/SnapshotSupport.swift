import Foundation
import JSONCore
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Whole-screen snapshots in Tests/OrderTUITests/Snapshots: each file holds the screen's text,
/// then its style mask and legend (`StyleMask`), so colours and attributes are checked as well
/// as text. `ORDERSCOPE_RECORD=1` rewrites them after an intended change, and the test still
/// fails, so a recording run can never pass by accident: look at the diff, then run again
/// without it. A missing file is recorded and fails the same way.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["ORDERSCOPE_RECORD"] == "1" }

    /// The snapshot file's text for `grid` drawn with `theme`.
    static func render(_ grid: Grid, theme: Theme) -> String {
        grid.lines().joined(separator: "\n") + "\n" + StyleMask(grid, theme: theme).text
    }

    /// Renders `state` at `size` with `theme` and compares it with the snapshot `name`.
    static func assertScreen(
        _ state: UIState, size: Size, theme: Theme, named name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assert(
            ScreenRenderer.render(state, size: size, theme: theme), theme: theme, named: name,
            sourceLocation: sourceLocation)
    }

    static func assert(
        _ grid: Grid, theme: Theme, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = render(grid, theme: theme)
        let file = folder.appendingPathComponent(name + ".txt")
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if !isRecording, let expected {
            if expected != text {
                let hint = "ORDERSCOPE_RECORD=1 rewrites it after an intended change"
                Issue.record(
                    "snapshot \(name) differs (\(hint)).\n--- expected\n\(expected)--- actual\n\(text)",
                    sourceLocation: sourceLocation)
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write snapshot \(name): \(error)", sourceLocation: sourceLocation)
            return
        }
        let what =
            expected == nil
            ? "recorded a new snapshot" : expected == text ? "re-recorded (unchanged)" : "re-recorded"
        Issue.record(
            "\(what) \(name): a recording run always fails; check the file and run again without ORDERSCOPE_RECORD",
            sourceLocation: sourceLocation)
    }
}

/// Builds UI states from the sample dump through the real event path, with no I/O.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sampleOrders() throws -> [Order] {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Resources/sample-orders.json"))
        let json = try JSONParser.parse(Array(data))
        return (json.arrayValue ?? []).map { Order(json: $0) }
    }

    /// A UI state with every sample order loaded and the first one opened, through the same
    /// effect runner as the app (inline).
    static func loadedState(size: Size, orders: [Order]) async -> (UIState, UIController) {
        var state = UIState(
            app: AppState(origin: .files(["Resources/sample-orders.json"])),
            sourceLabel: "Resources/sample-orders.json")
        let runner = EffectRunner(source: FixtureSource(orders: orders))
        await syncViewport(&state, size: size, runner: runner)
        await runner.send(.started, to: &state.app)
        return (state, UIController())
    }

    /// Presses keys as the loop would: each key's effects (and their follow-ups) run to the end,
    /// then the viewport follows the layout.
    static func press(
        _ keys: [Key], _ state: inout UIState, _ controller: UIController, size: Size, orders: [Order]
    ) async {
        let runner = EffectRunner(source: FixtureSource(orders: orders))
        for key in keys {
            let actions = controller.handle(key, state: &state, size: size)
            let effects = actions.compactMap { action -> AppEffect? in
                if case .app(let effect) = action { return effect }
                return nil
            }
            await runner.settle(effects, in: &state.app)
            await syncViewport(&state, size: size, runner: runner)
        }
    }

    private static func syncViewport(_ state: inout UIState, size: Size, runner: EffectRunner) async {
        let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
        await runner.send(
            .viewportChanged(
                listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows,
                listColumns: layout.listColumns),
            to: &state.app)
    }
}
