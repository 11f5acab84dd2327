import Foundation
import JSONCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import OrderModel

/// A loopback HTTP/1.1 server that answers like the Dintero API from a dump, with fault
/// injection. Built on SwiftNIO (one event-loop thread); it binds 127.0.0.1 only, keeps
/// connections alive, and speaks TLS (swift-nio-ssl) when the configuration names a
/// certificate and key. The API itself (routing, tokens, faults) lives in `MockService`.
/// Used by the tests and by `orderscope mock-api`.
public final class DinteroMockServer: @unchecked Sendable {
    /// The bound port (the ephemeral one when the configuration asked for 0).
    public let port: UInt16
    /// `http://127.0.0.1:PORT`, or `https://` with TLS (no trailing slash; API paths start
    /// with `/v1`).
    public var baseURL: String {
        (configuration.tlsCertificatePath == nil ? "http" : "https") + "://127.0.0.1:\(port)"
    }
    /// The configuration the server started with.
    public let configuration: MockConfiguration

    private let service: MockService
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let lock = NSLock()
    private var stopped = false

    /// Binds 127.0.0.1:`configuration.port` and starts serving on a background event loop.
    public static func start(_ configuration: MockConfiguration) throws(MockServerError) -> DinteroMockServer
    {
        let service = MockService(configuration: configuration)
        let tls = try tlsContext(configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 64)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: false, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MockHTTPHandler(service: service))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: Int(configuration.port)).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw MockServerError("cannot bind 127.0.0.1:\(configuration.port): \(error)")
        }
        guard let port = channel.localAddress?.port, let port16 = UInt16(exactly: port) else {
            channel.close(promise: nil)
            try? group.syncShutdownGracefully()
            throw MockServerError("cannot read the bound port")
        }
        return DinteroMockServer(
            port: port16, configuration: configuration, service: service, group: group, channel: channel)
    }

    /// The server's TLS context from the configured PEM files; nil for plain http.
    private static func tlsContext(_ configuration: MockConfiguration) throws(MockServerError)
        -> NIOSSLContext?
    {
        guard configuration.tlsCertificatePath != nil || configuration.tlsKeyPath != nil else { return nil }
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath
        else {
            throw MockServerError("TLS needs both a certificate (--tls-cert) and its private key (--tls-key)")
        }
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw MockServerError("\(certificatePath): not a PEM certificate file")
        }
        guard !chain.isEmpty else { throw MockServerError("\(certificatePath): holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw MockServerError("\(keyPath): not a PEM private key file")
        }
        do {
            return try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw MockServerError("cannot set up TLS with \(certificatePath) and \(keyPath): \(error)")
        }
    }

    private init(
        port: UInt16, configuration: MockConfiguration, service: MockService,
        group: MultiThreadedEventLoopGroup,
        channel: any Channel
    ) {
        self.port = port
        self.configuration = configuration
        self.service = service
        self.group = group
        self.channel = channel
    }

    deinit { stop() }

    /// Stops accepting, ends stalled responses (closing every connection) and shuts the event
    /// loop down. Idempotent.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        channel.close(promise: nil)
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            // Called from an event loop thread (cannot block there): shut down in the background.
            group.shutdownGracefully { _ in }
        } else {
            try? group.syncShutdownGracefully()
        }
    }

    /// Every request received so far, in arrival order.
    public var requestLog: [MockRequestRecord] { service.requestLog }

    /// TCP connections accepted so far: fewer than requests when the client keeps them alive.
    public var connectionCount: Int { service.connectionCount }

    /// Requests other than the token endpoint.
    public var apiRequests: [MockRequestRecord] { requestLog.filter { !$0.isTokenRequest } }

    /// The number of token requests received (successful or not).
    public var tokenRequestCount: Int { requestLog.filter(\.isTokenRequest).count }

    /// Every access token issued so far (for tests that check nothing leaks them).
    public var issuedAccessTokens: [String] { service.issuedAccessTokens }

    /// The most requests the server held at once (received, answer not yet sent): how many
    /// a client really had in flight.
    public var maxRequestsInFlight: Int { service.maxRequestsInFlight }

    /// Forgets the request log.
    public func resetLog() { service.resetLog() }

    /// Serves these orders too, after the others (orders created while the server runs).
    public func addOrders(_ orders: [JSONValue], sources: [[UInt8]] = []) {
        service.add(orders, sources: sources)
    }
}

/// Collects one request at a time, hands it to `MockService` (after the configured latency) and
/// writes the answer: normally (the connection kept open for the next request when the client
/// asked for keep-alive, as HTTP/1.1 does by default), truncated (the full Content-Length
/// announced, half the body written, then closed) or stalled (headers and a few body bytes, then
/// nothing until the server stops or the client leaves).
final class MockHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maximumBody = 1 << 20

    private let service: MockService
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var answered = false

    init(service: MockService) {
        self.service = service
    }

    func channelActive(context: ChannelHandlerContext) {
        service.connected()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            guard !answered else { return }
            head = requestHead
            body = []
        case .body(var buffer):
            guard !answered else { return }
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            if body.count > Self.maximumBody {
                answered = true
                context.close(promise: nil)
            }
        case .end:
            guard !answered, let head else { return }
            answered = true
            let keepAlive = head.isKeepAlive
            let request = MockHTTPRequest(
                method: head.method.rawValue, target: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: body)
            service.received()
            let latency = service.configuration.latencyMilliseconds
            if latency > 0 {
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(min(latency, 60_000)))) {
                    let (handler, context) = bound.value
                    handler.answer(request, keepAlive: keepAlive, context: context)
                }
            } else {
                answer(request, keepAlive: keepAlive, context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func answer(_ request: MockHTTPRequest, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else {
            service.abandoned()
            return
        }
        var request = request
        let response = service.respond(to: &request)
        var headers = HTTPHeaders(response.headers)
        headers.add(name: "Content-Length", value: String(response.body.count))
        let keepOpen = keepAlive && response.delivery == .normal
        if !keepOpen { headers.add(name: "Connection", value: "close") }
        let responseHead = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        let channel = context.channel
        switch response.delivery {
        case .normal:
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            if keepOpen {
                // Ready for the connection's next request.
                head = nil
                body = []
                answered = false
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                    channel.close(promise: nil)
                }
            }
        case .truncated:
            let part = ByteBuffer(bytes: response.body.prefix(response.body.count / 2))
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(part)))).whenComplete { _ in
                channel.close(promise: nil)
            }
        case .stalled:
            // Hold the connection open (never sending the rest) until the client gives up or
            // the server stops and closes it.
            let part = ByteBuffer(bytes: response.body.prefix(min(8, response.body.count)))
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(part))), promise: nil)
        }
    }
}
