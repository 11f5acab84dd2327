import Foundation

/// Removes secrets from text that reaches the operator (errors, logs), in every form a server or
/// a proxy may echo them: as given, percent-encoded (every non-alphanumeric byte, or only the
/// reserved ones, upper- or lowercase hex), JSON-escaped (`\/`, `\uXXXX`), and the Basic
/// credential `base64(id:secret)` padded or not, in the standard or the URL alphabet.
struct SecretScrubber {
    /// Every form to remove, longest first (so a form that contains another goes whole).
    let forms: [String]

    /// `secrets` are removed in all their forms; `basic` pairs (client id, secret) also as their
    /// base64 Basic credential. Forms shorter than 4 characters are kept out (they would eat
    /// ordinary text).
    init(secrets: [String], basic: [(id: String, secret: String)] = []) {
        var forms: Set<String> = []
        for secret in secrets where !secret.isEmpty {
            forms.insert(secret)
            forms.formUnion(SecretScrubber.percentEncodings(secret))
            forms.formUnion(SecretScrubber.jsonEscapings(secret))
            forms.formUnion(SecretScrubber.base64Forms(Data(secret.utf8)))
        }
        for pair in basic where !pair.secret.isEmpty {
            forms.formUnion(SecretScrubber.base64Forms(Data((pair.id + ":" + pair.secret).utf8)))
        }
        self.forms = forms.filter { $0.count >= 4 }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
    }

    func scrub(_ text: String) -> String {
        var out = text
        for form in forms where out.contains(form) {
            out = out.replacingOccurrences(of: form, with: "<redacted>")
        }
        return out
    }

    static func percentEncodings(_ text: String) -> [String] {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let alphanumeric = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var results: [String] = []
        for keep in [unreserved, alphanumeric] {
            for hex in ["0123456789ABCDEF", "0123456789abcdef"].map(Array.init) {
                var out = ""
                for byte in text.utf8 {
                    if keep.contains(byte) {
                        out.unicodeScalars.append(Unicode.Scalar(byte))
                    } else {
                        out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
                    }
                }
                results.append(out)
            }
        }
        return results
    }

    static func jsonEscapings(_ text: String) -> [String] {
        var results: [String] = []
        for (slash, upper) in [(false, false), (true, false), (false, true), (true, true)] {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "/": out += slash ? "\\/" : "/"
                default:
                    if scalar.value < 0x20 || scalar.value > 0x7E {
                        for unit in String(scalar).utf16 {
                            let hex = String(unit, radix: 16, uppercase: upper)
                            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        }
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            results.append(out)
        }
        return results
    }

    static func base64Forms(_ data: Data) -> [String] {
        let standard = data.base64EncodedString()
        let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        var results: [String] = []
        for form in [standard, url] {
            results.append(form)
            var unpadded = form
            while unpadded.hasSuffix("=") { unpadded.removeLast() }
            results.append(unpadded)
        }
        return results
    }
}
