import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import OrderIndex

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 client on SwiftNIO, for `http` and `https` (TLS by swift-nio-ssl, `ClientTLS`):
/// requests are written on keep-alive connections taken from a pool (per scheme, host and port;
/// at most `maxIdlePerHost` kept idle), answers are collected by `HTTPResponseCollector` as they
/// arrive and refused past `maxBodyBytes`. Waiting costs nothing: the event loop sleeps in
/// `epoll_wait` until bytes arrive (URLSession on Linux spins while it waits).
///
/// Each request has one deadline for the connection, the head and the whole body. A request
/// that finds its reused connection closed before any answer (the server dropped an idle
/// connection) is sent once more on a new one; nothing else is retried here.
final class NIOHTTPClient: @unchecked Sendable {
    /// Where a connection goes.
    struct Endpoint: Hashable, Sendable {
        var host: String
        var port: Int
        /// https: the connection speaks TLS.
        var tls: Bool = false
    }

    /// One outgoing request.
    struct Request: Sendable {
        var method: HTTPMethod
        var endpoint: Endpoint
        /// Path and query, percent-encoded, as sent on the request line.
        var target: String
        var headers: [(String, String)]
        var body: [UInt8]?
    }

    private struct Connection: Sendable {
        var channel: any Channel
        var collector: HTTPResponseCollector
    }

    private let group: any EventLoopGroup
    private let maxIdlePerHost: Int
    private let maxBodyBytes: Int
    private let lock = NIOLock()
    private var idle: [Endpoint: [Connection]] = [:]
    /// Made on the first https connection when not given (reading the trust store takes time).
    private var tls: ClientTLS?

    /// The largest answer body taken by default (`ORDERSCOPE_MAX_RESPONSE` sets another).
    static let defaultMaxBodyBytes = 256 << 20

    init(maxIdlePerHost: Int = 64, maxBodyBytes: Int = defaultMaxBodyBytes, tls: ClientTLS? = nil) {
        group = MultiThreadedEventLoopGroup.singleton
        self.maxIdlePerHost = maxIdlePerHost
        self.maxBodyBytes = maxBodyBytes
        self.tls = tls
    }

    private func clientTLS() throws(SourceError) -> ClientTLS {
        if let made = lock.withLock({ tls }) { return made }
        let made = try ClientTLS()
        lock.withLock { if tls == nil { tls = made } }
        return made
    }

    deinit {
        for connections in idle.values {
            for connection in connections { connection.channel.close(promise: nil) }
        }
    }

    func send(_ request: Request, timeout: Duration) async -> Result<HTTPResult, TransportFailure> {
        let deadline = NIODeadline.now() + .nanoseconds(Self.nanoseconds(timeout))
        let cancel = CancelSwitch()
        return await withTaskCancellationHandler {
            var retried = false
            while true {
                let reused: Bool
                let connection: Connection
                if let pooled = takeIdle(request.endpoint) {
                    (connection, reused) = (pooled, true)
                } else {
                    switch await connect(request.endpoint, deadline: deadline) {
                    case .success(let fresh): (connection, reused) = (fresh, false)
                    case .failure(let failure): return .failure(cancel.isOn ? .cancelled : failure)
                    }
                }
                guard cancel.watch(connection.channel) else {
                    connection.channel.close(promise: nil)
                    return .failure(.cancelled)
                }
                let outcome = await exchange(request, on: connection, deadline: deadline)
                cancel.unwatch()
                switch outcome {
                case .success(let collected):
                    if collected.keepAlive && connection.channel.isActive {
                        putIdle(connection, request.endpoint)
                    } else {
                        connection.channel.close(promise: nil)
                    }
                    return .success(collected.result)
                case .failure(let failure):
                    connection.channel.close(promise: nil)
                    if cancel.isOn { return .failure(.cancelled) }
                    if case .closedBeforeAnswer = failure, reused, !retried {
                        retried = true
                        continue
                    }
                    return .failure(Self.describe(failure))
                }
            }
        } onCancel: {
            cancel.turnOn()
        }
    }

    // MARK: - Connections

    private func takeIdle(_ endpoint: Endpoint) -> Connection? {
        lock.withLock {
            while let connection = idle[endpoint]?.popLast() {
                if connection.channel.isActive { return connection }
                connection.channel.close(promise: nil)
            }
            return nil
        }
    }

    private func putIdle(_ connection: Connection, _ endpoint: Endpoint) {
        let kept = lock.withLock {
            guard idle[endpoint, default: []].count < maxIdlePerHost else { return false }
            idle[endpoint, default: []].append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    private func connect(_ endpoint: Endpoint, deadline: NIODeadline) async -> Result<
        Connection, TransportFailure
    > {
        let remaining = deadline - .now()
        guard remaining > .zero else { return .failure(.timeout) }
        let collector = HTTPResponseCollector(maxBodyBytes: maxBodyBytes)
        var tls: ClientTLS?
        if endpoint.tls {
            do {
                tls = try clientTLS()
            } catch {
                return .failure(.tls(error.message))
            }
        }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(remaining)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [tls] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(tls.handler(host: endpoint.host))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
        do {
            let channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
            return .success(Connection(channel: channel, collector: collector))
        } catch {
            return .failure(Self.describe(connectError: error))
        }
    }

    /// Writes the request and waits for its whole answer or the deadline.
    private func exchange(
        _ request: Request, on connection: Connection, deadline: NIODeadline
    ) async -> Result<HTTPResponseCollector.Collected, ExchangeFailure> {
        let channel = connection.channel
        let collector = connection.collector
        var headers = HTTPHeaders()
        let defaultPort = request.endpoint.port == (request.endpoint.tls ? 443 : 80)
        // An IPv6 literal goes in brackets (RFC 7230 5.4).
        let host =
            request.endpoint.host.contains(":") ? "[" + request.endpoint.host + "]" : request.endpoint.host
        headers.add(name: "Host", value: host + (defaultPort ? "" : ":\(request.endpoint.port)"))
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        if let body = request.body { headers.add(name: "Content-Length", value: String(body.count)) }
        let head = HTTPRequestHead(
            version: .http1_1, method: request.method, uri: request.target, headers: headers)
        let body = request.body
        let future: EventLoopFuture<HTTPResponseCollector.Collected> = channel.eventLoop.flatSubmit {
            let promise = channel.eventLoop.makePromise(of: HTTPResponseCollector.Collected.self)
            collector.begin(promise)
            let timer = channel.eventLoop.scheduleTask(deadline: deadline) {
                collector.fail(.timeout)
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body, !body.isEmpty {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            return promise.futureResult
        }
        do {
            return .success(try await future.get())
        } catch let failure as ExchangeFailure {
            return .failure(failure)
        } catch {
            return .failure(.closedBeforeAnswer)
        }
    }

    // MARK: - Errors

    static func describe(_ failure: ExchangeFailure) -> TransportFailure {
        switch failure {
        case .timeout: return .timeout
        case .cancelled: return .cancelled
        case .closedBeforeAnswer: return .network("the connection closed before the server answered")
        case .closedDuringAnswer: return .network("the connection closed before the answer was complete")
        case .tooLarge(let limit):
            return .network(
                "the answer is larger than " + (limit >= 1 << 20 ? "\(limit >> 20) MB" : "\(limit) bytes"))
        case .malformed: return .network("the server sent a malformed HTTP response")
        case .tls(let reason): return .tls(reason)
        }
    }

    static func describe(connectError error: any Error) -> TransportFailure {
        if case ChannelError.connectTimeout = error { return .timeout }
        if let reason = ClientTLS.reason(error) { return .tls(reason) }
        if let failure = error as? NIOConnectionError {
            guard let first = failure.connectionErrors.first else {
                return .network("cannot resolve the server's host name")
            }
            return describe(connectError: first.error)
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .network("cannot connect to the server (connection refused)")
            case ETIMEDOUT: return .timeout
            case ENETUNREACH, EHOSTUNREACH: return .network("cannot reach the server (no route to the host)")
            default:
                return .network("cannot connect to the server (\(String(cString: strerror(io.errnoCode))))")
            }
        }
        return .network("cannot connect to the server")
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? Int64.max / 2 : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Closes the connection of a request whose task is cancelled, whenever the cancellation comes.
private final class CancelSwitch: @unchecked Sendable {
    private let lock = NIOLock()
    private var on = false
    private var channel: (any Channel)?

    var isOn: Bool { lock.withLock { on } }

    func turnOn() {
        let channel = lock.withLock {
            on = true
            return self.channel
        }
        channel?.close(promise: nil)
    }

    /// Watches `channel` for the exchange; false when cancelled already.
    func watch(_ channel: any Channel) -> Bool {
        lock.withLock {
            self.channel = channel
            return !on
        }
    }

    func unwatch() { lock.withLock { channel = nil } }
}
