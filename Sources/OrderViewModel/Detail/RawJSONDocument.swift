import JSONCore
import OrderModel

/// A pretty-printed JSON node as lines of typed tokens, for the raw view: the renderer colours
/// tokens by kind, objects and arrays fold at their opening line, and search runs over the text.
public struct RawJSONDocument: Sendable, Equatable {
    /// What a token is, for its colour.
    public enum TokenKind: Sendable, Equatable {
        case key, string, number, literal, punctuation
    }

    public struct Token: Sendable, Equatable {
        public var text: String
        public var kind: TokenKind

        public init(text: String, kind: TokenKind) {
            self.text = text
            self.kind = kind
        }
    }

    public struct Line: Sendable, Equatable {
        public var depth: Int
        public var tokens: [Token]
        /// For a line that opens an object or array: the line that closes it.
        public var closeLine: Int?
        /// How many members the opened object or array has (shown when folded).
        public var memberCount = 0

        /// The line as plain text, indented.
        public var text: String {
            RawJSON.indent(depth) + tokens.map(\.text).joined()
        }
    }

    public var lines: [Line]

    /// Builds the document without recursion, so hostile nesting cannot exhaust the stack.
    public init(_ value: JSONValue) {
        enum Work {
            case value(JSONValue, depth: Int, key: String?, comma: Bool)
            case close(String, depth: Int, comma: Bool, opener: Int)
        }
        var lines: [Line] = []
        var stack: [Work] = [.value(value, depth: 0, key: nil, comma: false)]
        func lead(_ key: String?) -> [Token] {
            guard let key else { return [] }
            return [Token(text: JSONValue.quoted(key), kind: .key), Token(text: ": ", kind: .punctuation)]
        }
        while let work = stack.popLast() {
            switch work {
            case .close(let bracket, let depth, let comma, let opener):
                lines[opener].closeLine = lines.count
                lines.append(
                    Line(
                        depth: depth, tokens: [Token(text: bracket + (comma ? "," : ""), kind: .punctuation)])
                )
            case .value(let value, let depth, let key, let comma):
                let commaToken = comma ? [Token(text: ",", kind: .punctuation)] : []
                switch value {
                case .object(let object) where !object.isEmpty:
                    var line = Line(depth: depth, tokens: lead(key) + [Token(text: "{", kind: .punctuation)])
                    line.memberCount = object.count
                    lines.append(line)
                    stack.append(.close("}", depth: depth, comma: comma, opener: lines.count - 1))
                    for (index, pair) in object.pairs.enumerated().reversed() {
                        stack.append(
                            .value(
                                pair.value, depth: depth + 1, key: pair.key, comma: index < object.count - 1))
                    }
                case .array(let array) where !array.isEmpty:
                    var line = Line(depth: depth, tokens: lead(key) + [Token(text: "[", kind: .punctuation)])
                    line.memberCount = array.count
                    lines.append(line)
                    stack.append(.close("]", depth: depth, comma: comma, opener: lines.count - 1))
                    for (index, element) in array.enumerated().reversed() {
                        stack.append(
                            .value(element, depth: depth + 1, key: nil, comma: index < array.count - 1))
                    }
                default:
                    lines.append(
                        Line(depth: depth, tokens: lead(key) + [Self.scalarToken(value)] + commaToken))
                }
            }
        }
        self.lines = lines
    }

    static func scalarToken(_ value: JSONValue) -> Token {
        switch value {
        case .null: return Token(text: "null", kind: .literal)
        case .bool(let flag): return Token(text: flag ? "true" : "false", kind: .literal)
        case .number(let text): return Token(text: text, kind: .number)
        case .string(let text): return Token(text: JSONValue.quoted(text), kind: .string)
        case .object: return Token(text: "{}", kind: .punctuation)
        case .array: return Token(text: "[]", kind: .punctuation)
        }
    }

    /// The indexes of the lines shown when the openers in `folded` are folded.
    public func visibleLines(folded: Set<Int>) -> [Int] {
        var visible: [Int] = []
        visible.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            visible.append(index)
            if folded.contains(index), let close = lines[index].closeLine {
                index = close + 1
            } else {
                index += 1
            }
        }
        return visible
    }

    /// Lines whose text contains `needle` (case-insensitive).
    public func matches(_ needle: String) -> [Int] {
        guard !needle.isEmpty else { return [] }
        let lowered = needle.lowercased()
        return lines.indices.filter { lines[$0].text.lowercased().contains(lowered) }
    }

    /// `folded` without the folds that hide `line`, so a search match can be shown.
    public func unfolding(_ folded: Set<Int>, toShow line: Int) -> Set<Int> {
        folded.filter { opener in
            guard let close = lines[opener].closeLine else { return true }
            return !(opener < line && line <= close)
        }
    }
}
