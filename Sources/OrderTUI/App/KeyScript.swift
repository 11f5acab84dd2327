import Foundation
import TerminalCore

/// A recorded demo: keys to press and pauses between them, read from a text file
/// (`orderscope demo --script FILE`).
///
/// One step per line: key names separated by spaces as in the help screen (`j`, `Enter`, `Tab`,
/// `PgDn`, `Ctrl-L`), where the word after `/`, `:` or `f` is typed as text; `type TEXT` types the
/// rest of the line as it is; `sleep SECONDS` pauses (`sleep 0.5`); `#` starts a comment line.
public struct KeyScript: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case key(Key)
        case pause(milliseconds: Int)
    }

    public var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// Why a script could not be read: where, and what.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The keys alone, for headless runs (`--screen-dump`), where pauses mean nothing.
    public var keys: [Key] {
        steps.compactMap { if case .key(let key) = $0 { return key } else { return nil } }
    }

    public static func parse(_ text: String) throws(Problem) -> KeyScript {
        var steps: [Step] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            switch words[0] {
            case "sleep", "pause":
                guard words.count == 2, let seconds = Double(words[1]), seconds >= 0, seconds <= 3600 else {
                    throw Problem(line: offset + 1, message: "sleep needs seconds, like `sleep 0.5`")
                }
                steps.append(.pause(milliseconds: Int((seconds * 1000).rounded())))
            case "type":
                guard words.count == 2 else {
                    throw Problem(line: offset + 1, message: "type needs the text to type")
                }
                steps += words[1].map { .key(.char($0)) }
            default:
                switch parseKeys(line) {
                case .success(let keys): steps += keys.map { .key($0) }
                case .failure(let message): throw Problem(line: offset + 1, message: message.text)
                }
            }
        }
        return KeyScript(steps: steps)
    }

    /// An error text (a `Result` failure).
    public struct Message: Error, Sendable, Equatable {
        public var text: String
    }

    /// Key names separated by spaces; after `/`, `:` or `f` the next word is typed as text, or
    /// the next "quoted words" with their spaces (`: "sort amount desc" Enter`).
    public static func parseKeys(_ text: String) -> Result<[Key], Message> {
        var keys: [Key] = []
        var typeNext = false
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " }
            guard !rest.isEmpty else { break }
            if typeNext, rest.first == "\"" {
                guard let close = rest.dropFirst().firstIndex(of: "\"") else {
                    return .failure(Message(text: "a quoted text is not closed: \(rest)"))
                }
                keys += rest[rest.index(after: rest.startIndex)..<close].map { Key.char($0) }
                rest = rest[rest.index(after: close)...]
                typeNext = false
                continue
            }
            let word = rest.prefix { $0 != " " }
            rest = rest.dropFirst(word.count)
            if typeNext {
                keys += word.map { Key.char($0) }
                typeNext = false
                continue
            }
            guard let key = Key(name: String(word)) else {
                return .failure(
                    Message(text: "unknown key \"\(word)\" (use names like j, Enter, Tab, Esc, PgDn)"))
            }
            keys.append(key)
            if key == .char("/") || key == .char(":") || key == .char("f") { typeNext = true }
        }
        return .success(keys)
    }
}

/// A terminal that plays a `KeyScript` into the loop with its pauses, while the real terminal
/// draws and still takes keys (the presenter can press `q` at any time, or take over when the
/// script ends).
public final class ScriptedTerminal: TerminalIO {
    private let inner: TerminalIO
    private var steps: [KeyScript.Step]
    private var resumeAt: Date?

    public init(_ inner: TerminalIO, script: KeyScript) {
        self.inner = inner
        self.steps = script.steps
    }

    public var size: Size { inner.size }
    public var colorCapability: ColorCapability { inner.colorCapability }
    public var supportsUnicode: Bool { inner.supportsUnicode }
    /// True once every step has been played.
    public var finished: Bool { steps.isEmpty && resumeAt == nil }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        // A key the presenter presses goes first.
        if let key = inner.readKey(timeoutMilliseconds: 0) { return key }
        if let resumeAt {
            let remaining = Int(resumeAt.timeIntervalSinceNow * 1000)
            if remaining > 0 {
                let wait = timeoutMilliseconds < 0 ? remaining : min(remaining, timeoutMilliseconds)
                return inner.readKey(timeoutMilliseconds: wait)
            }
            self.resumeAt = nil
        }
        while let step = steps.first {
            steps.removeFirst()
            switch step {
            case .key(let key):
                return key
            case .pause(let milliseconds):
                resumeAt = Date().addingTimeInterval(Double(milliseconds) / 1000)
                return inner.readKey(timeoutMilliseconds: min(milliseconds, max(0, timeoutMilliseconds)))
            }
        }
        return inner.readKey(timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The presenter can still take over when the script ends: input ends with the inner one.
    public var inputEnded: Bool { finished && inner.inputEnded }
    public func draw(_ grid: Grid) { inner.draw(grid) }
    public func suspend() { inner.suspend() }
    public func invalidate() { inner.invalidate() }
    public func setMouseReporting(_ enabled: Bool) { inner.setMouseReporting(enabled) }
    public func writeRaw(_ bytes: [UInt8]) { inner.writeRaw(bytes) }
    public func shutdown() { inner.shutdown() }
}
