import Foundation
import OrderIndex
import OrderModel
import Testing

@testable import OrderSources

/// `mapOrdersReportingText` (`export`'s checks and the browser's background check): each order's
/// value in its place, nil for one that cannot be read or is not indexed, and the text problems
/// in file order, as reading each order alone gives them; the same whether the workers give up
/// their core every few orders (`yieldingEvery`, the browser's check) or not.
@Suite struct DumpMapOrdersTests {
    @Test(arguments: [0, 1, 3, 8])
    func eachOrderInItsPlaceAsWhenReadAlone(yieldingEvery: Int) throws {
        let dir = try TempDirectory()
        let count = 2_500
        let path = try dir.write("map.json", DumpStreamPipelineTests.dump(count))
        let source = try DumpSource.open(paths: [path])
        #expect(source.count == count)
        // Two places before the first order and two after the last, which no order fills.
        let range = -2..<(count + 2)
        let (values, problems) = source.mapOrdersReportingText(
            in: range, decoding: .forChecks, yieldingEvery: yieldingEvery
        ) { $0.id ?? "?" }

        var expectedValues: [String?] = []
        var expectedProblems: [SourceProblem] = []
        for index in range {
            guard let (order, text) = try? source.orderReportingText(at: index) else {
                expectedValues.append(nil)
                continue
            }
            expectedValues.append(order.id ?? "?")
            expectedProblems += text
        }
        #expect(values == expectedValues)
        #expect(problems == expectedProblems)
        // The dump's damage is there to be met: unreadable orders and raw tabs.
        #expect(values.filter { $0 == nil }.count == 4 + (0..<count).filter { $0 % 401 == 7 }.count)
        #expect(problems.count == (0..<count).filter { $0 % 333 == 5 }.count)
        #expect(problems.first?.message.hasPrefix("order o5: raw control character") == true)
    }
}
