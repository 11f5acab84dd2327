import Foundation
import JSONCore
import OrderIndex
import OrderModel

/// Which orders a `DinteroAPISource` lists: an optional store and the API's list filters.
public struct DinteroOrderQuery: Sendable, Equatable {
    /// List `.../stores/{store_id}/orders` instead of all orders of the account.
    public var storeID: String?
    /// `open`, `closed` or `cancelled`.
    public var status: String?
    /// `pending`, `partially_paid`, `paid`, `partially_refunded` or `refunded`.
    public var paymentStatus: String?
    /// `created_at.gte` as typed: a date or a date-time (sent as an RFC 3339 instant).
    public var createdFrom: String?
    /// `created_at.lte` as typed: a date (its end) or a date-time (sent as an RFC 3339 instant).
    public var createdTo: String?

    public init(
        storeID: String? = nil, status: String? = nil, paymentStatus: String? = nil,
        createdFrom: String? = nil,
        createdTo: String? = nil
    ) {
        self.storeID = storeID
        self.status = status
        self.paymentStatus = paymentStatus
        self.createdFrom = createdFrom
        self.createdTo = createdTo
    }

    var parameters: [(String, String)] {
        var items: [(String, String)] = []
        if let status { items.append(("status", status)) }
        if let paymentStatus { items.append(("payment_status", paymentStatus)) }
        // Text that is no date at all is sent as typed, so the API's own message names it.
        if let createdFrom {
            items.append(
                ("created_at.gte", DinteroDateFilter.instant(createdFrom, bound: .from) ?? createdFrom))
        }
        if let createdTo {
            items.append(("created_at.lte", DinteroDateFilter.instant(createdTo, bound: .to) ?? createdTo))
        }
        return items
    }
}

/// Network behaviour of a `DinteroAPISource`.
public struct DinteroAPIOptions: Sendable, Equatable {
    /// The API host without `/v1`, e.g. `https://api.dintero.com` or the mock's base URL. The
    /// token audience always names `https://api.dintero.com`, whatever this is.
    public var baseURL: String
    /// The hard deadline of one request (headers and whole body).
    public var timeout: Duration
    /// Tries per request for 429, 5xx and transport errors (1 = no retry); with a
    /// `rateLimitBudget`, a 429 uses up no try.
    public var maxAttempts: Int
    /// For batch work (`fetch`): how long one request may wait in all on 429s (their
    /// `Retry-After`, else backoff) before it gives up, so a rate-limited fetch of a whole shop
    /// goes on at the server's pace. Nil (the browser): a 429 counts as a try, so the operator
    /// sees the server is busy instead of waiting without a word.
    public var rateLimitBudget: Duration?
    /// The longest `Retry-After` honoured; longer ones are cut to this.
    public var maxRetryAfter: Duration
    /// The first backoff delay; doubled per try, plus up to the same again as jitter.
    public var backoffBase: Duration
    /// Where each try is recorded (method, path, status, time), if anywhere.
    public var log: RequestLog?
    /// A PEM file of certificate authorities trusted for https besides the system's (a private
    /// proxy, a test server): `--ca-file` or `ORDERSCOPE_CA_FILE`.
    public var extraCAFile: String?
    /// The largest answer body taken (`ORDERSCOPE_MAX_RESPONSE`); a bigger answer, or one that
    /// announces more, is refused as it arrives.
    public var maxResponseBytes: Int = DinteroAPIOptions.defaultMaxResponseBytes

    /// 256 MiB: far above a page of 100 complete orders.
    public static let defaultMaxResponseBytes = 256 << 20

    /// A size as `ORDERSCOPE_MAX_RESPONSE` takes it: bytes, or with a K, M or G suffix (binary
    /// units); nil when it is not a positive size.
    public static func parseSize(_ text: String) -> Int? { StreamGuard.parseSize(text) }

    public static let defaultBaseURL = "https://api.dintero.com"

    public init(
        baseURL: String = DinteroAPIOptions.defaultBaseURL, timeout: Duration = .seconds(30),
        maxAttempts: Int = 4,
        maxRetryAfter: Duration = .seconds(30), backoffBase: Duration = .milliseconds(500),
        log: RequestLog? = nil
    ) {
        self.log = log
        self.baseURL = baseURL
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.maxRetryAfter = maxRetryAfter
        self.backoffBase = backoffBase
    }
}

/// Orders from the Dintero Shopping API (read only): gets and caches a client-credentials token
/// (refreshed at half its lifetime and once on a 401), pages whichever way the server does
/// (`OrderListBody`: a continuation in the body, else `starting_after` = the last id),
/// retries 429 (honouring `Retry-After`), 5xx and network faults with bounded backoff, and turns
/// every failure into a `SourceError` whose text never contains the secret or a token.
public actor DinteroAPISource: OrderSource {
    public nonisolated let origin: SourceOrigin
    public nonisolated let credentials: DinteroCredentials
    public nonisolated let query: DinteroOrderQuery
    public nonisolated let options: DinteroAPIOptions

    private let base: String
    private let transport: HTTPTransport
    private var token: (value: String, refreshAt: ContinuousClock.Instant)?
    private var tokenTask: Task<String, any Error>?
    /// Every token seen, so messages can be scrubbed of them.
    private var knownTokens: [String] = [] {
        didSet { scrubber = nil }
    }
    /// Every form of the secrets to remove, made once per set of tokens (`redact` runs on every
    /// request's log line).
    private var scrubber: SecretScrubber?
    /// Each listing's paging (by its path and parameters), for loop detection.
    private var listings: [String: Listing] = [:]
    /// The key of the listing paged last (for a fetch's checkpoint).
    private var lastListing: String?
    /// The largest page size to ask for; lowered when the server refuses a `limit`.
    private var pageSizeCap = 100

    /// Checks the base URL; makes no request yet.
    public init(
        credentials: DinteroCredentials, query: DinteroOrderQuery = DinteroOrderQuery(),
        options: DinteroAPIOptions = DinteroAPIOptions()
    ) throws(SourceError) {
        var base = options.baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        guard base.hasPrefix("https://") || base.hasPrefix("http://"), URL(string: base)?.host != nil else {
            throw SourceError.credentials(
                message:
                    "--api-base must be an http(s) URL such as https://api.dintero.com, not \(options.baseURL)"
            )
        }
        self.base = base
        self.credentials = credentials
        self.query = query
        self.options = options
        origin = .api(accountID: credentials.accountID.value, storeID: query.storeID)
        transport = try HTTPTransport(
            extraCAFile: options.extraCAFile, maxBodyBytes: options.maxResponseBytes)
    }

    // MARK: - OrderSource

    public func page(after cursor: PageCursor?, limit: Int) async throws(SourceError) -> OrderPage {
        var result = try await listPage(after: cursor, limit: limit)
        // A page can be empty before the end (a backend that filters after it reads, as
        // DynamoDB-style ones do); the list asks for more only when a page brings orders.
        var emptyPages = 0
        while result.orders.isEmpty, let next = result.next {
            emptyPages += 1
            guard emptyPages <= Self.maxEmptyPages else {
                throw SourceError.api(
                    message:
                        "the API answered \(Self.maxEmptyPages) empty pages in a row, each with a new cursor; "
                        + "paging stopped (GET \(listPath))", status: nil, retryable: false)
            }
            result = try await listPage(after: next, limit: limit)
        }
        let summaries = result.orders.map { OrderSummary(order: Order(json: $0)) }
        return OrderPage(
            summaries: summaries, next: result.next, identifiers: result.orders.map(OrderIdentifiers.of))
    }

    static let maxEmptyPages = 50

    public func order(id: String) async throws(SourceError) -> Order {
        Order(json: try await orderJSON(id: id))
    }

    public func session(orderID: String, sessionID: String) async throws(SourceError) -> Session {
        let path = accountPath + "/orders/\(Self.segment(orderID))/sessions/\(Self.segment(sessionID))"
        let json = try await getJSON(path: path, parameters: [])
        guard json.objectValue != nil else {
            throw SourceError.api(
                message: "the session answer is not a JSON object (GET \(path))", status: nil,
                retryable: false)
        }
        return Session(json: json)
    }

    // MARK: - Raw access (for `fetch`)

    /// One page of raw order objects as the list endpoint returned them, and where the next
    /// page starts. The next page is the body's continuation (a token or a `next` link) whatever
    /// the page's length; from a server that never sends one, `starting_after` = the last
    /// order's id, until an empty page; nil at the end. A 400 that names `limit` lowers the page
    /// size (for this and later pages) and tries once more. Throws when the server hands back
    /// a cursor already used, which a server that ignores `starting_after` does.
    /// `includeEvents` asks for complete orders; `createdSince` (an RFC 3339 instant) narrows
    /// `created_at.gte` for this listing. Listings with different parameters keep their cursors
    /// apart, so `browse --follow` can poll while the list pages on.
    public func listPage(
        after cursor: PageCursor?, limit: Int, includeEvents: Bool = false, createdSince: String? = nil
    ) async throws(SourceError) -> (orders: [JSONValue], next: PageCursor?) {
        let page = try await listedPage(
            after: cursor, limit: limit, includeEvents: includeEvents, createdSince: createdSince)
        return (page.orders, page.next)
    }

    /// `listPage`, with each order's bytes as the server sent them (`ListedPage.sources`).
    public func listedPage(
        after cursor: PageCursor?, limit: Int, includeEvents: Bool = false, createdSince: String? = nil
    ) async throws(SourceError) -> ListedPage {
        var parameters = query.parameters
        if let createdSince {
            let current = parameters.firstIndex { $0.0 == "created_at.gte" }
            let later =
                current.map {
                    (Timestamp.parse(parameters[$0].1) ?? 0) < (Timestamp.parse(createdSince) ?? 0)
                } ?? true
            if let current, later { parameters.remove(at: current) }
            if later { parameters.append(("created_at.gte", createdSince)) }
        }
        if includeEvents { parameters.append(("include_events", "true")) }
        let key = Self.target(listPath, parameters)
        if cursor == nil { listings[key] = Listing() }
        var listing = listings[key] ?? Listing()
        defer { listings[key] = listing }
        let path = listPath
        var lowered = false
        var json: JSONValue
        var bytes: [UInt8]
        while true {
            let size = min(max(limit, 1), pageSizeCap)
            let target: String
            if let cursor, let link = Self.link(in: cursor) {
                target = try linkTarget(link)
            } else {
                var sent: [(String, String)] = [("limit", String(size))]
                if let cursor { sent.append(("starting_after", cursor.value)) }
                target = Self.target(path, sent + parameters)
            }
            do {
                (json, bytes) = try await getDocument(target: target, path: path)
                break
            } catch {
                guard !lowered, let smaller = Self.smallerLimit(after: error, than: size) else { throw error }
                lowered = true
                pageSizeCap = smaller
            }
        }
        guard let body = OrderListBody(json) else {
            throw SourceError.api(
                message:
                    "the order list answer has neither a JSON array nor an \"orders\" array (GET \(path))",
                status: nil, retryable: false)
        }
        let next: PageCursor
        switch body.continuation {
        case .token(let token): next = PageCursor(token)
        case .link(let link): next = PageCursor(Self.linkMarker + link)
        case nil:
            // A server that handed out continuations ends its list by leaving one out (and may
            // not take an order id as starting_after); only one that never did is paged by ids.
            guard !listing.pagesByContinuation, let last = body.orders.last else {
                return ListedPage(orders: body.orders, bytes: bytes, next: nil)
            }
            guard let id = last["id"]?.stringValue ?? last["order_id"]?.stringValue, !id.isEmpty else {
                throw SourceError.api(
                    message: "cannot page on: the last order of the page has no id (GET \(path))",
                    status: nil, retryable: false)
            }
            next = PageCursor(id)
        }
        if body.continuation != nil { listing.pagesByContinuation = true }
        lastListing = key
        guard try listing.isNew(next, after: cursor, pageIsEmpty: body.orders.isEmpty, path: listPath) else {
            return ListedPage(orders: body.orders, bytes: bytes, next: nil)
        }
        return ListedPage(orders: body.orders, bytes: bytes, next: next)
    }

    /// What this source lists (account, list path, filters), for a resumed fetch to check that
    /// it asks for the same orders.
    public nonisolated var listingDescription: String {
        Self.target(listPath, query.parameters)
    }

    /// Whether the listing last paged was paged by continuations from the server.
    public var listingPagesByContinuation: Bool {
        lastListing.flatMap { listings[$0] }?.pagesByContinuation ?? false
    }

    /// Goes on with a fetch's listing (`include_events=true`) a previous process began: no
    /// cursor seen yet, and the way that server pages.
    public func resumeListing(pagesByContinuation: Bool) {
        let key = Self.target(listPath, query.parameters + [("include_events", "true")])
        listings[key] = Listing(pagesByContinuation: pagesByContinuation)
    }

    /// Orders created at or after `instant` (the first page when nil), for `browse --follow`:
    /// at most `maxFollowPages` pages, so a poll stays short.
    public func ordersCreated(since instant: String?, limit: Int = 100) async throws(SourceError)
        -> [OrderSummary]
    {
        var summaries: [OrderSummary] = []
        var cursor: PageCursor?
        var pages = 0
        repeat {
            let page = try await listPage(after: cursor, limit: limit, createdSince: instant)
            summaries += page.orders.map { OrderSummary(order: Order(json: $0)) }
            cursor = page.next
            pages += 1
        } while cursor != nil && instant != nil && pages < Self.maxFollowPages
        return summaries
    }

    static let maxFollowPages = 20

    /// One listing's paging so far: the cursors asked with and what each answered (a loop
    /// shows as a cursor coming back), and whether the server pages by continuations.
    private struct Listing {
        var cursorChain: [String: String] = [:]
        var pagesByContinuation = false

        /// Whether `next` moves the listing on. A cursor already requested (or the one just
        /// sent) means the server pages in a circle; on an empty page that is just the end,
        /// otherwise paging stops with a message rather than save or show the same orders
        /// again. Asking for the same page twice (a retry) is not a repeat.
        mutating func isNew(
            _ next: PageCursor, after cursor: PageCursor?, pageIsEmpty: Bool, path: String
        ) throws(SourceError) -> Bool {
            let requested = cursor?.value ?? ""
            let nextKey = next.value
            let isRetry = cursorChain[requested] != nil
            if nextKey == requested || (!isRetry && cursorChain[nextKey] != nil) {
                if pageIsEmpty { return false }
                throw SourceError.api(
                    message:
                        "the API answered a cursor already used (\(DinteroAPISource.printable(DinteroAPISource.link(in: next) ?? next.value))): "
                        + "it seems to ignore starting_after, so paging stopped rather than repeat orders (GET \(path))",
                    status: nil, retryable: false)
            }
            cursorChain[requested] = nextKey
            return true
        }
    }

    /// A page size the server may accept after it refused `size` with a 400 naming `limit`:
    /// the largest number in its message when below `size` ("limit must be 1 to 50"), else
    /// half (a range up to 500 says nothing about why 100 was refused).
    static func smallerLimit(after error: SourceError, than size: Int) -> Int? {
        guard case .apiResponse(400, let code, let message) = error,
            (message + " " + (code ?? "")).lowercased().contains("limit")
        else { return nil }
        // The server's own words, before the " (GET path)" the client adds (the path has digits).
        let words = message.components(separatedBy: " (GET ").first ?? message
        let numbers = words.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if let cap = numbers.max(), cap >= 1, cap < size { return cap }
        return size > 1 ? size / 2 : nil
    }

    /// Marks a cursor that is a `next` link rather than a `starting_after` value (a control
    /// character no token holds; `PageCursor` stays one opaque string for every source).
    static let linkMarker = "\u{1}link "

    /// The link a cursor holds, if it is one.
    static func link(in cursor: PageCursor) -> String? {
        cursor.value.hasPrefix(linkMarker) ? String(cursor.value.dropFirst(linkMarker.count)) : nil
    }

    /// The path and query of a `next` link. Only a link on the API host itself is followed:
    /// the bearer token goes with it.
    private func linkTarget(_ link: String) throws(SourceError) -> String {
        if link.hasPrefix("/") { return link }
        guard let url = URLComponents(string: link), let home = URLComponents(string: base),
            url.scheme?.lowercased() == home.scheme?.lowercased(),
            url.host?.lowercased() == home.host?.lowercased(),
            url.port == home.port
        else {
            throw SourceError.api(
                message:
                    "the next-page link points away from \(base) (\(Self.printable(link))); not followed, "
                    + "so the token is not sent there", status: nil, retryable: false)
        }
        return url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// One order as the API returned it, with `include_events=true`. A 404 says which account
    /// (and store) has no such order.
    public func orderJSON(id: String) async throws(SourceError) -> JSONValue {
        try await orderDocument(id: id).json
    }

    /// `orderJSON`, with the order's bytes as the server sent them (compact, escapes as
    /// written: `fetch` saves these).
    public func orderDocument(id: String) async throws(SourceError) -> (json: JSONValue, source: [UInt8]) {
        let path = listPath + "/\(Self.segment(id))"
        let json: JSONValue
        let bytes: [UInt8]
        do {
            (json, bytes) = try await getDocument(
                target: Self.target(path, [("include_events", "true")]), path: path)
        } catch {
            guard case .apiResponse(404, _, _) = error else { throw error }
            let store = query.storeID.map { " store \(Self.printable($0)) of" } ?? ""
            throw SourceError.api(
                message: "no order \(Self.printable(id)) in\(store) account \(credentials.accountID.value)",
                status: 404,
                retryable: false)
        }
        guard json.objectValue != nil else {
            throw SourceError.api(
                message: "the order answer is not a JSON object (GET \(path))", status: nil, retryable: false)
        }
        return (json, JSONSpans.compact(bytes))
    }

    // MARK: - Paths

    private nonisolated var accountPath: String { "/v1/accounts/\(credentials.accountID.value)/shopping" }

    private nonisolated var listPath: String {
        if let store = query.storeID { return accountPath + "/stores/\(Self.segment(store))/orders" }
        return accountPath + "/orders"
    }

    private static let unreserved = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    static func segment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    // MARK: - Requests

    private func getJSON(path: String, parameters: [(String, String)]) async throws(SourceError) -> JSONValue
    {
        try await getJSON(target: Self.target(path, parameters), path: path)
    }

    /// `path?name=value&…`, every part percent-encoded.
    static func target(_ path: String, _ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { segment($0.0) + "=" + segment($0.1) }.joined(separator: "&")
    }

    /// GETs `target` (path and query); `path` names the request in messages.
    private func getJSON(target: String, path: String) async throws(SourceError) -> JSONValue {
        try await getDocument(target: target, path: path).json
    }

    /// GETs `target` and parses the answer; gives the body too.
    private func getDocument(target: String, path: String) async throws(SourceError) -> (
        json: JSONValue, body: [UInt8]
    ) {
        var refreshed = false
        var attempt = 0
        var paced = RatePacing()
        while true {
            attempt += 1
            if Task.isCancelled { throw SourceError.cancelled }
            let bearer = try await validToken()
            guard let url = URL(string: base + target) else {
                throw SourceError.api(
                    message: "cannot build a URL for \(path)", status: nil, retryable: false)
            }
            let request = HTTPRequest(
                method: "GET", url: url,
                headers: [
                    "Authorization": "Bearer " + bearer, "Accept": "application/json",
                    "Dintero-System-Name": "orderscope",
                ])
            let started = ContinuousClock.now
            let outcome = await transport.send(request, timeout: options.timeout)
            logTry("GET", target, outcome, attempt: attempt, since: started)
            let failure: SourceError
            var delay: Duration?
            switch outcome {
            case .failure(let transportFailure):
                failure = describe(transportFailure, method: "GET", path: path)
                if transportFailure == .cancelled { throw failure }
            case .success(let result):
                if (200..<300).contains(result.status) {
                    do {
                        return (try JSONParser.parse(result.body), result.body)
                    } catch {
                        failure = SourceError.api(
                            message:
                                "the answer to GET \(path) is incomplete or not JSON (\(redact(error.reason)) "
                                + "at byte \(error.offset) of \(result.body.count))",
                            status: result.status, retryable: true)
                    }
                } else if result.status == 401 && !refreshed {
                    refreshed = true
                    token = nil
                    attempt -= 1
                    continue
                } else {
                    failure = apiError(result, method: "GET", path: path)
                    delay = retryAfter(result)
                    if result.status == 429, let budget = options.rateLimitBudget {
                        try await pace(&paced, delay: delay, failure: failure, budget: budget)
                        attempt -= 1
                        continue
                    }
                }
            }
            guard failure.isRetryable, attempt < options.maxAttempts else { throw failure }
            let pause = delay ?? backoff(attempt: attempt)
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw SourceError.cancelled
            }
        }
    }

    /// How much one request has waited on 429s.
    private struct RatePacing {
        var hits = 0
        var waited: Duration = .zero
    }

    /// Waits out a 429 (`delay` from `Retry-After`, else backoff by the number of 429s), or
    /// throws `failure`, saying how long the server held the request, once the request's
    /// `rateLimitBudget` would be exceeded.
    private func pace(
        _ paced: inout RatePacing, delay: Duration?, failure: SourceError, budget: Duration
    ) async throws(SourceError) {
        paced.hits += 1
        let pause = delay ?? backoff(attempt: paced.hits)
        guard paced.waited + pause <= budget else {
            let seconds = Int(HTTPTransport.seconds(paced.waited).rounded())
            if case .apiResponse(let status, let code, let message) = failure {
                throw SourceError.apiResponse(
                    status: status, code: code,
                    message: message
                        + "; still rate limited after \(paced.hits) answers of 429 and \(seconds) s of waiting"
                )
            }
            throw failure
        }
        paced.waited += pause
        do {
            try await Task.sleep(for: pause)
        } catch {
            throw SourceError.cancelled
        }
    }

    /// The pause a 429 asks for (`Retry-After` in seconds, capped), for the token and API calls alike.
    private func retryAfter(_ result: HTTPResult) -> Duration? {
        guard result.status == 429, let text = result.headers["retry-after"],
            let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return nil }
        return min(.seconds(seconds), options.maxRetryAfter)
    }

    private func backoff(attempt: Int) -> Duration {
        let base = options.backoffBase * (1 << min(attempt - 1, 6))
        let jitter = options.backoffBase * Double.random(in: 0..<1)
        return min(base + jitter, .seconds(20))
    }

    // MARK: - Token

    private func validToken() async throws(SourceError) -> String {
        if let token, ContinuousClock.now < token.refreshAt { return token.value }
        let task: Task<String, any Error>
        if let running = tokenTask {
            task = running
        } else {
            task = Task { try await self.requestToken() }
            tokenTask = task
        }
        do {
            let value = try await task.value
            tokenTask = nil
            return value
        } catch let error as SourceError {
            tokenTask = nil
            throw error
        } catch {
            tokenTask = nil
            throw SourceError.cancelled
        }
    }

    private func requestToken() async throws(SourceError) -> String {
        let account = credentials.accountID.value
        let path = "/v1/accounts/\(account)/auth/token"
        guard let url = URL(string: base + path) else {
            throw SourceError.api(message: "cannot build the token URL", status: nil, retryable: false)
        }
        let audience = "https://api.dintero.com/v1/accounts/\(account)"
        var body: [UInt8] = Array("{\"grant_type\":\"client_credentials\",\"audience\":".utf8)
        JSONValue.appendQuoted(audience, to: &body)
        body.append(UInt8(ascii: "}"))
        var attempt = 0
        var paced = RatePacing()
        while true {
            attempt += 1
            let request = HTTPRequest(
                method: "POST", url: url,
                headers: [
                    "Authorization": "Basic " + basicCredentials, "Content-Type": "application/json",
                    "Accept": "application/json",
                ],
                body: body)
            let started = ContinuousClock.now
            let outcome = await transport.send(request, timeout: options.timeout)
            logTry("POST", path, outcome, attempt: attempt, since: started)
            var failure: SourceError
            var delay: Duration?
            switch outcome {
            case .failure(let transportFailure):
                failure = describe(transportFailure, method: "POST", path: path)
                if transportFailure == .cancelled { throw failure }
            case .success(let result) where (200..<300).contains(result.status):
                guard let json = try? JSONParser.parse(result.body),
                    let value = json["access_token"]?.stringValue,
                    !value.isEmpty
                else {
                    failure = SourceError.api(
                        message: "the token answer has no access_token (POST \(path))", status: result.status,
                        retryable: true)
                    break
                }
                knownTokens.append(value)
                let lifetime = max(json["expires_in"]?.intValue ?? 300, 2)
                token = (value, ContinuousClock.now + .milliseconds(lifetime * 500))
                return value
            case .success(let result):
                failure = apiError(result, method: "POST", path: path)
                if case .apiResponse(let status, let code, let message) = failure,
                    status == 401 || status == 403
                {
                    failure = .apiResponse(
                        status: status, code: code,
                        message:
                            "authentication failed for account \(account), client \(redact(credentials.clientID)): "
                            + message)
                }
                delay = retryAfter(result)
                if result.status == 429, let budget = options.rateLimitBudget {
                    try await pace(&paced, delay: delay, failure: failure, budget: budget)
                    attempt -= 1
                    continue
                }
            }
            guard failure.isRetryable, attempt < options.maxAttempts else { throw failure }
            do {
                try await Task.sleep(for: delay ?? backoff(attempt: attempt))
            } catch {
                throw SourceError.cancelled
            }
        }
    }

    /// One line per try in the request log: the outcome, never a header or a body.
    private func logTry(
        _ method: String, _ target: String, _ outcome: Result<HTTPResult, TransportFailure>, attempt: Int,
        since started: ContinuousClock.Instant
    ) {
        guard let log = options.log else { return }
        let elapsed = ContinuousClock.now - started
        let milliseconds =
            elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let result: String
        switch outcome {
        case .success(let answer): result = "\(answer.status), \(answer.body.count) bytes"
        case .failure(.timeout): result = "timed out"
        case .failure(.cancelled): result = "cancelled"
        case .failure(.network(let reason)): result = "network error: \(redact(reason))"
        case .failure(.tls(let reason)): result = "TLS error: \(redact(reason))"
        }
        log.record("\(method) \(redact(target)) -> \(result) in \(milliseconds) ms (try \(attempt))")
    }

    private var basicCredentials: String {
        Data((credentials.clientID + ":" + credentials.clientSecret.value).utf8).base64EncodedString()
    }

    // MARK: - Messages

    private func describe(_ failure: TransportFailure, method: String, path: String) -> SourceError {
        switch failure {
        case .timeout:
            return .api(
                message: "no complete answer within \(Self.format(options.timeout)) (\(method) \(path))",
                status: nil, retryable: true)
        case .cancelled: return .cancelled
        case .network(let reason):
            return .api(message: "\(redact(reason)) (\(method) \(base)\(path))", status: nil, retryable: true)
        case .tls(let reason):
            return .api(
                message: "\(redact(reason)) (\(method) \(base)\(path))", status: nil, retryable: false)
        }
    }

    private func apiError(_ result: HTTPResult, method: String, path: String) -> SourceError {
        var code: String?
        var message: String?
        if let json = try? JSONParser.parse(result.body) {
            let error = json["error"]
            code = error?["code"]?.stringValue
            message = error?["message"]?.stringValue ?? json["message"]?.stringValue
        }
        let fallback: String
        switch result.status {
        case 401: fallback = "not authorized (the token was refused)"
        case 403: fallback = "forbidden (the API client lacks the read:shopping scope or this account)"
        case 404: fallback = "not found"
        case 429: fallback = "too many requests"
        case 500...: fallback = "server error"
        default: fallback = "unexpected answer"
        }
        let text = redact(Self.printable(message ?? fallback)) + " (\(method) \(path))"
        return .apiResponse(
            status: result.status, code: code.map { redact(Self.printable($0)) }, message: text)
    }

    /// Removes the secret, its Basic form and every token seen from `text`, in every encoding a
    /// server may echo them in (`SecretScrubber`).
    func redact(_ text: String) -> String {
        if let scrubber { return scrubber.scrub(text) }
        let secret = credentials.clientSecret.value
        let made = SecretScrubber(
            secrets: knownTokens + (secret.isEmpty ? [] : [secret]),
            basic: secret.isEmpty ? [] : [(credentials.clientID, secret)])
        scrubber = made
        return made.scrub(text)
    }

    /// Server text limited in length and stripped of control characters.
    static func printable(_ text: String) -> String {
        let cleaned = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return cleaned.count > 300 ? String(cleaned.prefix(300)) + "…" : cleaned
    }

    static func format(_ duration: Duration) -> String {
        let seconds = HTTPTransport.seconds(duration)
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        return "\(Double(Int(seconds * 10)) / 10) s"
    }
}

/// `browse --follow` polls the API for orders created since the newest loaded one.
extension DinteroAPISource: FollowableSource {
    public nonisolated var followable: (any FollowableSource)? { self }
}
