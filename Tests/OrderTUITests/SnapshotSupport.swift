import JSONCore
import Foundation
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Whole-screen snapshots as text files in Tests/OrderTUITests/Snapshots. Set
/// `ORDERSCOPE_RECORD=1` to rewrite them after an intended change; a missing file is recorded
/// and the test fails so nobody forgets to look at it.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = grid.lines().joined(separator: "\n") + "\n"
        let file = folder.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["ORDERSCOPE_RECORD"] == "1"
        guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? text.write(to: file, atomically: true, encoding: .utf8)
            if !record {
                Issue.record("recorded a new snapshot \(name); check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        if expected != text {
            Issue.record(
                "snapshot \(name) differs.\n--- expected\n\(expected)--- actual\n\(text)", sourceLocation: sourceLocation)
        }
    }
}

/// Builds UI states from the sample dump through the real event path, with no I/O.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sampleOrders() throws -> [Order] {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Resources/sample-orders.json"))
        let json = try JSONParser.parse(Array(data))
        return (json.arrayValue ?? []).map { Order(json: $0) }
    }

    /// A UI state with every sample order loaded and the first one opened, through the same
    /// effect runner as the app (inline).
    static func loadedState(size: Size, orders: [Order]) async -> (UIState, UIController) {
        var state = UIState(app: AppState(origin: .files(["Resources/sample-orders.json"])), sourceLabel: "Resources/sample-orders.json")
        let runner = EffectRunner(source: FixtureSource(orders: orders))
        await syncViewport(&state, size: size, runner: runner)
        await runner.send(.started, to: &state.app)
        return (state, UIController())
    }

    /// Presses keys as the loop would: each key's effects (and their follow-ups) run to the end,
    /// then the viewport follows the layout.
    static func press(_ keys: [Key], _ state: inout UIState, _ controller: UIController, size: Size, orders: [Order]) async {
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
            .viewportChanged(listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows),
            to: &state.app)
    }
}
