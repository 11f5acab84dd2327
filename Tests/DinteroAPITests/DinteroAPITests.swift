import DinteroMock
import Foundation
import OrderIndex
import OrderModel
import OrderSources
import TestTiming
import Testing

@Suite("DinteroAPI client against the mock", .onWaitingExecutor)
struct DinteroAPIClientTests {
    @Test func oneTokenForManyCalls() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(30))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        for id in ["ord-0001", "ord-0002", "ord-0003"] {
            let order = try await source.order(id: id)
            #expect(order.id == id)
        }
        _ = try await source.page(after: nil, limit: 10)
        #expect(server.tokenRequestCount == 1)
        #expect(server.apiRequests.count == 4)
        #expect(source.origin == .api(accountID: "T12345678", storeID: nil))
    }

    @Test func refreshesOnceOnA401() async throws {
        var configuration = APIFixtures.configuration(10)
        configuration.tokenMaxUses = 2
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        for index in 0..<5 {
            let order = try await source.order(id: String(format: "ord-%04d", index))
            #expect(order.id == String(format: "ord-%04d", index))
        }
        #expect(server.tokenRequestCount == 3)
        #expect(server.apiRequests.filter { $0.fault == "expired" }.count == 2)
    }

    @Test func refreshesAtHalfOfExpiresIn() async throws {
        var configuration = APIFixtures.configuration(5)
        // Long enough that a request sent with the old token just before the renewal still
        // reaches the mock before it expires, even when the loaded full run stalls this process
        // for seconds (20 s, scaled with the test time); the client must renew at half of it.
        let ttl = Int(TestTime.seconds(20))
        configuration.tokenTTLSeconds = ttl
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let start = ContinuousClock.now
        _ = try await source.order(id: "ord-0001")
        // Ask again every 100 ms until a request comes with a new token: no fixed sleep. A client
        // that never renewed early would be refused once the token expires and then fetch a new
        // one, so the loop ends either way and the statuses below tell the two apart. The
        // deadline, counted from the first answer (which a loaded run can delay by tens of
        // seconds), only bounds a client that never fetches a second token at all.
        let deadline = ContinuousClock.now + .seconds(ttl * 6)
        while server.tokenRequestCount < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            _ = try await source.order(id: "ord-0002")
        }
        #expect(server.tokenRequestCount == 2)
        #expect(
            ContinuousClock.now - start >= .milliseconds(ttl * 500), "renewed before half of the lifetime")
        // The token was renewed before use, so no request was refused.
        #expect(server.apiRequests.allSatisfy { $0.status == 200 })
    }

    @Test func pagesThrough250OrdersUntilAnEmptyPage() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(250))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let all = try await APIFixtures.listAll(source, limit: 100)
        #expect(all.count == 250)
        #expect(Set(all.map(\.id)).count == 250)
        #expect(all.map(\.id) == (0..<250).map { String(format: "ord-%04d", $0) })
        // Without a token the client never trusts a short page to be the last: it asks once more
        // after the last order and stops on the empty answer.
        let lists = server.apiRequests
        #expect(lists.count == 4)
        #expect(lists.map { $0.queryValue("limit") } == ["100", "100", "100", "100"])
        #expect(lists.map { $0.queryValue("starting_after") } == [nil, "ord-0099", "ord-0199", "ord-0249"])
    }

    @Test func exactMultipleOfLimitEndsWithAnEmptyPage() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(200))
        defer { server.stop() }
        let all = try await APIFixtures.listAll(try APIFixtures.source(server), limit: 100)
        #expect(all.count == 200)
        #expect(server.apiRequests.count == 3)
    }

    @Test func filtersAndStoreReachTheServer() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(60))
        defer { server.stop() }
        let query = DinteroOrderQuery(
            storeID: "S0", status: "open", paymentStatus: "paid", createdFrom: "2024-01-05T10:00:00+01:00",
            createdTo: "2024-01-20")
        let source = try APIFixtures.source(server, query: query)
        #expect(source.origin == .api(accountID: "T12345678", storeID: "S0"))
        let all = try await APIFixtures.listAll(source, limit: 100)
        // 10:00+01:00 is 09:00Z, so the orders of 5 January (10:00Z) are in; a date as the upper
        // bound means the end of that day, so the orders of 20 January are in too.
        let expected = APIFixtures.orders(60).filter { order in
            let day = order["created_at"]?.stringValue ?? ""
            return order["store"]?["id"]?.stringValue == "S0" && order["status"]?.stringValue == "open"
                && order["payment_status"]?.stringValue == "paid"
                && day >= "2024-01-05T10:00:00Z" && day <= "2024-01-20T10:00:00Z"
        }.compactMap { $0["id"]?.stringValue }
        #expect(!expected.isEmpty)
        #expect(all.map(\.id) == expected)
        let request = try #require(server.apiRequests.first)
        #expect(request.path == "/v1/accounts/T12345678/shopping/stores/S0/orders")
        #expect(request.queryValue("status") == "open")
        #expect(request.queryValue("payment_status") == "paid")
        #expect(request.queryValue("created_at.gte") == "2024-01-05T09:00:00Z")
        #expect(request.queryValue("created_at.lte") == "2024-01-20T23:59:59.999Z")
    }

    @Test func dateFiltersAreSentAsInstantsAndComparedAsInstants() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(60))
        defer { server.stop() }
        let query = DinteroOrderQuery(createdFrom: "2024-01-05T10:00:00+01:00", createdTo: "2024-01-20")
        let all = try await APIFixtures.listAll(try APIFixtures.source(server, query: query), limit: 100)
        let expected = APIFixtures.orders(60).filter { order in
            let day = order["created_at"]?.stringValue ?? ""
            return day >= "2024-01-05T09:00:00Z" && day <= "2024-01-20T23:59:59Z"
        }.compactMap { $0["id"]?.stringValue }
        // ord-0019 was created on 20 January at 10:00Z: a bare date as the upper bound keeps it.
        #expect(expected.contains("ord-0019") && expected.contains("ord-0004"))
        #expect(all.map(\.id) == expected)
    }

    @Test(arguments: [
        ("2024-01-31", DinteroDateFilter.Bound.from, "2024-01-31T00:00:00Z"),
        ("2024-01-31", .to, "2024-01-31T23:59:59.999Z"),
        ("2024-01-31+01:00", .to, "2024-01-31T22:59:59.999Z"),
        ("2024-01-31Z", .from, "2024-01-31T00:00:00Z"),
        ("2024-02-29T12:30:00-02:30", .from, "2024-02-29T15:00:00Z"),
        ("2024-01-31T23:59:59.5Z", .to, "2024-01-31T23:59:59.500Z"),
        ("1999-12-31T23:00:00", .to, "1999-12-31T23:00:00Z"),
    ])
    func dateFilterValues(text: String, bound: DinteroDateFilter.Bound, sent: String) {
        #expect(DinteroDateFilter.instant(text, bound: bound) == sent)
    }

    @Test func notADateIsRefused() {
        for text in ["yesterday", "2024-13-01", "2024-01-31T25:00", "31.01.2024", "2024-01-31 +1"] {
            #expect(DinteroDateFilter.instant(text, bound: .from) == nil, "\(text)")
        }
    }

    @Test func orderIncludesEventsAndSessionLoads() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(5))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let order = try await source.order(id: "ord-0003")
        #expect(order.events.count == 1)
        #expect(server.apiRequests.last?.queryValue("include_events") == "true")
        let session = try await source.session(orderID: "ord-0003", sessionID: "sess-3")
        #expect(session.id == "sess-3")
        #expect(session.amount == 1003)
        await #expect(throws: SourceError.self) {
            try await source.session(orderID: "ord-0003", sessionID: "nope")
        }
    }

    /// With a wait budget (`fetch`), a 429 is the server pacing the client: more of them than
    /// `maxAttempts` still end in the page; only the budget ends it (issue 22, item 15).
    @Test func rateLimitsUseNoTriesOnlyTheWaitBudget() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.fail429Count = 6
        configuration.retryAfterSeconds = 0
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        var paced = DinteroAPIOptions(
            baseURL: server.baseURL, timeout: APIFixtures.patientTimeout, maxAttempts: 2,
            maxRetryAfter: .seconds(1),
            backoffBase: .milliseconds(20))
        paced.rateLimitBudget = .seconds(60)
        let source = try DinteroAPISource(credentials: try APIFixtures.credentials, options: paced)
        let page = try await source.page(after: nil, limit: 10)
        #expect(page.summaries.count == 5)
        #expect(server.apiRequests.map(\.status) == [429, 429, 429, 429, 429, 429, 200])

        var slow = APIFixtures.configuration(5)
        slow.fail429Count = 10
        slow.retryAfterSeconds = 1
        let limited = try DinteroMockServer.start(slow)
        defer { limited.stop() }
        var options = DinteroAPIOptions(
            baseURL: limited.baseURL, timeout: APIFixtures.patientTimeout, maxAttempts: 4,
            maxRetryAfter: .seconds(1),
            backoffBase: .milliseconds(20))
        options.rateLimitBudget = .milliseconds(1_500)
        let impatient = try DinteroAPISource(credentials: try APIFixtures.credentials, options: options)
        do {
            _ = try await impatient.page(after: nil, limit: 10)
            Issue.record("a server that never stops answering 429 was waited on forever")
        } catch {
            #expect(
                error.message.contains("still rate limited after 2 answers of 429 and 1 s of waiting"),
                "\(error.message)")
        }
    }

    @Test func honoursRetryAfterOn429() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.fail429Count = 2
        configuration.retryAfterSeconds = 1
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let page = try await source.page(after: nil, limit: 10)
        #expect(page.summaries.count == 5)
        let log = server.apiRequests
        #expect(log.map(\.status) == [429, 429, 200])
        #expect(log[1].time - log[0].time >= 0.9)
        #expect(log[2].time - log[1].time >= 0.9)
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.fail500Count = 2
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let order = try await source.order(id: "ord-0002")
        #expect(order.id == "ord-0002")
        #expect(server.apiRequests.map(\.status) == [500, 500, 200])
    }

    @Test func givesUpAfterBoundedRetries() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.fail500Count = 10
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server, maxAttempts: 3)
        do {
            _ = try await source.order(id: "ord-0002")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("API error 500 SERVER ERROR: injected failure"))
            #expect(error.isRetryable)
        }
        #expect(server.apiRequests.count == 3)
    }

    @Test func truncatedBodyBecomesAReadableError() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.truncateCount = 10
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server, maxAttempts: 2)
        do {
            _ = try await source.order(id: "ord-0001")
            Issue.record("expected an error")
        } catch {
            let message = error.message
            #expect(
                message.contains("incomplete") || message.contains("before the answer was complete"),
                "\(message)")
            #expect(message.contains("/orders/ord-0001"))
        }
        #expect(server.apiRequests.count == 2)
    }

    @Test func truncatedBodyOnceIsRetried() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.truncateCount = 1
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let order = try await APIFixtures.source(server).order(id: "ord-0001")
        #expect(order.id == "ord-0001")
    }

    @Test func stalledResponseTimesOut() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.stallCount = 10
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server, timeout: .seconds(1), maxAttempts: 1)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await source.order(id: "ord-0001")
            Issue.record("expected a timeout")
        } catch {
            #expect(error.message.contains("no complete answer within 1 s"), "\(error.message)")
            #expect(error.isRetryable)
        }
        // Only a hang guard: the suite shares two cores with process-driving tests, so a tight
        // wall-clock limit here would measure the machine, not the client. Scaled like every
        // other wait. It tells a request that ends from one that hangs, and the token request's
        // task waits for the cooperative pool's threads, which CPU-bound tests hold for minutes
        // in a loaded full run: the 1 s timeout was seen 146 s late under TSan with a fuzzer
        // beside it, and 159 s late in a full run beside two compilers.
        #expect(clock.now - start < TestTime.duration(.seconds(600)))
    }

    @Test func repeatedCursorStopsPaging() async throws {
        var configuration = APIFixtures.configuration(250)
        configuration.ignoreStartingAfter = true
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let first = try await source.page(after: nil, limit: 100)
        #expect(first.next == PageCursor("ord-0099"))
        do {
            _ = try await source.page(after: first.next, limit: 100)
            Issue.record("expected the loop to be detected")
        } catch {
            #expect(error.message.contains("cursor already used"), "\(error.message)")
            #expect(error.message.contains("ignore starting_after"), "\(error.message)")
        }
        // Asking for the first page again is not a loop.
        let again = try await source.page(after: nil, limit: 100)
        #expect(again.summaries.count == 100)
    }

    @Test func errorBodyBecomesOperatorMessage() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(5))
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        do {
            _ = try await source.order(id: "missing")
            Issue.record("expected 404")
        } catch {
            #expect(error.message == "API error 404: no order missing in account T12345678")
            #expect(!error.isRetryable)
        }
        let storeSource = try APIFixtures.source(server, query: DinteroOrderQuery(storeID: "S1"))
        do {
            _ = try await storeSource.order(id: "ord-0002")
            Issue.record("expected 404: ord-0002 is in store S0")
        } catch {
            #expect(error.message == "API error 404: no order ord-0002 in store S1 of account T12345678")
        }
        do {
            _ = try await source.session(orderID: "ord-0001", sessionID: "nope")
            Issue.record("expected 404")
        } catch {
            #expect(
                error
                    == .apiResponse(
                        status: 404, code: "NOT FOUND",
                        message:
                            "Session not found (GET /v1/accounts/T12345678/shopping/orders/ord-0001/sessions/nope)"
                    ))
            #expect(error.message.hasPrefix("API error 404 NOT FOUND: Session not found"))
        }
    }

    @Test func connectionRefusedIsAReadableError() async throws {
        let server = try DinteroMockServer.start(APIFixtures.configuration(1))
        let source = try APIFixtures.source(server, maxAttempts: 2)
        // stop() returns once the event loop has shut down: the port refuses from here on.
        server.stop()
        do {
            _ = try await source.page(after: nil, limit: 10)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("API error"), "\(error.message)")
        }
    }
}

@Suite("DinteroAPI secrets", .onWaitingExecutor)
struct DinteroAPISecretTests {
    @Test func failedTokenRequestNeverShowsTheSecret() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.failTokenRequests = true  // and the mock echoes the Authorization header
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        let basic = Data("\(APIFixtures.clientID):\(APIFixtures.secret)".utf8).base64EncodedString()
        do {
            _ = try await source.page(after: nil, limit: 10)
            Issue.record("expected an authentication error")
        } catch {
            for text in [
                error.message, error.description, String(describing: error), String(reflecting: error),
            ] {
                #expect(!text.contains(APIFixtures.secret))
                #expect(!text.contains(basic))
            }
            #expect(error.message.contains("authentication failed"))
            #expect(error.message.contains("<redacted>"))
        }
    }

    @Test func refusedTokenNeverShowsTheToken() async throws {
        var configuration = APIFixtures.configuration(5)
        configuration.tokenMaxUses = 0
        let server = try DinteroMockServer.start(configuration)
        defer { server.stop() }
        let source = try APIFixtures.source(server)
        do {
            _ = try await source.order(id: "ord-0001")
            Issue.record("expected 401")
        } catch {
            #expect(error.message.hasPrefix("API error 401"))
            let tokens = server.issuedAccessTokens
            #expect(tokens.count == 2)
            for token in tokens {
                #expect(!String(reflecting: error).contains(token))
                #expect(!error.message.contains(token))
            }
        }
    }

    @Test func credentialsDescribeWithoutTheSecret() throws {
        let credentials = try APIFixtures.credentials
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [
            String(describing: credentials), String(reflecting: credentials), "\(credentials.clientSecret)",
            String(reflecting: credentials.clientSecret), dumped,
        ] {
            #expect(!text.contains(APIFixtures.secret), "\(text)")
        }
        #expect("\(credentials.clientSecret)" == "<redacted>")
    }
}

@Suite("DinteroAPI credentials")
struct DinteroAPICredentialTests {
    @Test func accountIDsAreValidated() throws {
        #expect(try DinteroAccountID("T12345678").isLive == false)
        #expect(try DinteroAccountID(" P87654321 ").isLive == true)
        for bad in ["", "X12345678", "T1234567", "T123456789", "t12345678", "T1234567a"] {
            #expect(throws: SourceError.self) { try DinteroAccountID(bad) }
        }
    }

    @Test func flagsOverrideEnvironmentOverrideFile() throws {
        let directory = NSTemporaryDirectory() + "orderscope-cred-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: directory + "/orderscope", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/orderscope/credentials"
        try Data(
            "# test\naccount_id = T11111111\nclient_id = \"file-client\"\nclient_secret = file-secret\n".utf8
        )
        .write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        let environment = ["XDG_CONFIG_HOME": directory, "DINTERO_CLIENT_ID": "env-client"]
        let resolved = try DinteroCredentials.resolve(accountID: "T22222222", environment: environment)
        #expect(resolved.accountID.value == "T22222222")
        #expect(resolved.clientID == "env-client")
        #expect(resolved.clientSecret == ClientSecret("file-secret"))

        chmod(file, 0o644)
        do {
            _ = try DinteroCredentials.resolve(environment: environment)
            Issue.record("expected the readable file to be refused")
        } catch {
            #expect(error.message.contains("chmod 600"))
            #expect(!error.message.contains("file-secret"))
        }
        // Everything from the environment: the file is not read at all.
        let complete = try DinteroCredentials.resolve(environment: [
            "XDG_CONFIG_HOME": directory, "DINTERO_ACCOUNT_ID": "P33333333", "DINTERO_CLIENT_ID": "c",
            "DINTERO_CLIENT_SECRET": "s",
        ])
        #expect(complete.accountID.isLive)
    }

    @Test func missingCredentialsSayWhatIsMissing() {
        do {
            _ = try DinteroCredentials.resolve(environment: ["HOME": "/nonexistent-home"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("DINTERO_ACCOUNT_ID"))
            #expect(error.message.contains("/nonexistent-home/.config/orderscope/credentials"))
        }
    }
}
