/// Builds the OSC 52 escape sequence that puts text on the terminal's clipboard (it works over
/// SSH, since the terminal on the operator's machine does the copying), or says why it cannot.
///
/// Inside tmux the plain sequence is sent for `set-clipboard on` and a DCS passthrough copy for
/// `allow-passthrough on`, so either setting works. The text is cleaned of control characters
/// first, so copied order data can never carry escape sequences or line breaks of its own.
public enum ClipboardSequence {
    /// The most base64 bytes sent: xterm and tmux drop larger sequences without a word.
    public static let defaultMaxBytes = 74_994

    /// How the terminal takes clipboard writes.
    public enum Route: String, Sendable, Equatable, CaseIterable {
        /// Plain OSC 52.
        case osc52
        /// OSC 52 plain and wrapped in tmux's DCS passthrough.
        case tmux
        /// No clipboard: the text is only shown.
        case off

        /// `tmux` when `TMUX` is set, `off` for terminals known not to take OSC 52 (the Linux
        /// console, `dumb`), else `osc52`.
        public static func detect(environment: [String: String]) -> Route {
            let term = environment["TERM"] ?? ""
            if term == "dumb" || term == "linux" || term.isEmpty { return .off }
            if let tmux = environment["TMUX"], !tmux.isEmpty { return .tmux }
            return .osc52
        }
    }

    /// Why the text was not sent.
    public enum Refusal: Error, Sendable, Equatable {
        case tooBig(bytes: Int, limit: Int)
        case unsupported

        public var message: String {
            switch self {
            case .tooBig(let bytes, let limit):
                return "too big for the terminal clipboard (\(bytes) bytes encoded, limit \(limit))"
            case .unsupported:
                return "this terminal takes no clipboard writes (OSC 52)"
            }
        }
    }

    /// Only LF breaks a line: it is the one break the program itself puts between the lines of
    /// a multi-line copy. CR, CR LF, U+2028, U+2029 and every other control character become
    /// visible escapes (`\r`, `\u{2028}`), by the one sanitizer, because a break that came
    /// from data would run as a command when the copy is pasted into a shell.
    public static func clean(_ text: String) -> String {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.sanitize(String(String.UnicodeScalarView($0))) }
            .joined(separator: "\n")
    }

    /// The text of a copy made of `lines`: each line sanitized to one line, joined by LF. So a
    /// single value (one line) never breaks, and a multi-line copy breaks only between lines.
    /// JSON lines get JSON escapes (`\u2028`), so a copied node still parses to the same value.
    public static func text(lines: [String], json: Bool) -> String {
        lines.map(json ? Sanitizer.sanitizeJSON : Sanitizer.sanitize).joined(separator: "\n")
    }

    /// The bytes to write for `text`, or why not.
    public static func bytes(for text: String, route: Route, maxBytes: Int = defaultMaxBytes) -> Result<
        [UInt8], Refusal
    > {
        guard route != .off else { return .failure(.unsupported) }
        let payload = base64(Array(clean(text).utf8))
        guard payload.count <= maxBytes else {
            return .failure(.tooBig(bytes: payload.count, limit: maxBytes))
        }
        let plain: [UInt8] = Array("\u{1B}]52;c;".utf8) + payload + [0x07]
        guard route == .tmux else { return .success(plain) }
        // tmux passes through what is between `ESC P tmux;` and `ESC \`, with each ESC doubled.
        var wrapped: [UInt8] = Array("\u{1B}Ptmux;".utf8)
        for byte in plain {
            if byte == 0x1B { wrapped.append(0x1B) }
            wrapped.append(byte)
        }
        wrapped += [0x1B, UInt8(ascii: "\\")]
        return .success(plain + wrapped)
    }

    /// Standard base64 with padding.
    public static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return out
    }
}
