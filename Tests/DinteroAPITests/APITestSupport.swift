import DinteroMock
import Foundation
import JSONCore
import OrderModel
import OrderSources
import TestTiming
import Testing

/// Deterministic orders for the API tests: ids `ord-0000`…, alternating statuses and stores,
/// one session and one event each.
enum APIFixtures {
    static let statuses = ["open", "closed", "cancelled"]
    static let paymentStatuses = ["paid", "pending", "refunded", "partially_paid"]

    static func orders(_ count: Int) -> [JSONValue] {
        (0..<count).map { index in
            let id = String(format: "ord-%04d", index)
            let day = String(format: "2024-01-%02dT10:00:00Z", index % 28 + 1)
            let text = """
                {"id": "\(id)", "order_number": "N-\(index)", "created_at": "\(day)", \
                "status": "\(statuses[index % 3])", "payment_status": "\(paymentStatuses[index % 4])", \
                "currency": "NOK", "gross_amount": \(1000 + index), \
                "store": {"id": "S\(index % 2)"}, "customer": {"first_name": "Å\\u00e5 \(index)"}, \
                "sessions": [{"id": "sess-\(index)", "amount": \(1000 + index), "items": [{"line_id": "1", "amount": 1}]}], \
                "events": [{"id": "ev-\(index)", "created_at": "\(day)", "version": 1}]}
                """
            // The fixture text is ours, so a parse failure is a test bug.
            return (try? JSONParser.parse(text)) ?? .null
        }
    }

    static let accountID = "T12345678"
    static let clientID = "test-client"
    static let secret = "s3cr3t-VALUE-never-print"

    static var credentials: DinteroCredentials {
        get throws {
            DinteroCredentials(
                accountID: try DinteroAccountID(accountID), clientID: clientID,
                clientSecret: ClientSecret(secret))
        }
    }

    static func configuration(_ count: Int = 30) -> MockConfiguration {
        var configuration = MockConfiguration(orders: orders(count))
        configuration.accountID = accountID
        configuration.clientID = clientID
        configuration.clientSecret = secret
        return configuration
    }

    /// The client timeout for requests that must succeed: only a hang guard. A timed-out good
    /// answer is retried, and the retry is one more request in the mock's log and its counted
    /// faults than the tests expect, so a loaded machine must never reach it. At 10 s it could:
    /// the client's token request runs in a task of its own on the cooperative pool, whatever
    /// executor the test prefers, and in a loaded full run CPU-bound tests held that pool's two
    /// threads for minutes (a 1 s timeout ended 159 s later). Tests that provoke a timeout pass a
    /// short one of their own.
    static let patientTimeout = TestTime.duration(.seconds(600))

    static func source(
        _ server: DinteroMockServer, query: DinteroOrderQuery = DinteroOrderQuery(),
        timeout: Duration = patientTimeout, maxAttempts: Int = 4,
        backoff: Duration = .milliseconds(20)
    ) throws -> DinteroAPISource {
        try DinteroAPISource(
            credentials: try credentials, query: query,
            options: DinteroAPIOptions(
                baseURL: server.baseURL, timeout: timeout, maxAttempts: maxAttempts,
                maxRetryAfter: .seconds(1),
                backoffBase: backoff))
    }

    /// Lists every order by following cursors.
    static func listAll(_ source: DinteroAPISource, limit: Int) async throws -> [OrderSummary] {
        var all: [OrderSummary] = []
        var cursor: PageCursor?
        repeat {
            let page = try await source.page(after: cursor, limit: limit)
            all += page.summaries
            cursor = page.next
        } while cursor != nil
        return all
    }
}

/// A raw request to the mock without the client (for the mock's own contract).
func rawRequest(
    _ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil
) async throws -> (status: Int, body: String) {
    guard let target = URL(string: url) else { throw MockServerError("bad url") }
    var request = URLRequest(url: target)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if let body { request.httpBody = Data(body.utf8) }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
