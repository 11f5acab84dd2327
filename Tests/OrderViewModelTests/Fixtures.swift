import Foundation
import JSONCore
import OrderAnalysis
import OrderModel
import Testing

@testable import OrderViewModel

/// Test helpers: fixture loading and order building from JSON text.
enum Fixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("viewmodel")
    }

    static func order(named name: String) throws -> Order {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return Order(json: try JSONParser.parse([UInt8](data)))
    }

    /// The orders of Resources/sample-orders.json (the documentation example last).
    static func sampleOrders() throws -> [Order] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Resources/sample-orders.json"))
        return (try JSONParser.parse([UInt8](data)).arrayValue ?? []).map { Order(json: $0) }
    }

    static func exampleOrder() throws -> Order {
        try order(named: "order-store-get.docs-example.json")
    }

    static func order(_ text: String) throws -> Order {
        Order(json: try JSONParser.parse(text))
    }

    /// Rows as `indent|label|value` lines, for readable exact comparisons.
    static func lines(_ rows: [DetailRow]) -> [String] {
        rows.map { "\($0.indent)|\($0.label)|\($0.value)" }
    }
}

extension DetailScreen {
    func section(_ id: String) -> DetailSection? { sections.first { $0.id == id } }
    var allRows: [DetailRow] { sections.flatMap(\.rows) }
}
