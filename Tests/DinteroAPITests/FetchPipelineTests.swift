import DinteroMock
import Foundation
import OrderModel
import OrderSources
import TestTiming
import Testing

/// Fetch asks for the next page while the details of the page before are still coming, within
/// `--concurrency`, and saves the orders in list order all the same.
@Suite("Fetch pipelining", .onWaitingExecutor)
struct FetchPipelineTests {
    @Test func theNextPageIsListedWhileDetailsAreStillComing() async throws {
        var configuration = APIFixtures.configuration(60)
        configuration.listWithoutEvents = true
        configuration.latencyMilliseconds = 30
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 25, concurrency: 6)
        #expect(saved == 60)
        #expect(try FetchTests.savedOrders(path) == APIFixtures.orders(60))
        // The log is in the order of the answers: the second page was answered before the
        // last details of the first.
        let log = server.apiRequests
        let lists = log.indices.filter { log[$0].path.hasSuffix("/orders") }
        #expect(lists.count == 4)  // three pages and the empty one that ends a listing by ids
        let firstPageIDs = Set(APIFixtures.orders(25).compactMap { $0["id"]?.stringValue })
        let lastFirstPageDetail = try #require(
            log.lastIndex { record in
                firstPageIDs.contains(String(record.path.split(separator: "/").last ?? ""))
            })
        #expect(lists[1] < lastFirstPageDetail, "the second page waited for every detail of the first")
        #expect(server.maxRequestsInFlight <= 6)
    }

    @Test func withConcurrencyOneNothingOverlaps() async throws {
        var configuration = APIFixtures.configuration(12)
        configuration.listWithoutEvents = true
        configuration.latencyMilliseconds = 5
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        _ = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 5, concurrency: 1)
        #expect(try FetchTests.savedOrders(path) == APIFixtures.orders(12))
        #expect(server.maxRequestsInFlight == 1)
    }
}
