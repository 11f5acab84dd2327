import Foundation
import OrderIndex

/// One request of the API client, as `HTTPTransport` sends it. Our own value rather than
/// `URLRequest`, so the product does not link FoundationNetworking (and libcurl with it).
struct HTTPRequest: Sendable {
    /// `GET` or `POST`: the client never sends anything else.
    var method: String
    var url: URL
    var headers: [String: String] = [:]
    var body: [UInt8]?
}

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
    /// The TLS handshake or the server's certificate failed: trying again will not help.
    case tls(String)
}

/// Sends one request and collects its whole answer, with a hard deadline per request (the
/// connection, the head and the whole body), a limit on the body, and task cancellation; never
/// caches, never keeps cookies. `http` and `https` both go through `NIOHTTPClient` (keep-alive
/// connections on a SwiftNIO event loop, no CPU while waiting; TLS by swift-nio-ssl).
final class HTTPTransport: Sendable {
    private let nio: NIOHTTPClient

    /// `extraCAFile`: a PEM file of CAs trusted besides the system's (refused here when
    /// unreadable); `maxBodyBytes`: the largest answer body taken.
    init(extraCAFile: String? = nil, maxBodyBytes: Int = NIOHTTPClient.defaultMaxBodyBytes)
        throws(SourceError)
    {
        var tls: ClientTLS?
        if let extraCAFile { tls = try ClientTLS(extraCAFile: extraCAFile) }
        nio = NIOHTTPClient(maxBodyBytes: maxBodyBytes, tls: tls)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func send(_ request: HTTPRequest, timeout: Duration) async -> Result<HTTPResult, TransportFailure> {
        let url = request.url
        guard let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            return .failure(.network("not an http(s) URL"))
        }
        var target = url.path.isEmpty ? "/" : url.path
        if let components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            if let query = components.percentEncodedQuery { target += "?" + query }
        }
        let headers = request.headers.sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        let tls = scheme == "https"
        let outgoing = NIOHTTPClient.Request(
            method: request.method == "POST" ? .POST : .GET,
            endpoint: NIOHTTPClient.Endpoint(
                host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
                port: url.port ?? (tls ? 443 : 80), tls: tls),
            target: target, headers: headers, body: request.body)
        return await nio.send(outgoing, timeout: timeout)
    }
}
