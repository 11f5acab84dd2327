import Foundation
import OrderModel
import Testing

@testable import OrderSources

/// The dump reader on hostile input: values at the edges of what the list columns can hold,
/// and inputs the fuzzer (Tests/Fuzz) turned up.
@Suite("hostile dumps")
struct HostileDumpTests {
    @Test func amountsAtTheInt64LimitsReachTheListColumn() throws {
        let dir = try TempDirectory()
        let file = try dir.write(
            "limits.json",
            """
            [{"id":"max","currency":"NOK","gross_amount":9223372036854775807},
             {"id":"min","currency":"NOK","gross_amount":-9223372036854775808},
             {"id":"past","currency":"NOK","gross_amount":9223372036854775808},
             {"id":"below","currency":"NOK","gross_amount":-9223372036854775809}]
            """)
        let source = try DumpSource.open(paths: [file])
        #expect(source.summaries.map(\.grossAmount) == [Int64.max, Int64.min, nil, nil])
    }

    @Test func theHostileFixtureOpensWithEveryOrderAndTheFullDecoderAgrees() throws {
        let source = try DumpSource.open(paths: [Fixtures.path("hostile.json")])
        #expect(source.summaries.map(\.id) == ["hostile-1", "hostile-2", "hostile-3"])
        for index in 0..<source.count {
            let order = try source.order(at: index)
            #expect(order.grossAmount == source.summaries[index].grossAmount)
        }
        let deep = try source.order(at: 2)
        #expect(deep.items.first?.payout?.count == 1_000)
        #expect((deep.items.first?.description?.utf8.count ?? 0) > 1 << 20)
    }
}
