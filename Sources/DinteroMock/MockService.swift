import Foundation
import JSONCore
import OrderModel

/// The Dintero API the mock plays, independent of the transport: routing, the token check,
/// lists with paging and filters, single orders and sessions, error bodies and the fault
/// counters. The NIO channel handler (`MockHTTPHandler`) hands it each complete request.
/// Thread-safe: all mutable state is behind `lock`.
final class MockService: @unchecked Sendable {
    let configuration: MockConfiguration

    private let lock = NSLock()
    private var log: [MockRequestRecord] = []
    private var tokens: [String: (issued: Double, uses: Int)] = [:]
    private var issuedTokens: [String] = []
    private var remaining429: Int
    private var remaining500: Int
    private var remainingTruncated: Int
    private var remainingStalled: Int
    /// Requests received and not yet answered (waiting out the latency), and the most seen.
    private var inFlight = 0
    private var mostInFlight = 0
    private var connections = 0
    /// API requests (not token requests) seen, for `faultsAfter`.
    private var apiRequests = 0
    private let started = ContinuousClock.now
    private var orders: [MockOrder]
    /// Where each `id` is in `orders` (the first, should a dump repeat one).
    private var positions: [String: Int]

    init(configuration: MockConfiguration) {
        self.configuration = configuration
        remaining429 = configuration.fail429Count
        remaining500 = configuration.fail500Count
        remainingTruncated = configuration.truncateCount
        remainingStalled = configuration.stallCount
        orders = []
        positions = [:]
        add(configuration.orders, sources: configuration.orderSources)
    }

    /// Every request received so far, in arrival order.
    var requestLog: [MockRequestRecord] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    /// Every access token issued so far.
    var issuedAccessTokens: [String] {
        lock.lock()
        defer { lock.unlock() }
        return issuedTokens
    }

    /// Appends orders to those served (as if created while the server runs); `sources`, when
    /// there is one per order, are their bytes as served.
    func add(_ json: [JSONValue], sources: [[UInt8]] = []) {
        let made = json.indices.map {
            MockOrder(json: json[$0], source: sources.count == json.count ? sources[$0] : nil)
        }
        lock.lock()
        defer { lock.unlock() }
        for order in made {
            if !order.id.isEmpty, positions[order.id] == nil { positions[order.id] = orders.count }
            orders.append(order)
        }
    }

    /// The orders served now (a snapshot: orders may be added meanwhile).
    private var served: (orders: [MockOrder], positions: [String: Int]) {
        lock.lock()
        defer { lock.unlock() }
        return (orders, positions)
    }

    /// The most requests that were ever received and not yet answered at once.
    var maxRequestsInFlight: Int {
        lock.lock()
        defer { lock.unlock() }
        return mostInFlight
    }

    /// Connections accepted so far (keep-alive lets one carry many requests).
    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    /// A client connected.
    func connected() {
        lock.lock()
        connections += 1
        lock.unlock()
    }

    /// A complete request arrived (its answer may wait out the latency).
    func received() {
        lock.lock()
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        lock.unlock()
    }

    /// The client left before the answer (no answer will be counted out by `respond`).
    func abandoned() {
        lock.lock()
        inFlight -= 1
        lock.unlock()
    }

    /// Forgets the request log.
    func resetLog() {
        lock.lock()
        log.removeAll()
        lock.unlock()
    }

    private var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    // MARK: - Routing

    /// Answers one complete request (logging it), deciding any injected fault and how the
    /// response is to be (mis)delivered.
    func respond(to request: inout MockHTTPRequest) -> MockHTTPResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        let isToken =
            segments.count == 5 && segments[0] == "v1" && segments[1] == "accounts" && segments[3] == "auth"
            && segments[4] == "token"
        let response: MockHTTPResponse
        if isToken {
            response = tokenResponse(request, accountID: segments[2])
        } else {
            response = apiResponse(request, segments: segments)
        }
        lock.lock()
        inFlight -= 1
        log.append(
            MockRequestRecord(
                method: request.method, path: request.path, query: request.query, status: response.status,
                fault: response.fault, time: elapsed, isTokenRequest: isToken))
        lock.unlock()
        return response
    }

    /// A careless server's other echoes of a Basic credential: base64 without its `=` padding,
    /// and the secret percent-encoded byte by byte, as some frameworks log them.
    static func reencoded(_ authorization: String) -> String {
        guard authorization.hasPrefix("Basic ") else { return "" }
        let value = String(authorization.dropFirst(6))
        var unpadded = value
        while unpadded.hasSuffix("=") { unpadded.removeLast() }
        guard let data = Data(base64Encoded: value), let pair = String(data: data, encoding: .utf8),
            let colon = pair.firstIndex(of: ":")
        else { return "; " + unpadded }
        var encoded = ""
        for byte in pair[pair.index(after: colon)...].utf8 {
            let isAlphanumeric =
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            encoded += isAlphanumeric ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return "; as \(unpadded); secret \(encoded)"
    }

    private func tokenResponse(_ request: MockHTTPRequest, accountID: String) -> MockHTTPResponse {
        guard request.method == "POST" else {
            return .error(405, code: "METHOD NOT ALLOWED", message: "use POST")
        }
        if configuration.failTokenRequests {
            let echoed = request.header("Authorization") ?? "none"
            return .error(
                401, code: "UNAUTHORIZED",
                message: "invalid client credentials (got \(echoed)\(Self.reencoded(echoed)))")
        }
        guard accountID == configuration.accountID else {
            return .error(403, code: "FORBIDDEN", message: "unknown account \(accountID)")
        }
        guard let authorization = request.header("Authorization"), authorization.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6))),
            String(decoding: decoded, as: UTF8.self) == configuration.clientID + ":"
                + configuration.clientSecret
        else {
            return .error(401, code: "UNAUTHORIZED", message: "invalid client credentials")
        }
        guard let body = try? JSONParser.parse(request.body) else {
            return .error(400, code: "BAD REQUEST", message: "the body is not JSON")
        }
        guard body["grant_type"]?.stringValue == "client_credentials" else {
            return .error(400, code: "BAD REQUEST", message: "grant_type must be client_credentials")
        }
        guard body["audience"]?.stringValue == "https://api.dintero.com/v1/accounts/\(accountID)" else {
            return .error(403, code: "FORBIDDEN", message: "audience is not a grant of this client")
        }
        let token = "mock." + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        lock.lock()
        tokens[token] = (elapsed, 0)
        issuedTokens.append(token)
        lock.unlock()
        let text =
            "{\"access_token\":\"\(token)\",\"token_type\":\"Bearer\",\"expires_in\":\(configuration.tokenTTLSeconds)}"
        return .json(200, Array(text.utf8))
    }

    private func nextFault() -> MockHTTPResponse? {
        lock.lock()
        defer { lock.unlock() }
        if remaining429 > 0 {
            remaining429 -= 1
            var response = MockHTTPResponse.error(
                429, code: "TOO MANY REQUESTS", message: "rate limit exceeded")
            response.headers.append(("Retry-After", String(configuration.retryAfterSeconds)))
            response.fault = "429"
            return response
        }
        if remaining500 > 0 {
            remaining500 -= 1
            var response = MockHTTPResponse.error(500, code: "SERVER ERROR", message: "injected failure")
            response.fault = "500"
            return response
        }
        return nil
    }

    private func takeDeliveryFault() -> MockHTTPResponse.Delivery {
        lock.lock()
        defer { lock.unlock() }
        if remainingTruncated > 0 {
            remainingTruncated -= 1
            return .truncated
        }
        if remainingStalled > 0 {
            remainingStalled -= 1
            return .stalled
        }
        return .normal
    }

    /// Checks the bearer token; nil when it is valid (and counts the use).
    private func authorize(_ request: MockHTTPRequest) -> MockHTTPResponse? {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else {
            return .error(401, code: "UNAUTHORIZED", message: "missing bearer token")
        }
        let token = String(header.dropFirst(7))
        lock.lock()
        defer { lock.unlock() }
        guard var entry = tokens[token] else {
            return .error(401, code: "UNAUTHORIZED", message: "invalid JWT token")
        }
        entry.uses += 1
        tokens[token] = entry
        let expired =
            elapsed - entry.issued >= Double(configuration.tokenTTLSeconds)
            || (configuration.tokenMaxUses.map { entry.uses > $0 } ?? false)
        if expired {
            var response = MockHTTPResponse.error(401, code: "UNAUTHORIZED", message: "token expired")
            response.fault = "expired"
            return response
        }
        return nil
    }

    private func apiResponse(_ request: MockHTTPRequest, segments: [String]) -> MockHTTPResponse {
        guard segments.count >= 5, segments[0] == "v1", segments[1] == "accounts", segments[3] == "shopping"
        else {
            return .error(404, code: "NOT FOUND", message: "no such endpoint")
        }
        guard request.method == "GET" else {
            return .error(405, code: "METHOD NOT ALLOWED", message: "read only")
        }
        lock.lock()
        apiRequests += 1
        let faultsArmed = apiRequests > configuration.faultsAfter
        lock.unlock()
        if faultsArmed, let fault = nextFault() { return fault }
        if let refusal = authorize(request) { return refusal }
        guard segments[2] == configuration.accountID else {
            return .error(
                403, code: "FORBIDDEN", message: "the token is not valid for account \(segments[2])")
        }
        var rest = Array(segments[4...])
        var storeID: String?
        if rest.count >= 3, rest[0] == "stores" {
            storeID = rest[1]
            rest.removeFirst(2)
        }
        guard rest.first == "orders" else {
            return .error(404, code: "NOT FOUND", message: "no such endpoint")
        }
        var response: MockHTTPResponse
        switch rest.count {
        case 1: response = list(request, storeID: storeID)
        case 2: response = single(orderID: rest[1], storeID: storeID, request: request)
        case 4 where rest[2] == "sessions":
            response = session(orderID: rest[1], sessionID: rest[3], storeID: storeID)
        default: return .error(404, code: "NOT FOUND", message: "no such endpoint")
        }
        if response.status == 200, faultsArmed {
            response.delivery = takeDeliveryFault()
            switch response.delivery {
            case .truncated: response.fault = "truncated"
            case .stalled: response.fault = "stalled"
            case .normal: break
            }
        }
        return response
    }

    private func list(_ request: MockHTTPRequest, storeID: String?) -> MockHTTPResponse {
        var limit = 10
        if let text = request.queryValue("limit") {
            guard let value = Int(text), (1...configuration.maxLimit).contains(value) else {
                return .error(
                    400, code: "BAD REQUEST",
                    message: "limit must be an integer from 1 to \(configuration.maxLimit)")
            }
            limit = value
        }
        // Dates compare as instants, whatever zone or precision either side is written in.
        var bounds: [(name: String, instant: Double)] = []
        for name in ["created_at.gte", "created_at.lte"] {
            guard let text = request.queryValue(name) else { continue }
            guard let instant = Timestamp.parse(text) else {
                return .error(
                    400, code: "BAD REQUEST", message: "\(name) must be an ISO 8601 date-time, not \(text)")
            }
            bounds.append((name, instant))
        }
        // Every order the filters match, kept whole: paging tokens count positions in it.
        let all = served.orders.filter { order in
            if let storeID, order.storeID != storeID { return false }
            if let status = request.queryValue("status"), order.status != status { return false }
            if let status = request.queryValue("payment_status"), order.paymentStatus != status {
                return false
            }
            for bound in bounds {
                guard let created = order.createdAt else { return false }
                if bound.name.hasSuffix("gte") ? created < bound.instant : created > bound.instant {
                    return false
                }
            }
            return true
        }
        var start = 0
        if let after = request.queryValue("starting_after"), !configuration.ignoreStartingAfter {
            if let position = Self.position(ofToken: after), position <= all.count {
                start = position
            } else if let index = all.firstIndex(where: { $0.id == after }) {
                start = index + 1
            } else {
                return .error(
                    400, code: "BAD REQUEST", message: "starting_after: unknown order or token \(after)")
            }
        }
        let length = configuration.shortPages ? Self.shortLength(limit: limit, start: start) : limit
        let page = all[start..<min(start + length, all.count)]
        let following = page.endIndex < all.count ? page.endIndex : nil
        let events = request.queryValue("include_events")
        let withEvents = (events == "true" || events == "service-event") && !configuration.listWithoutEvents
        var body: [UInt8] = []
        body.append(contentsOf: Array((configuration.listBody == .envelope ? "{\"orders\":[" : "[").utf8))
        for (index, order) in page.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: withEvents ? order.bytes : order.bytesWithoutEvents)
        }
        body.append(UInt8(ascii: "]"))
        if configuration.listBody == .envelope {
            if let name = configuration.tokenName, let following {
                let token = Self.token(position: following)
                let value =
                    name == "next"
                    ? Self.nextLink(request, token: token, tls: configuration.tlsCertificatePath != nil)
                    : token
                body.append(UInt8(ascii: ","))
                MockHTTPResponse.appendQuoted(name, to: &body)
                body.append(UInt8(ascii: ":"))
                MockHTTPResponse.appendQuoted(value, to: &body)
            }
            body.append(UInt8(ascii: "}"))
        }
        return .json(200, body)
    }

    /// An opaque-looking token for the list position `position` (the next order to send).
    static func token(position: Int) -> String { "pt_" + String(position, radix: 36) + "_x" }

    static func position(ofToken token: String) -> Int? {
        guard token.hasPrefix("pt_"), token.hasSuffix("_x") else { return nil }
        return Int(token.dropFirst(3).dropLast(2), radix: 36)
    }

    /// A half, a third or a quarter of `limit` in turn (at least 1), by where the page starts.
    static func shortLength(limit: Int, start: Int) -> Int {
        max(1, limit / (2 + start % 3))
    }

    /// The request's own URL with `starting_after` set to `token`: the absolute link a server
    /// that pages by links answers.
    static func nextLink(_ request: MockHTTPRequest, token: String, tls: Bool = false) -> String {
        var parameters = request.query.filter { $0.0 != "starting_after" }
        parameters.append(("starting_after", token))
        let query = parameters.map {
            MockHTTPRequest.percentEncoded($0.0) + "=" + MockHTTPRequest.percentEncoded($0.1)
        }
        let scheme = tls ? "https://" : "http://"
        let host = request.header("Host").map { scheme + $0 } ?? ""
        return host + request.path + "?" + query.joined(separator: "&")
    }

    /// The order whose `id` is `orderID` (in the store, when one is named).
    private func find(orderID: String, storeID: String?) -> MockOrder? {
        let served = self.served
        guard let index = served.positions[orderID] else { return nil }
        let order = served.orders[index]
        return storeID == nil || order.storeID == storeID ? order : nil
    }

    private func single(orderID: String, storeID: String?, request: MockHTTPRequest) -> MockHTTPResponse {
        guard let order = find(orderID: orderID, storeID: storeID) else {
            return .error(404, code: "NOT FOUND", message: "Order not found")
        }
        let events = request.queryValue("include_events")
        let full = events == "true" || events == "service-event"
        return .json(200, full ? order.bytes : order.bytesWithoutEvents)
    }

    private func session(orderID: String, sessionID: String, storeID: String?) -> MockHTTPResponse {
        guard let order = find(orderID: orderID, storeID: storeID) else {
            return .error(404, code: "NOT FOUND", message: "Order not found")
        }
        for session in order.json["sessions"]?.arrayValue ?? [] where session["id"]?.stringValue == sessionID
        {
            return .json(200, session.serializedBytes())
        }
        return .error(404, code: "NOT FOUND", message: "Session not found")
    }
}

/// An order of the dump with the fields the mock filters on, and the bytes it is served as:
/// its source bytes when it came from a dump file (escapes as written), else its JSON.
struct MockOrder: Sendable {
    var json: JSONValue
    /// The whole order as served (`include_events`).
    var bytes: [UInt8]
    /// The order without its `events` member, as list entries without `include_events` are.
    var bytesWithoutEvents: [UInt8]
    var id: String
    var status: String?
    var paymentStatus: String?
    /// `created_at` as an instant (nil when absent or unreadable).
    var createdAt: Double?
    var storeID: String?

    init(json: JSONValue, source: [UInt8]? = nil) {
        self.json = json
        id = json["id"]?.stringValue ?? ""
        status = json["status"]?.stringValue
        paymentStatus = json["payment_status"]?.stringValue
        createdAt = json["created_at"]?.stringValue.flatMap(Timestamp.parse)
        storeID =
            json["store"]?["id"]?.stringValue
            ?? json["items"]?.arrayValue?.lazy.compactMap { $0["store"]?["id"]?.stringValue }.first
        if let source,
            let stripped = source.withUnsafeBytes({
                JSONSpans.object($0, at: 0..<$0.count, removing: "events")
            })
        {
            bytes = source
            bytesWithoutEvents = json["events"] == nil ? source : stripped
        } else {
            bytes = json.serializedBytes()
            if case .object(var object) = json {
                while let index = object.keys.firstIndex(of: "events") {
                    object.keys.remove(at: index)
                    object.values.remove(at: index)
                }
                bytesWithoutEvents = JSONValue.object(object).serializedBytes()
            } else {
                bytesWithoutEvents = bytes
            }
        }
    }
}
