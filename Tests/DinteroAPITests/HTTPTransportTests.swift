import DinteroMock
import Foundation
import JSONCore
import OrderModel
import TestTiming
import Testing

@testable import OrderSources

/// The SwiftNIO transport: keep-alive connections, the pool bounded by the requests in flight,
/// the body size limit and readable connection errors.
@Suite("HTTP transport on SwiftNIO", .onWaitingExecutor)
struct HTTPTransportTests {
    @Test func sequentialRequestsShareOneKeptAliveConnection() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        for id in ["ord-0001", "ord-0002", "ord-0003", "ord-0004"] {
            #expect(try await source.order(id: id).id == id)
        }
        _ = try await source.page(after: nil, limit: 10)
        // The token and five API calls, one after the other, on one connection.
        #expect(server.requestLog.count == 6)
        #expect(server.connectionCount == 1)
    }

    @Test func concurrentRequestsOpenNoMoreConnectionsThanRequestsInFlight() async throws {
        var configuration = APIFixtures.configuration(48)
        configuration.listWithoutEvents = true
        configuration.latencyMilliseconds = 20
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let directory = try FetchTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let saved = try await OrderDumpFetcher.fetch(
            from: try APIFixtures.source(server), to: directory + "/out.json", gzip: false, pageSize: 16,
            concurrency: 4)
        #expect(saved == 48)
        #expect(try FetchTests.savedOrders(directory + "/out.json") == APIFixtures.orders(48))
        #expect(server.apiRequests.count == 48 + 4)
        #expect(server.maxRequestsInFlight > 1)
        #expect(server.connectionCount <= 4)
    }

    @Test func anAnswerOverTheBodyLimitIsRefused() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let endpoint = NIOHTTPClient.Endpoint(host: "127.0.0.1", port: Int(server.port))
        // Generous: under a loaded full run the task may wait for a thread past a short deadline.
        let timeout = APIFixtures.patientTimeout
        let unlimited = NIOHTTPClient()
        let basic = Data((APIFixtures.clientID + ":" + APIFixtures.secret).utf8).base64EncodedString()
        let audience = "https://api.dintero.com/v1/accounts/\(APIFixtures.accountID)"
        let tokenRequest = NIOHTTPClient.Request(
            method: .POST, endpoint: endpoint, target: "/v1/accounts/\(APIFixtures.accountID)/auth/token",
            headers: [("Authorization", "Basic " + basic), ("Content-Type", "application/json")],
            body: Array(#"{"grant_type":"client_credentials","audience":"\#(audience)"}"#.utf8))
        let tokenAnswer = try await unlimited.send(tokenRequest, timeout: timeout).get()
        #expect(tokenAnswer.status == 200)
        let token = try #require(try JSONParser.parse(tokenAnswer.body)["access_token"]?.stringValue)
        let list = NIOHTTPClient.Request(
            method: .GET, endpoint: endpoint,
            target: "/v1/accounts/\(APIFixtures.accountID)/shopping/orders?limit=30",
            headers: [("Authorization", "Bearer " + token)], body: nil)
        let whole = try await unlimited.send(list, timeout: timeout).get()
        #expect(whole.status == 200)
        #expect(whole.body.count > 200)
        let limited = await NIOHTTPClient(maxBodyBytes: 200).send(list, timeout: timeout)
        guard case .failure(let failure) = limited else {
            Issue.record("expected the answer to be refused")
            return
        }
        #expect(failure == .network("the answer is larger than 200 bytes"))
    }

    @Test func aClosedPortIsReportedAsRefusedWithoutSecrets() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(1))
        let source = try APIFixtures.source(server, maxAttempts: 1)
        server.stop()
        do {
            _ = try await source.page(after: nil, limit: 10)
            Issue.record("expected a connection error")
        } catch {
            #expect(error.message.contains("cannot connect to the server (connection refused)"))
            #expect(!error.message.contains(APIFixtures.secret))
        }
    }
}
