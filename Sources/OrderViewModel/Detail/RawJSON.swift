import JSONCore
import OrderModel

/// The raw JSON view: finds the node a jq-style path points at (`.items[0].payout`) and
/// pretty-prints it as lines, without recursion so hostile nesting cannot exhaust the stack.
public enum RawJSON {
    /// The node at `path` (`.` is the whole document), or nil when the path leads nowhere.
    public static func node(at path: String, in root: JSONValue) -> JSONValue? {
        let components: [JSONPath.Component] = steps(path).map { step in
            switch step {
            case .key(let key): return .key(key)
            case .index(let index): return .index(index)
            }
        }
        return JSONPath(components).resolve(in: root)
    }

    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// Splits `.a.b[2].c` (also `["key with space"]`) into steps.
    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        var chars = Array(path)
        var i = 0
        if chars.first == "." { i = 1 }
        var name = ""
        func flushName() {
            if !name.isEmpty { steps.append(.key(name)) }
            name = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                flushName()
                i += 1
            } else if c == "[" {
                flushName()
                var j = i + 1
                var inside = ""
                if j < chars.count, chars[j] == "\"" {
                    j += 1
                    while j < chars.count, chars[j] != "\"" {
                        if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                        inside.append(chars[j])
                        j += 1
                    }
                    steps.append(.key(inside))
                    while j < chars.count, chars[j] != "]" { j += 1 }
                } else {
                    while j < chars.count, chars[j] != "]" {
                        inside.append(chars[j])
                        j += 1
                    }
                    if let index = Int(inside) {
                        steps.append(.index(index))
                    } else {
                        steps.append(.key(inside))
                    }
                }
                i = j + 1
            } else {
                name.append(c)
                i += 1
            }
        }
        flushName()
        chars.removeAll()
        return steps
    }

    /// Pretty-printed lines with two-space indentation; strings are JSON-escaped, so control
    /// characters stay visible as `\u001b` and the like.
    public static func lines(_ value: JSONValue) -> [String] {
        RawJSONDocument(value).lines.map(\.text)
    }

    static func indent(_ depth: Int) -> String {
        String(repeating: "  ", count: min(depth, 200))
    }

}
