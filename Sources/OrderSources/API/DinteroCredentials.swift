import Foundation
import OrderIndex

#if canImport(Glibc)
    import Glibc
#endif

/// A Dintero account id: `T` (test) or `P` (live) followed by 8 digits, e.g. `T12345678`.
public struct DinteroAccountID: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let value: String

    /// Validates `text` (surrounding whitespace is ignored).
    public init(_ text: String) throws(SourceError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Array(trimmed.utf8)
        guard bytes.count == 9, bytes[0] == UInt8(ascii: "T") || bytes[0] == UInt8(ascii: "P"),
            bytes.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw SourceError.credentials(
                message: "the account id must be T (test) or P (live) followed by 8 digits, e.g. T12345678; "
                    + "got \(trimmed.count > 20 ? String(trimmed.prefix(20)) + "…" : trimmed)")
        }
        value = trimmed
    }

    /// True for a live (`P…`) account.
    public var isLive: Bool { value.hasPrefix("P") }
    public var description: String { value }
}

/// A client secret. Its value never shows in `description`, `debugDescription`, `dump()` or
/// string interpolation: all of them print "<redacted>".
public struct ClientSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The real value; only the HTTP layer of this module reads it.
    let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
    public var isEmpty: Bool { value.isEmpty }
}

/// What the client needs to get a token: account id, client id and secret.
public struct DinteroCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accountID: DinteroAccountID
    public var clientID: String
    public var clientSecret: ClientSecret

    public init(accountID: DinteroAccountID, clientID: String, clientSecret: ClientSecret) {
        self.accountID = accountID
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public var description: String {
        "account \(accountID) (\(accountID.isLive ? "LIVE" : "TEST")), client \(clientID), secret <redacted>"
    }

    /// The credentials file: `$XDG_CONFIG_HOME/orderscope/credentials`, else
    /// `$HOME/.config/orderscope/credentials`; nil when neither variable is set.
    public static func defaultFilePath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/orderscope/credentials" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/orderscope/credentials" }
        return nil
    }

    /// Resolves each value from the flags, then the environment (`DINTERO_ACCOUNT_ID`,
    /// `DINTERO_CLIENT_ID`, `DINTERO_CLIENT_SECRET`), then the credentials file (read only when
    /// something is still missing; refused when group- or world-readable).
    public static func resolve(
        accountID flagAccount: String? = nil, clientID flagClient: String? = nil,
        clientSecret flagSecret: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        filePath: String? = nil
    ) throws(SourceError) -> DinteroCredentials {
        func nonEmpty(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        var account = nonEmpty(flagAccount) ?? nonEmpty(environment["DINTERO_ACCOUNT_ID"])
        var client = nonEmpty(flagClient) ?? nonEmpty(environment["DINTERO_CLIENT_ID"])
        var secret = nonEmpty(flagSecret) ?? nonEmpty(environment["DINTERO_CLIENT_SECRET"])
        let path = filePath ?? defaultFilePath(environment: environment)
        if account == nil || client == nil || secret == nil, let path {
            if let values = try readFile(path) {
                account = account ?? nonEmpty(values["account_id"])
                client = client ?? nonEmpty(values["client_id"])
                secret = secret ?? nonEmpty(values["client_secret"])
            }
        }
        var missing: [String] = []
        if account == nil { missing.append("account id (DINTERO_ACCOUNT_ID / account_id)") }
        if client == nil { missing.append("client id (DINTERO_CLIENT_ID / client_id)") }
        if secret == nil { missing.append("client secret (DINTERO_CLIENT_SECRET / client_secret)") }
        guard let account, let client, let secret else {
            throw SourceError.credentials(
                message: "missing Dintero credentials: " + missing.joined(separator: ", ")
                    + ". Set the environment variables or write `key = value` lines to "
                    + (path ?? "$XDG_CONFIG_HOME/orderscope/credentials") + " (chmod 600).")
        }
        return DinteroCredentials(
            accountID: try DinteroAccountID(account), clientID: client, clientSecret: ClientSecret(secret))
    }

    /// Parses `key = value` lines; `#` starts a comment line; quotes around values are removed.
    public static func parseFile(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, let last = value.last,
                (first == "\"" && last == "\"") || (first == "'" && last == "'")
            {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }

    /// The values of the credentials file, nil when it does not exist.
    static func readFile(_ path: String) throws(SourceError) -> [String: String]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw SourceError.credentials(
                message: "\(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SourceError.credentials(
                message: "\(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SourceError.credentials(message: "\(path): is not a regular file")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw SourceError.credentials(
                message: "\(path): refused because it is readable or writable by group or others "
                    + "(mode \(mode)); run `chmod 600 \(path)`")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                throw SourceError.credentials(
                    message: "\(path): cannot be read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 1 << 16 {
                throw SourceError.credentials(message: "\(path): too large for a credentials file")
            }
        }
        return parseFile(String(decoding: bytes, as: UTF8.self))
    }
}
