import Foundation
import JSONCore
import OrderModel

/// How a `DinteroMockServer` behaves: the orders it serves, the credentials it accepts, the body
/// shape of lists, and which faults it injects (each fault counter is consumed by API requests
/// in arrival order: first the 429s, then the 500s, then truncated, then stalled responses).
public struct MockConfiguration: Sendable {
    /// The orders served, in list order (each a full order object, events included).
    public var orders: [JSONValue]
    /// The source bytes of `orders` (same count and order) when they were read from a dump:
    /// served as they are, escapes and all (a lone surrogate `\ud800` survives, which a
    /// `JSONValue` cannot hold). Empty: `orders` are written as JSON.
    public var orderSources: [[UInt8]] = []
    /// The only account id the mock answers for (`T` or `P` + 8 digits).
    public var accountID: String = "T12345678"
    public var clientID: String = "mock-client-id"
    public var clientSecret: String = "mock-client-secret"
    /// 0 = an ephemeral port chosen by the kernel.
    public var port: UInt16 = 0
    /// The shape of list answers: the documented `{"orders": [...]}` or a bare array.
    public var listBody: MockListBody = .envelope
    /// Where an enveloped list puts its continuation when more orders follow: nil for none (the
    /// client pages with the last order's id), one of `MockConfiguration.tokenNames` for an
    /// opaque token to send back as `starting_after`, or `next` for a link to the next page.
    public var tokenName: String?
    /// Pages are shorter than `limit` before the end (a half, a third, a quarter of it in
    /// turn), as a backend that filters after it reads answers; use with a token.
    public var shortPages: Bool = false
    /// The largest `limit` accepted; above it a list answers 400 naming `limit`.
    public var maxLimit: Int = 100
    /// Lists leave events out even when asked with `include_events` (a server whose list
    /// entries are summaries): a client must then fetch each order.
    public var listWithoutEvents: Bool = false
    /// Delay before every response, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// This many API requests are answered normally before the fault counters below start to
    /// be consumed (so a fault can hit a later page rather than the first).
    public var faultsAfter: Int = 0
    /// The first N API requests answer 429 with `Retry-After: retryAfterSeconds`.
    public var fail429Count: Int = 0
    public var retryAfterSeconds: Int = 1
    /// The next N API requests (after the 429s) answer 500.
    public var fail500Count: Int = 0
    /// `expires_in` of issued tokens; a token is refused (401) once this many seconds passed.
    public var tokenTTLSeconds: Int = 3600
    /// A token is refused (401) after this many uses (nil = unlimited).
    public var tokenMaxUses: Int?
    /// The next N API responses announce the full length but send half the body, then close.
    public var truncateCount: Int = 0
    /// The next N API responses send the headers and a few body bytes, then stall until the
    /// client gives up or the server stops.
    public var stallCount: Int = 0
    /// Lists ignore `starting_after` (every page is the first page): a broken-cursor server.
    public var ignoreStartingAfter: Bool = false
    /// The token endpoint refuses every request with 401, and (like a careless server) echoes
    /// the received Authorization header in its error message.
    public var failTokenRequests: Bool = false
    /// Serve https with this PEM certificate (chain) and `tlsKeyPath`'s PEM private key
    /// (`mock-api --tls-cert/--tls-key`); nil serves plain http.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?

    /// The continuation names `tokenName` takes: Dintero's token names and `next` (a link).
    public static let tokenNames = [
        "paging_token", "next_page_token", "starting_after", "last_evaluated_key", "next",
    ]

    public init(orders: [JSONValue]) {
        self.orders = orders
    }

    /// Reads a dump: a JSON array of orders, `{"orders": [...]}`, one order object, or NDJSON.
    public static func loadDump(path: String) throws(MockServerError) -> [JSONValue] {
        try loadDumpWithSources(path: path).orders
    }

    /// A configuration serving the dump at `path`, each order as its source bytes.
    public init(dumpPath path: String) throws(MockServerError) {
        let loaded = try Self.loadDumpWithSources(path: path)
        orders = loaded.orders
        orderSources = loaded.sources
    }

    /// `loadDump`, with each order's source bytes (compact, escapes as written).
    public static func loadDumpWithSources(path: String) throws(MockServerError) -> (
        orders: [JSONValue], sources: [[UInt8]]
    ) {
        // FileHandle, not FileManager.contents(atPath:), which leaks a 4 KB buffer for an empty
        // file on Linux (found by LeakSanitizer).
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data()
        else {
            throw MockServerError("cannot read \(path)")
        }
        try? handle.close()
        return try parseDumpWithSources(Array(data), name: path)
    }

    /// Parses dump bytes (see `loadDump(path:)`).
    public static func parseDump(_ bytes: [UInt8], name: String = "dump") throws(MockServerError)
        -> [JSONValue]
    {
        try parseDumpWithSources(bytes, name: name).orders
    }

    /// `parseDump`, with each order's source bytes (compact, escapes as written); no sources
    /// when the spans cannot be matched to the orders.
    public static func parseDumpWithSources(
        _ bytes: [UInt8], name: String = "dump"
    ) throws(MockServerError) -> (orders: [JSONValue], sources: [[UInt8]]) {
        do {
            let value = try JSONParser.parse(bytes)
            let orders: [JSONValue]
            switch value {
            case .array(let elements): orders = elements.filter { $0.objectValue != nil }
            case .object(let object):
                if let list = object["orders"]?.arrayValue {
                    orders = list.filter { $0.objectValue != nil }
                } else {
                    return ([value], [JSONSpans.compact(bytes)])
                }
            default: throw MockServerError("\(name): holds no orders")
            }
            let sources = bytes.withUnsafeBytes { buffer in
                (JSONSpans.listedObjects(in: buffer, listKeys: ["orders"]) ?? []).map {
                    JSONSpans.compact(UnsafeRawBufferPointer(rebasing: buffer[$0]))
                }
            }
            return (orders, sources.count == orders.count ? sources : [])
        } catch let error as MockServerError {
            throw error
        } catch {
            // Not one document: try NDJSON.
            var orders: [JSONValue] = []
            var sources: [[UInt8]] = []
            var lineNumber = 0
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                let trimmed = line.filter { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }
                if trimmed.isEmpty { continue }
                do {
                    orders.append(try JSONParser.parse(Array(line)))
                    sources.append(JSONSpans.compact(line))
                } catch {
                    throw MockServerError("\(name):\(lineNumber): not JSON (\(error.reason))")
                }
            }
            if orders.isEmpty { throw MockServerError("\(name): holds no orders") }
            return (orders, sources)
        }
    }
}

/// How the mock shapes an order list.
public enum MockListBody: String, Sendable, CaseIterable {
    /// `{"orders": [...]}`, as Dintero documents for store orders.
    case envelope
    /// `[...]`, as Dintero's older lists answer.
    case bareArray
}

/// Why the mock could not start or load its dump.
public struct MockServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One request as the mock saw it, for tests to assert on.
public struct MockRequestRecord: Sendable, Equatable {
    public var method: String
    public var path: String
    /// Decoded query parameters in request order.
    public var query: [(String, String)]
    public var status: Int
    /// Which injected fault answered, if any: "429", "500", "truncated", "stalled", "expired".
    public var fault: String?
    /// Seconds since the server started.
    public var time: Double
    /// True for the token endpoint.
    public var isTokenRequest: Bool

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    public static func == (lhs: MockRequestRecord, rhs: MockRequestRecord) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.status == rhs.status
            && lhs.fault == rhs.fault && lhs.time == rhs.time && lhs.isTokenRequest == rhs.isTokenRequest
            && lhs.query.map { $0.0 } == rhs.query.map { $0.0 }
            && lhs.query.map { $0.1 } == rhs.query.map { $0.1 }
    }
}
