import OrderModel

/// A problem that was survived: the data before it is still shown, the problem is reported.
public struct SourceProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file (or URL path) the problem is in.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// A printable excerpt of the input around the problem, if there is one.
    public var snippet: String?
    /// The file changed (shrank) while it was read: what was read is usable, but the input is
    /// not what it was when opened (commands exit 2).
    public var fileChanged: Bool

    public init(
        file: String, line: Int? = nil, column: Int? = nil, message: String, snippet: String? = nil,
        fileChanged: Bool = false
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.snippet = snippet
        self.fileChanged = fileChanged
    }

    /// The problem of a file that shrank while it was read.
    public static func changed(_ path: String) -> SourceProblem {
        SourceProblem(
            file: path,
            message:
                "the file changed while it was read (it became shorter); what was read before the change was used",
            fileChanged: true)
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

/// Why a source could not deliver; `message` is written for the operator and never contains
/// credentials.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case notAFile(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    /// A file OrderScope writes (an export, a screenshot) could not be written.
    case unwritable(path: String, reason: String)
    /// The input is JSON (or text) but holds no orders; `found` says what it holds instead.
    case notOrders(path: String, found: String)
    /// The input cannot be read as JSON at all before any order was found.
    case malformed(SourceProblem)
    case orderNotFound(id: String)
    case sessionNotFound(orderID: String, sessionID: String)
    /// Network, authentication and API errors (the API issue fills these in).
    case api(message: String, status: Int?, retryable: Bool)
    /// An HTTP error answer of the API: status, Dintero's `error.code` (free-form, optional)
    /// and `error.message`, e.g. "API error 404 NOT FOUND: Order not found".
    case apiResponse(status: Int, code: String?, message: String)
    /// Missing, malformed or unsafe credentials (never includes the secret).
    case credentials(message: String)
    case cancelled

    public var description: String { message }

    public var message: String {
        switch self {
        case .fileNotFound(let path): return "\(path): no such file"
        case .notAFile(let path): return "\(path): is a directory, not a dump file"
        case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
        case .emptyFile(let path): return "\(path): the file is empty"
        case .unwritable(let path, let reason): return "\(path): cannot be written (\(reason))"
        case .notOrders(let path, let found): return "\(path): holds no orders (\(found))"
        case .malformed(let problem):
            var text = problem.description
            if let snippet = problem.snippet { text += "\n    " + snippet }
            return text
        case .orderNotFound(let id): return "order \(id) not found"
        case .sessionNotFound(let orderID, let sessionID):
            return "session \(sessionID) of order \(orderID) not found"
        case .api(let message, let status, _):
            if let status { return "API error \(status): \(message)" }
            return "API error: \(message)"
        case .apiResponse(let status, let code, let message):
            if let code, !code.isEmpty { return "API error \(status) \(code): \(message)" }
            return "API error \(status): \(message)"
        case .credentials(let message): return message
        case .cancelled: return "cancelled"
        }
    }

    /// Whether trying again may help (network faults, rate limits, 5xx).
    public var isRetryable: Bool {
        switch self {
        case .api(_, _, let retryable): return retryable
        case .apiResponse(let status, _, _): return status == 429 || status >= 500
        default: return false
        }
    }
}
