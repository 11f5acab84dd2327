import DinteroMock
import Foundation
import JSONCore
import OrderModel
import TestTiming
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("DinteroMock server", .onWaitingExecutor)
struct DinteroMockTests {
    @Test func bindsLoopbackOnAnEphemeralPort() throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(3))
        defer { server.stop() }
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
    }

    @Test func refusesRequestsWithoutABearerToken() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(3))
        defer { server.stop() }
        let answer = try await rawRequest(server.baseURL + "/v1/accounts/T12345678/shopping/orders")
        #expect(answer.status == 401)
        let json = try JSONParser.parse(answer.body)
        #expect(json["error"]?["code"]?.stringValue == "UNAUTHORIZED")
    }

    @Test func tokenEndpointChecksBasicAuthAndAudience() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(3))
        defer { server.stop() }
        let url = server.baseURL + "/v1/accounts/T12345678/auth/token"
        let good = Data("\(APIFixtures.clientID):\(APIFixtures.secret)".utf8).base64EncodedString()
        let bad = Data("\(APIFixtures.clientID):wrong".utf8).base64EncodedString()
        let body =
            #"{"grant_type":"client_credentials","audience":"https://api.dintero.com/v1/accounts/T12345678"}"#
        let ok = try await rawRequest(
            url, method: "POST", headers: ["Authorization": "Basic " + good], body: body)
        #expect(ok.status == 200)
        let token = try JSONParser.parse(ok.body)
        #expect(token["token_type"]?.stringValue == "Bearer")
        #expect(token["expires_in"]?.intValue == 3600)
        #expect(token["access_token"]?.stringValue?.isEmpty == false)
        let refused = try await rawRequest(
            url, method: "POST", headers: ["Authorization": "Basic " + bad], body: body)
        #expect(refused.status == 401)
        let wrongAudience = try await rawRequest(
            url, method: "POST", headers: ["Authorization": "Basic " + good],
            body:
                #"{"grant_type":"client_credentials","audience":"https://evil.example/v1/accounts/T12345678"}"#
        )
        #expect(wrongAudience.status == 403)
    }

    @Test func limitOutsideOneToHundredIsABadRequest() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(3))
        defer { server.stop() }
        let url = server.baseURL + "/v1/accounts/T12345678/auth/token"
        let basic = Data("\(APIFixtures.clientID):\(APIFixtures.secret)".utf8).base64EncodedString()
        let body =
            #"{"grant_type":"client_credentials","audience":"https://api.dintero.com/v1/accounts/T12345678"}"#
        let answer = try await rawRequest(
            url, method: "POST", headers: ["Authorization": "Basic " + basic], body: body)
        let token = try JSONParser.parse(answer.body)["access_token"]?.stringValue ?? ""
        for limit in ["0", "101", "x"] {
            let list = try await rawRequest(
                server.baseURL + "/v1/accounts/T12345678/shopping/orders?limit=\(limit)",
                headers: ["Authorization": "Bearer " + token])
            #expect(list.status == 400)
        }
        let fine = try await rawRequest(
            server.baseURL + "/v1/accounts/T12345678/shopping/orders?limit=100",
            headers: ["Authorization": "Bearer " + token])
        #expect(fine.status == 200)
        // The documented envelope; lists leave events out unless asked, like the full order.
        #expect(try JSONParser.parse(fine.body)["orders"]?.arrayValue?.count == 3)
        #expect(try JSONParser.parse(fine.body)["orders"]?.arrayValue?.first?["events"] == nil)
        let listWithEvents = try await rawRequest(
            server.baseURL + "/v1/accounts/T12345678/shopping/orders?limit=2&include_events=true",
            headers: ["Authorization": "Bearer " + token])
        #expect(
            try JSONParser.parse(listWithEvents.body)["orders"]?.arrayValue?.first?["events"]?.arrayValue?
                .count == 1)
        let withEvents = try await rawRequest(
            server.baseURL + "/v1/accounts/T12345678/shopping/orders/ord-0001?include_events=true",
            headers: ["Authorization": "Bearer " + token])
        #expect(try JSONParser.parse(withEvents.body)["events"]?.arrayValue?.count == 1)
        #expect(server.requestLog.count == 7)
    }

    @Test func loadsArrayWrappedAndNDJSONDumps() throws {
        let array = try MockConfiguration.parseDump(Array(#"[{"id":"a"},{"id":"b"}]"#.utf8))
        let wrapped = try MockConfiguration.parseDump(Array(#"{"orders":[{"id":"a"},{"id":"b"}]}"#.utf8))
        let lines = try MockConfiguration.parseDump(Array("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n".utf8))
        #expect(array == wrapped)
        #expect(array == lines)
        #expect(array.count == 2)
        #expect(throws: MockServerError.self) { try MockConfiguration.parseDump(Array("[1, 2".utf8)) }
    }

    @Test func serializerRoundTrips() throws {
        let text = #"{"a":[1,2.50,-3e2,true,false,null],"b":"q\"\\\n\u0001é😀","c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(value.serializedBytes()) == value)
    }
}
