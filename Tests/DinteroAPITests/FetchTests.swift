import DinteroMock
import Foundation
import JSONCore
import OrderIndex
import OrderModel
import OrderSources
import TestTiming
import Testing

@Suite("Fetch to a dump", .onWaitingExecutor)
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
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory) == [
                gzip ? "out.json.gz" : "out.json"
            ])
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
                from: try APIFixtures.source(server, maxAttempts: 2), to: directory + "/out.json", gzip: false
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// A fresh folder for one test's dump, removed by the caller.
    static func directory() throws -> String {
        let directory = NSTemporaryDirectory() + "orderscope-fetch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func savedOrders(_ path: String) throws -> [JSONValue] {
        try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).arrayValue ?? []
    }

    @Test func completeListEntriesAreSavedFromThePagesAlone() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(230))
        defer { server.stop() }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false)
        #expect(saved == 230)
        #expect(try Self.savedOrders(path) == APIFixtures.orders(230))
        // 100 + 100 + 30 and the empty page after them; no order fetched on its own.
        let requests = server.apiRequests
        #expect(requests.count == 4)
        #expect(
            requests.allSatisfy { $0.path.hasSuffix("/orders") && $0.queryValue("include_events") == "true" })
    }

    @Test func summariesAreFetchedInFullAtMostConcurrencyAtATime() async throws {
        var configuration = APIFixtures.configuration(60)
        configuration.listWithoutEvents = true
        configuration.latencyMilliseconds = 40
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 25, concurrency: 6)
        #expect(saved == 60)
        #expect(try Self.savedOrders(path) == APIFixtures.orders(60))
        #expect(server.apiRequests.filter { !$0.path.hasSuffix("/orders") }.count == 60)
        // Requests overlapped, and never more than asked.
        #expect(server.maxRequestsInFlight > 1)
        #expect(server.maxRequestsInFlight <= 6)
    }

    @Test func rateLimitsAndServerErrorsAmongConcurrentDetailsLoseAndReorderNothing() async throws {
        var configuration = APIFixtures.configuration(50)
        configuration.listWithoutEvents = true
        configuration.latencyMilliseconds = 10
        configuration.faultsAfter = 3
        configuration.fail429Count = 4
        configuration.retryAfterSeconds = 0
        configuration.fail500Count = 6
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server, maxAttempts: 12), to: path, gzip: false, pageSize: 20,
            concurrency: 8)
        #expect(saved == 50)
        #expect(try Self.savedOrders(path) == APIFixtures.orders(50))
        #expect(server.apiRequests.filter { $0.fault == "429" }.count == 4)
        #expect(server.apiRequests.filter { $0.fault == "500" }.count == 6)
    }
}
