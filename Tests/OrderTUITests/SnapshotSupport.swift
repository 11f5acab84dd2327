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

    /// A UI state with every sample order loaded and the first one opened.
    static func loadedState(size: Size, orders: [Order]) -> (UIState, UIController) {
        var state = UIState(app: AppState(origin: .files(["Resources/sample-orders.json"])), sourceLabel: "Resources/sample-orders.json")
        let controller = UIController()
        let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
        var effects = state.app.handle(.viewportChanged(listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows))
        effects += state.app.handle(.started)
        guard case .loadPage(let request, _, _) = effects.first else { return (state, controller) }
        let summaries = orders.map { OrderSummary(order: $0) }
        let followUps = state.app.handle(.pageLoaded(request: request, .success(OrderPage(summaries: summaries, next: nil, totalCount: summaries.count))))
        deliver(followUps, to: &state, orders: orders)
        return (state, controller)
    }

    /// Answers loadOrder effects from the fixture orders, as the loop would.
    static func deliver(_ effects: [AppEffect], to state: inout UIState, orders: [Order]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if case .loadOrder(let id) = effect, let order = orders.first(where: { OrderSummary(order: $0).id == id }) {
                queue += state.app.handle(.orderLoaded(id: id, .success(order)))
            }
            if case .computeSummary(let request) = effect {
                queue += state.app.handle(.summaryComputed(generation: request.generation, request.run()))
            }
        }
    }

    static func press(_ keys: [Key], _ state: inout UIState, _ controller: UIController, size: Size, orders: [Order]) {
        for key in keys {
            let actions = controller.handle(key, state: &state, size: size)
            let effects = actions.compactMap { action -> AppEffect? in
                if case .app(let effect) = action { return effect }
                return nil
            }
            deliver(effects, to: &state, orders: orders)
            let layout = ScreenLayout.compute(size: size, focus: state.app.focus)
            _ = state.app.handle(.viewportChanged(listRows: layout.listRows, detailRows: layout.detailRows, timelineRows: layout.timelineRows))
        }
    }
}
