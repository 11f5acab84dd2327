import DinteroMock
import Foundation
import JSONCore
import OrderModel
import TestTiming
import Testing

/// `faultsAfter`: the fault counters are consumed only after that many API requests, so a
/// fault can hit page 3 instead of page 1.
@Suite("DinteroMock fault schedule", .onWaitingExecutor)
struct MockFaultScheduleTests {
    @Test func faultsStartAfterTheConfiguredNumberOfRequests() async throws {
        var configuration = APIFixtures.configuration(3)
        configuration.faultsAfter = 2
        configuration.fail500Count = 1
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let url = server.baseURL + "/v1/accounts/T12345678/auth/token"
        let basic = Data("\(APIFixtures.clientID):\(APIFixtures.secret)".utf8).base64EncodedString()
        let body =
            #"{"grant_type":"client_credentials","audience":"https://api.dintero.com/v1/accounts/T12345678"}"#
        let answer = try await rawRequest(
            url, method: "POST", headers: ["Authorization": "Basic " + basic], body: body)
        let token = try JSONParser.parse(answer.body)["access_token"]?.stringValue ?? ""
        var statuses: [Int] = []
        for _ in 0..<4 {
            let list = try await rawRequest(
                server.baseURL + "/v1/accounts/T12345678/shopping/orders?limit=2",
                headers: ["Authorization": "Bearer " + token])
            statuses.append(list.status)
        }
        #expect(statuses == [200, 200, 500, 200])
        #expect(server.requestLog.filter { !$0.isTokenRequest }.map(\.fault) == [nil, nil, "500", nil])
    }
}
