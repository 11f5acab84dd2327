import Foundation
import JSONCore
import OrderModel
import Testing

@testable import OrderAnalysis

/// The whole-order work decodes orders for the checks alone, straight from the bytes
/// (`Order(tape:forChecks:)`, issue 19): the anomalies must be those of the whole order.
@Suite("Anomaly checks of orders decoded for the checks")
struct AnomalyTapeDecodingTests {
    @Test(arguments: [
        "Resources/demo-orders.json", "Resources/sample-orders.json", "Tests/Fixtures/model/seed-order.json",
        "Tests/Fixtures/dumps/hostile.json", "Tests/Fixtures/dumps/example-order.json",
    ])
    func sameAnomaliesAsTheWholeOrder(file: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
        try bytes.withUnsafeBytes { buffer in
            var issues = JSONTextIssues()
            let json = try JSONParser.parse(buffer, textIssues: &issues)
            let tape = try JSONTape(buffer, textIssues: &issues)
            let wholeOrders = (json.arrayValue ?? [json]).map(Order.init(json:))
            var roots: [Int] = []
            if tape[0].kind == .array {
                var element = 1
                while element < tape[0].after {
                    roots.append(element)
                    element = tape[element].after
                }
            } else {
                roots = [0]
            }
            #expect(roots.count == wholeOrders.count)
            var found = 0
            for (whole, at) in zip(wholeOrders, roots) {
                let checked = Order(tape: tape, at: at, forChecks: true)
                let anomalies = AnomalyChecker.check(checked)
                #expect(anomalies == AnomalyChecker.check(whole), "order \(whole.displayNumber) of \(file)")
                #expect(checked.displayNumber == whole.displayNumber)
                #expect(checked.decodeIssues == whole.decodeIssues)
                found += anomalies.count
            }
            if file.hasPrefix("Resources") { #expect(found > 0) }
        }
    }
}
