import Dispatch
import Foundation
import NIOConcurrencyHelpers

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP answer: status, headers (lowercased names) and the whole body.
struct HTTPResult: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
}

/// Why no HTTP answer arrived.
enum TransportFailure: Error, Sendable, Equatable {
    case timeout
    case cancelled
    case network(String)
}

/// Sends one request and collects its whole answer, with a hard deadline per request (the
/// connection, the head and the whole body) and task cancellation; never caches, never keeps
/// cookies. Plain `http` (the loopback mock) goes through `NIOHTTPClient` (keep-alive
/// connections on a SwiftNIO event loop, no CPU while waiting); `https` through
/// `URLSessionTransport` until the NIO client speaks TLS.
final class HTTPTransport: Sendable {
    private let nio = NIOHTTPClient()
    private let timeout: Duration
    /// Made on the first https request.
    private let urlSession = NIOLockedValueBox<URLSessionTransport?>(nil)

    init(timeout: Duration) {
        self.timeout = timeout
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func send(_ request: URLRequest, timeout: Duration) async -> Result<HTTPResult, TransportFailure> {
        guard let url = request.url, url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            let session = urlSession.withLockedValue { session in
                if let session { return session }
                let made = URLSessionTransport(timeout: self.timeout)
                session = made
                return made
            }
            return await session.send(request, timeout: timeout)
        }
        var target = url.path.isEmpty ? "/" : url.path
        if let components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            if let query = components.percentEncodedQuery { target += "?" + query }
        }
        let headers = (request.allHTTPHeaderFields ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let outgoing = NIOHTTPClient.Request(
            method: request.httpMethod == "POST" ? .POST : .GET,
            endpoint: NIOHTTPClient.Endpoint(
                host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
                port: url.port ?? 80),
            target: target, headers: headers, body: request.httpBody.map { Array($0) })
        return await nio.send(outgoing, timeout: timeout)
    }
}
