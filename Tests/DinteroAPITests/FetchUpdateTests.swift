import DinteroMock
import Foundation
import JSONCore
import OrderModel
import OrderSources
import TestTiming
import Testing

/// `fetch --update DUMP`: only orders new to the dump or changed since are taken, merged into
/// it and written atomically (a fault at any page leaves the dump as it was).
@Suite("Fetch update", .onWaitingExecutor)
struct FetchUpdateTests {
    static let count = 230
    static let saved = 150
    static let changedIndices = [10, 20]

    /// The API's orders: the fixtures, two of them changed after the dump was saved.
    static func serverOrders() throws -> [JSONValue] {
        var orders = APIFixtures.orders(count)
        for index in changedIndices {
            guard case .object(var object) = orders[index] else { continue }
            object.append("updated_at", .string("2024-03-01T00:00:00Z"))
            if let amount = object.keys.firstIndex(of: "gross_amount") {
                object.values[amount] = .number("99")
            }
            orders[index] = .object(object)
        }
        return orders
    }

    /// Writes the first `saved` fixtures (the versions before the change) as the dump.
    static func writeDump(_ path: String) throws {
        let text = JSONValue.array(Array(APIFixtures.orders(count).prefix(saved))).serializedBytes()
        try Data(text).write(to: URL(fileURLWithPath: path))
    }

    static func expectedMerge() throws -> [JSONValue] {
        var expected = Array(APIFixtures.orders(count).prefix(saved))
        let server = try serverOrders()
        for index in changedIndices { expected[index] = server[index] }
        return expected + server[saved...]
    }

    @Test func aFaultAtEveryPageLeavesTheDumpAsItWasAndARetryMerges() async throws {
        var faultAt = 0
        while true {
            var configuration = APIFixtures.configuration(0)
            configuration.orders = try Self.serverOrders()
            configuration.faultsAfter = faultAt
            configuration.fail500Count = 2
            let server = try DinteroMockServer.start(configuration)
            defer { server.stop() }
            let directory = try FetchTests.directory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/orders.json"
            try Self.writeDump(path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let source = try APIFixtures.source(server, maxAttempts: 2)
            var failed = false
            do {
                _ = try await OrderDumpUpdater.update(
                    from: source, dump: path, to: path, gzip: false, pageSize: 50)
            } catch {
                failed = true
                #expect(
                    try Data(contentsOf: URL(fileURLWithPath: path)) == before, "fault at request \(faultAt)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["orders.json"])
            }
            let update =
                failed
                ? try await OrderDumpUpdater.update(
                    from: source, dump: path, to: path, gzip: false, pageSize: 50)
                : nil
            #expect(try FetchTests.savedOrders(path) == Self.expectedMerge(), "fault at request \(faultAt)")
            if let update {
                #expect(
                    update == DumpUpdate(kept: Self.saved - 2, changed: 2, added: Self.count - Self.saved))
            }
            if !failed {
                // The fault came after the last request: one was tried at every page.
                #expect(faultAt >= 5)
                return
            }
            faultAt += 1
            try #require(faultAt < 20)
        }
    }

    @Test func onlyNewAndChangedOrdersAreFetchedOneByOne() async throws {
        var configuration = APIFixtures.configuration(0)
        configuration.orders = try Self.serverOrders()
        configuration.listWithoutEvents = true
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/orders.json"
        try Self.writeDump(path)
        let update = try await OrderDumpUpdater.update(
            from: try APIFixtures.source(server), dump: path, to: directory + "/merged.json.gz", gzip: true)
        #expect(update == DumpUpdate(kept: Self.saved - 2, changed: 2, added: Self.count - Self.saved))
        let merged = try DumpSource.open(paths: [directory + "/merged.json.gz"])
        let expected = try Self.expectedMerge()
        #expect(merged.count == expected.count)
        for index in 0..<expected.count { #expect(try merged.json(at: index) == expected[index]) }
        let details = server.apiRequests.filter { !$0.path.hasSuffix("/orders") }
        #expect(details.count == 2 + Self.count - Self.saved)
    }
}
