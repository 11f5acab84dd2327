import DinteroMock
import Foundation
import OrderModel
import OrderSources
import Testing

@Suite("Fetch to a dump")
struct FetchTests {
    @Test(arguments: [false, true])
    func roundTripGivesTheMocksOrders(gzip: Bool) async throws {
        let orders = APIFixtures.orders(130)
        var configuration = APIFixtures.configuration(0)
        configuration.orders = orders
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "orderscope-fetch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + (gzip ? "/out.json.gz" : "/out.json")
        let count = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: gzip, pageSize: 50)
        #expect(count == 130)
        let dump = try DumpSource.open(paths: [path])
        #expect(dump.count == 130)
        for index in 0..<130 {
            #expect(try dump.json(at: index) == orders[index])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [gzip ? "out.json.gz" : "out.json"])
    }

    @Test func redactedFetchWritesNoCustomerName() async throws {
        let orders = APIFixtures.orders(12)
        var configuration = APIFixtures.configuration(0)
        configuration.orders = orders
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "orderscope-fetch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let count = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 5, redact: true)
        #expect(count == 12)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("Åå"))
        #expect(text.contains("\"first_name\":\"[redacted]\""))
        let dump = try DumpSource.open(paths: [path])
        for index in 0..<12 {
            #expect(try dump.json(at: index) == Redactor.redact(orders[index]))
            #expect(dump.summaries[index].orderNumber == "N-\(index)")
        }
    }

    @Test func failureLeavesNothingBehind() async throws {
        var configuration = APIFixtures.configuration(30)
        configuration.fail500Count = 1000
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "orderscope-fetch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        await #expect(throws: SourceError.self) {
            try await OrderDumpFetcher.fetch(
                from: try APIFixtures.source(server, maxAttempts: 2), to: directory + "/out.json", gzip: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
