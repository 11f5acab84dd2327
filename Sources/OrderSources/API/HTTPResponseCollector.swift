import NIOCore
import NIOHTTP1

/// Why one exchange on a connection brought no answer.
enum ExchangeFailure: Error, Sendable {
    /// The connection closed (or failed) before a response head arrived: a stale keep-alive
    /// connection looks like this, so the request may be sent again on a new one.
    case closedBeforeAnswer
    /// The connection closed or failed after the head, before the end of the body.
    case closedDuringAnswer
    case timeout
    case cancelled
    case tooLarge(limit: Int)
    case malformed
    /// The TLS handshake or the certificate check failed (the operator's words).
    case tls(String)
}

/// The last handler of a client connection's pipeline: collects one response at a time (head
/// and body as they arrive, refused once past the size limit or at a head announcing more) and
/// completes the promise of the request in flight.
///
/// Used on its channel's event loop only (`begin`, `fail` and the channel callbacks), hence
/// `@unchecked Sendable`: the transport holds a reference to hand it promises through
/// `eventLoop.execute`.
final class HTTPResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    /// What arrived: the answer and whether the connection may carry another request.
    struct Collected: Sendable {
        var result: HTTPResult
        var keepAlive: Bool
    }

    private let maxBodyBytes: Int
    private var promise: EventLoopPromise<Collected>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var closed = false
    /// Why the connection failed before a request was in flight (a TLS handshake fails as soon
    /// as the connection is up), so the request that comes finds the reason, not just a close.
    private var earlyFailure: ExchangeFailure?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Starts waiting for the answer to a request just written; fails at once on a closed channel.
    func begin(_ promise: EventLoopPromise<Collected>) {
        guard !closed else {
            promise.fail(earlyFailure ?? ExchangeFailure.closedBeforeAnswer)
            return
        }
        self.promise = promise
        head = nil
        body = nil
    }

    /// Fails the request in flight (a timeout or a cancellation); the caller closes the channel.
    func fail(_ failure: ExchangeFailure) {
        let pending = promise
        promise = nil
        pending?.fail(failure)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
            // A length announced past the limit is refused before its body is waited for.
            if let announced = received.headers.first(name: "content-length").flatMap({ Int($0) }),
                announced > maxBodyBytes
            {
                fail(.tooLarge(limit: maxBodyBytes))
                context.close(promise: nil)
            }
        case .body(var part):
            var collected = part
            if var earlier = body {
                // Let go of the stored copy first, so the append does not copy the buffer.
                body = nil
                earlier.writeBuffer(&part)
                collected = earlier
            }
            body = collected
            if collected.readableBytes > maxBodyBytes {
                fail(.tooLarge(limit: maxBodyBytes))
                context.close(promise: nil)
            }
        case .end:
            guard let head, let pending = promise else { return }
            promise = nil
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            let bytes = body.map { Array($0.readableBytesView) } ?? []
            self.head = nil
            body = nil
            pending.succeed(
                Collected(
                    result: HTTPResult(status: Int(head.status.code), headers: headers, body: bytes),
                    keepAlive: head.isKeepAlive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        fail(head == nil ? .closedBeforeAnswer : .closedDuringAnswer)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let reason = ClientTLS.reason(error) {
            if promise == nil { earlyFailure = .tls(reason) }
            fail(.tls(reason))
        } else if let parserError = error as? HTTPParserError, parserError != .invalidEOFState {
            fail(.malformed)
        } else {
            fail(head == nil ? .closedBeforeAnswer : .closedDuringAnswer)
        }
        context.close(promise: nil)
    }
}
