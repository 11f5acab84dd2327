import DinteroMock
import Foundation
import JSONCore
import OrderModel
import OrderSources
import TestTiming
import Testing

/// Orders without events are saved from the list when the server includes events in it, and
/// fetched on their own when it does not.
@Suite("Complete list entries", .onWaitingExecutor)
struct CompleteListEntriesTests {
    /// `count` fixture orders, those at odd positions (all with `allStripped`) without their
    /// `events` key.
    static func orders(_ count: Int, allStripped: Bool = false) -> [JSONValue] {
        APIFixtures.orders(count).enumerated().map { index, order in
            guard index % 2 == 1 || allStripped, case .object(var object) = order,
                let key = object.keys.firstIndex(of: "events")
            else { return order }
            object.keys.remove(at: key)
            object.values.remove(at: key)
            return .object(object)
        }
    }

    static func fetch(_ configuration: MockConfiguration) async throws -> (saved: [JSONValue], details: Int) {
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.json"
        _ = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: path, gzip: false, pageSize: 10)
        return (
            try FetchTests.savedOrders(path),
            server.apiRequests.filter { !$0.path.hasSuffix("/orders") }.count
        )
    }

    @Test func ordersWithoutEventsOnAPageWithEventsNeedNoRequest() async throws {
        var configuration = APIFixtures.configuration(0)
        configuration.orders = Self.orders(25)
        let (saved, details) = try await Self.fetch(configuration)
        #expect(saved == Self.orders(25))
        #expect(details == 0)
    }

    @Test func aServerThatLeavesEventsOutOfListsGetsARequestPerOrder() async throws {
        var configuration = APIFixtures.configuration(0)
        configuration.orders = Self.orders(25)
        configuration.listWithoutEvents = true
        let (saved, details) = try await Self.fetch(configuration)
        #expect(saved == Self.orders(25))
        #expect(details == 25)
    }

    @Test func aPageWhereNoOrderHasEventsIsFetchedOrderByOrder() async throws {
        var configuration = APIFixtures.configuration(0)
        // Ten orders a page: the first with events at even positions, the second with none.
        configuration.orders = Self.orders(10) + Self.orders(20, allStripped: true).suffix(10)
        let (saved, details) = try await Self.fetch(configuration)
        #expect(saved == configuration.orders)
        #expect(details == 10)
    }
}
