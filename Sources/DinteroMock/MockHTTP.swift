import Foundation
import JSONCore
import OrderModel

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

    /// A request for `target` (path and query as sent, percent-encoded); headers are added by
    /// the caller.
    init(method: String, target: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        var path = target
        var query: [(String, String)] = []
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            let rawQuery = target[target.index(after: mark)...]
            for pair in rawQuery.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.percentDecode(String(parts[0]))
                let value = parts.count > 1 ? Self.percentDecode(String(parts[1])) : ""
                query.append((name, value))
            }
        }
        self.method = method
        self.path = Self.percentDecode(path, plusIsSpace: false)
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
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
        JSONValue.appendQuoted(text, to: &out)
    }
}
