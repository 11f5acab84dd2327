import DinteroMock
import JSONCore
import OrderIndex
import OrderModel
import TestTiming
import Testing

@testable import OrderSources

/// Reading list answers whichever way the API shapes them, and the limit a 400 allows.
@Suite("Order list bodies")
struct OrderListBodyTests {
    static func body(_ text: String) throws -> OrderListBody? {
        OrderListBody(try JSONParser.parse(text))
    }

    @Test func bareArraysAndEnvelopesGiveTheOrders() throws {
        #expect(try Self.body(#"[{"id":"a"},1,{"id":"b"}]"#)?.orders.count == 2)
        #expect(try Self.body(#"[{"id":"a"}]"#)?.continuation == nil)
        #expect(try Self.body(#"{"orders":[{"id":"a"}]}"#)?.orders.count == 1)
        #expect(try Self.body(#"{"items":[{"id":"a"}],"paging_token":"t"}"#)?.continuation == .token("t"))
        #expect(try Self.body(#"{"data":[]}"#)?.orders.isEmpty == true)
        #expect(try Self.body(#"{"error":{"message":"x"}}"#) == nil)
        #expect(try Self.body(#""orders""#) == nil)
    }

    @Test(arguments: ["paging_token", "next_page_token", "starting_after", "last_evaluated_key"])
    func everyTokenNameIsAContinuation(name: String) throws {
        #expect(try Self.body(#"{"orders":[],"\#(name)":"tok-1"}"#)?.continuation == .token("tok-1"))
        // Empty and null tokens mean the end.
        #expect(try Self.body(#"{"orders":[],"\#(name)":""}"#)?.continuation == nil)
        #expect(try Self.body(#"{"orders":[],"\#(name)":null}"#)?.continuation == nil)
    }

    @Test func keysAndNumbersAreHandedBackAsWritten() throws {
        // A DynamoDB-style key goes back as its compact JSON.
        #expect(
            try Self.body(#"{"orders":[],"last_evaluated_key":{"id": "o-9", "created_at": "2024"}}"#)?
                .continuation
                == .token(#"{"id":"o-9","created_at":"2024"}"#))
        #expect(try Self.body(#"{"orders":[],"next_page_token":1200}"#)?.continuation == .token("1200"))
        #expect(try Self.body(#"{"orders":[],"last_evaluated_key":{}}"#)?.continuation == nil)
    }

    @Test func nextLinksInEachShape() throws {
        #expect(
            try Self.body(#"{"orders":[],"next":"/v1/x?starting_after=1"}"#)?.continuation
                == .link("/v1/x?starting_after=1"))
        #expect(
            try Self.body(#"{"orders":[],"links":{"next":"https://h/n"}}"#)?.continuation
                == .link("https://h/n"))
        #expect(
            try Self.body(#"{"orders":[],"_links":{"next":{"href":"https://h/n"}}}"#)?.continuation
                == .link("https://h/n"))
        #expect(
            try Self.body(
                #"{"orders":[],"_links":[{"rel":"self","href":"https://h/s"},{"rel":"next","href":"https://h/n"}]}"#
            )?
            .continuation == .link("https://h/n"))
        // A token wins over a link when both are there.
        #expect(
            try Self.body(#"{"orders":[],"next":"https://h/n","paging_token":"t"}"#)?.continuation
                == .token("t"))
    }

    @Test func aLimitRefusalLowersThePageSize() {
        func refusal(_ message: String, status: Int = 400, code: String? = "BAD REQUEST") -> SourceError {
            .apiResponse(
                status: status, code: code, message: message + " (GET /v1/accounts/T12345678/shopping/orders)"
            )
        }
        #expect(
            DinteroAPISource.smallerLimit(after: refusal("limit must be an integer from 1 to 50"), than: 100)
                == 50)
        #expect(DinteroAPISource.smallerLimit(after: refusal("limit must be at most 25"), than: 100) == 25)
        // No usable number (the account id in the path does not count): half.
        #expect(DinteroAPISource.smallerLimit(after: refusal("limit is too large"), than: 100) == 50)
        #expect(DinteroAPISource.smallerLimit(after: refusal("limit must be 1 to 500"), than: 100) == 50)
        #expect(DinteroAPISource.smallerLimit(after: refusal("starting_after: unknown"), than: 100) == nil)
        #expect(DinteroAPISource.smallerLimit(after: refusal("limit", status: 500), than: 100) == nil)
        #expect(DinteroAPISource.smallerLimit(after: refusal("limit too large"), than: 1) == nil)
    }
}

@Suite("Next links", .onWaitingExecutor)
struct NextLinkTests {
    @Test func aLinkToAnotherHostIsNotFollowed() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(5))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let away = PageCursor(
            DinteroAPISource.linkMarker + "http://198.51.100.7/v1/accounts/T12345678/shopping/orders")
        do {
            _ = try await source.listPage(after: away, limit: 10)
            Issue.record("expected the link to be refused")
        } catch {
            #expect(error.message.contains("points away from \(server.baseURL)"), "\(error.message)")
        }
        #expect(server.apiRequests.isEmpty)
        // A link on the API host itself, relative or absolute, is followed as it is.
        let here = PageCursor(
            DinteroAPISource.linkMarker
                + "/v1/accounts/T12345678/shopping/orders?limit=2&starting_after=ord-0001")
        let page = try await source.listPage(after: here, limit: 10)
        #expect(page.orders.compactMap { $0["id"]?.stringValue } == ["ord-0002", "ord-0003"])
        #expect(server.apiRequests.last?.queryValue("limit") == "2")
    }
}
