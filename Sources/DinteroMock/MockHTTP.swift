import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A parsed HTTP/1.1 request (only what the mock needs).
struct MockHTTPRequest {
    var method: String
    var path: String
    var query: [(String, String)]
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    /// Parses the head (request line and headers) of a request; nil when malformed.
    static func parseHead(_ head: [UInt8]) -> MockHTTPRequest? {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let target = String(requestLine[1])
        var path = target
        var query: [(String, String)] = []
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            let rawQuery = target[target.index(after: mark)...]
            for pair in rawQuery.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = percentDecode(String(parts[0]))
                let value = parts.count > 1 ? percentDecode(String(parts[1])) : ""
                query.append((name, value))
            }
        }
        var headers: [(String, String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return MockHTTPRequest(
            method: String(requestLine[0]), path: percentDecode(path, plusIsSpace: false), query: query,
            headers: headers, body: [])
    }

    static func percentDecode(_ text: String, plusIsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
                continue
            }
            bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A response the mock sends, plus how to (mis)deliver it.
struct MockHTTPResponse {
    enum Delivery { case normal, truncated, stalled }

    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8]
    var delivery: Delivery = .normal
    var fault: String?

    static func json(_ status: Int, _ body: [UInt8]) -> MockHTTPResponse {
        MockHTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }

    static func error(_ status: Int, code: String, message: String) -> MockHTTPResponse {
        var body: [UInt8] = Array("{\"error\":{\"code\":".utf8)
        appendQuoted(code, to: &body)
        body.append(contentsOf: Array(",\"message\":".utf8))
        appendQuoted(message, to: &body)
        body.append(contentsOf: Array("}}".utf8))
        return json(status, body)
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: Array(JSONEscaping.quoted(text).utf8))
    }

    func head() -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(MockHTTPResponse.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        default: return "Status"
        }
    }
}

/// JSON string quoting without depending on anything but the standard library.
enum JSONEscaping {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
