import Foundation
import JSONCore
import OrderModel
import Testing

@testable import OrderViewModel

/// Inputs the libFuzzer target (Tests/Fuzz) crashed on, each kept as a file in
/// Tests/Fixtures/fuzz and run through everything the target runs.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> JSONValue {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return try JSONParser.parse(
            try Data(contentsOf: url.appendingPathComponent("Fixtures/fuzz/\(name)")).map { $0 })
    }

    /// `tax_basis` × `percentage` / 100 beyond Int64: the expected tax was converted with a
    /// trapping `Int64(_:)` (SIGILL in `check`, `print --order` and the detail pane).
    @Test func taxBasisTimesPercentageBeyondInt64IsAnAnomalyNotACrash() throws {
        let order = Order(json: try Self.fixture("tax-basis-times-percentage-overflows.json"))
        let analysis = LoadedOrder(order: order)
        let tax = analysis.anomalies.filter { $0.kind == .taxAmount }
        #expect(tax.count == 1)
        #expect(tax.first?.message.contains("expected about an amount out of range") == true)
        #expect(!OrderScreens.fullReport(order).isEmpty)
    }
}
