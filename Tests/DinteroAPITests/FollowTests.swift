import DinteroMock
import Foundation
import JSONCore
import OrderModel
import OrderSources
import TestTiming
import Testing

/// `browse --follow` polls: orders created since the newest loaded, while the list pages on.
@Suite("Follow polls", .onWaitingExecutor)
struct FollowTests {
    static func order(_ id: String, created: String) throws -> JSONValue {
        try JSONParser.parse(
            #"{"id": "\#(id)", "order_number": "\#(id)", "created_at": "\#(created)", "status": "open"}"#)
    }

    @Test func aPollSeesOrdersAddedWhileTheListPagesOn() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let first = try await source.page(after: nil, limit: 10)
        server.addOrders([
            try Self.order("late-1", created: "2024-02-01T08:00:00Z"),
            try Self.order("late-2", created: "2024-02-01T09:00:00+01:00"),
        ])
        // The newest of the 30 fixtures was created on 28 January (ord-0027).
        let polled = try await source.ordersCreated(since: "2024-01-28T10:00:00Z", limit: 10)
        #expect(polled.map(\.id) == ["ord-0027", "late-1", "late-2"])
        #expect(server.apiRequests.last?.queryValue("created_at.gte") == "2024-01-28T10:00:00Z")
        // The poll did not disturb the browse listing's cursors.
        let second = try await source.page(after: first.next, limit: 10)
        #expect(second.summaries.map(\.id) == (10..<20).map { String(format: "ord-%04d", $0) })
    }

    @Test func aPollNeverWidensTheOperatorsDateFilter() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let source = try APIFixtures.source(server, query: DinteroOrderQuery(createdFrom: "2024-01-20"))
        _ = try await source.ordersCreated(since: "2024-01-02T00:00:00Z", limit: 10)
        #expect(server.apiRequests.last?.queryValue("created_at.gte") == "2024-01-20T00:00:00Z")
    }

    /// The loop asks the source for its follow capability (no cast): the API source has it.
    @Test func theAPISourceOffersItselfToFollow() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(3))
        defer { server.stop() }
        let source: any OrderSource = try APIFixtures.source(server)
        let follower = try #require(source.followable)
        server.addOrders([try Self.order("late-1", created: "2024-02-01T08:00:00Z")])
        let polled = try await follower.ordersCreated(since: "2024-02-01T00:00:00Z", limit: 10)
        #expect(polled.map(\.id) == ["late-1"])
    }
}
