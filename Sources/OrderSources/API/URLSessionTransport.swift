import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A thin wrapper around `URLSession` that enforces a hard deadline per request (headers and
/// the whole body), honours task cancellation and never caches or stores cookies. Used for
/// https only (see `HTTPTransport`): on Linux it spins a core while it waits.
final class URLSessionTransport: @unchecked Sendable {
    private let session: URLSession

    init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = HTTPTransport.seconds(timeout)
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        // `fetch --concurrency` runs up to 64 requests at once; the default would queue them.
        configuration.httpMaximumConnectionsPerHost = 64
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    func send(_ request: URLRequest, timeout: Duration) async -> Result<HTTPResult, TransportFailure> {
        let box = ResumeOnce()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResult, TransportFailure>, Never>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        box.resume(.failure(URLSessionTransport.describe(error)))
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        box.resume(.failure(.network("the server sent no HTTP response")))
                        return
                    }
                    var headers: [String: String] = [:]
                    for (name, value) in http.allHeaderFields {
                        if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                    }
                    box.resume(.success(HTTPResult(status: http.statusCode, headers: headers, body: Array(data ?? Data()))))
                }
                box.start(continuation, task: task)
                DispatchQueue.global().asyncAfter(deadline: .now() + HTTPTransport.seconds(timeout)) {
                    box.resume(.failure(.timeout))
                }
            }
        } onCancel: {
            box.resume(.failure(.cancelled))
        }
    }

    static func describe(_ error: any Error) -> TransportFailure {
        guard let urlError = error as? URLError else { return .network("network error") }
        switch urlError.code {
        case .timedOut: return .timeout
        case .cancelled: return .cancelled
        case .cannotConnectToHost: return .network("cannot connect to the server (connection refused)")
        case .cannotFindHost, .dnsLookupFailed: return .network("cannot resolve the server's host name")
        case .networkConnectionLost:
            return .network("the connection closed before the response was complete")
        case .notConnectedToInternet: return .network("not connected to a network")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .network("the TLS connection failed (certificate or handshake)")
        case .unknown:
            // libcurl's partial-file and receive errors land here on Linux.
            return .network("the connection failed or closed before the answer was complete")
        case .badServerResponse, .cannotParseResponse: return .network("the server sent a malformed HTTP response")
        default: return .network("network error (URLError \(urlError.code.rawValue))")
        }
    }
}

/// Resumes a continuation exactly once, whichever of completion, timeout or cancellation comes
/// first, and cancels the data task when it was not the completion.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<HTTPResult, TransportFailure>, Never>?
    private var task: URLSessionDataTask?
    private var pending: Result<HTTPResult, TransportFailure>?
    private var done = false

    func start(_ continuation: CheckedContinuation<Result<HTTPResult, TransportFailure>, Never>, task: URLSessionDataTask) {
        lock.lock()
        if done {
            // Cancelled before the task began.
            let result = pending ?? .failure(.cancelled)
            lock.unlock()
            continuation.resume(returning: result)
            return
        }
        self.continuation = continuation
        self.task = task
        lock.unlock()
        task.resume()
    }

    func resume(_ result: Result<HTTPResult, TransportFailure>) {
        lock.lock()
        guard !done else {
            lock.unlock()
            return
        }
        done = true
        let continuation = self.continuation
        let task = self.task
        self.continuation = nil
        self.task = nil
        if continuation == nil { pending = result }
        lock.unlock()
        if case .failure = result { task?.cancel() }
        continuation?.resume(returning: result)
    }
}
