import Foundation
import OrderIndex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small log of the API requests `browse --api` and `fetch` make (`--log FILE` or
/// `ORDERSCOPE_LOG`): one line per try with the time, method, path and query, the status or
/// the transport failure, and how long it took.
///
/// It is for operators chasing a slow or failing API, so it holds only what error messages
/// already show: never a header, a body, the access token or the client secret.
public final class RequestLog: @unchecked Sendable, Equatable {
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// Opens `path` for appending (created with mode 0600).
    public init(path: String) throws(SourceError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SourceError.unreadable(
                path: path, reason: "cannot open the log: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends one line, prefixed with the UTC time.
    public func record(_ line: String) {
        let stamp = Date().formatted(.iso8601)
        let bytes = Array("\(stamp) \(line)\n".utf8)
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    public static func == (lhs: RequestLog, rhs: RequestLog) -> Bool { lhs === rhs }
}
