/// Where a node sits inside a JSON document, e.g. `items[0].payout.destinations[2]`.
///
/// Every decoded model value carries one so the UI can show and copy the raw JSON of any node,
/// and every `DecodeIssue` names the field it is about. Paths share their prefixes (a linked
/// list of immutable links), so a node 100,000 levels deep costs one link, not 100,000, and
/// releasing a long path never recurses.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path: an object member or an array element.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private let link: Link?

    /// The document root.
    public static let root = JSONPath(link: nil)

    private init(link: Link?) { self.link = link }

    /// A path from its components, root first.
    public init(_ components: [Component]) {
        var path = JSONPath.root
        for component in components { path = path.appending(component) }
        self = path
    }

    public func appending(_ component: Component) -> JSONPath {
        JSONPath(link: Link(parent: link, component: component, count: count + 1))
    }

    public func appending(_ key: String) -> JSONPath { appending(.key(key)) }
    public func appending(_ index: Int) -> JSONPath { appending(.index(index)) }

    public subscript(key: String) -> JSONPath { appending(.key(key)) }
    public subscript(index: Int) -> JSONPath { appending(.index(index)) }

    /// Number of components (0 for the root).
    public var count: Int { link?.count ?? 0 }
    public var isRoot: Bool { link == nil }

    /// The last component, or nil for the root.
    public var last: Component? { link?.component }

    /// The path one step up (the root stays the root).
    public var parent: JSONPath { JSONPath(link: link?.parent) }

    /// Components from the root down.
    public var components: [Component] {
        var result: [Component] = []
        result.reserveCapacity(count)
        var current = link
        while let node = current {
            result.append(node.component)
            current = node.parent
        }
        result.reverse()
        return result
    }

    /// `items[0].payout.destinations[2]`; the root is the empty string.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if JSONPath.isIdentifier(key) {
                    if !text.isEmpty { text += "." }
                    text += key
                } else {
                    text += "[" + JSONValue.quoted(key) + "]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// The same path as a jq filter: `.items[0].payout.destinations[2]`; the root is `.`.
    public var jqPath: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if JSONPath.isIdentifier(key) {
                    text += "." + key
                } else {
                    text += (text.isEmpty ? "." : "") + "[" + JSONValue.quoted(key) + "]"
                }
            case .index(let index):
                text += (text.isEmpty ? "." : "") + "[\(index)]"
            }
        }
        return text.isEmpty ? "." : text
    }

    /// The value at this path inside `document`, or nil when the path does not lead anywhere.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for component in components {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let array = current.arrayValue, array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool {
        var left = lhs.link
        var right = rhs.link
        while true {
            if left === right { return true }
            guard let l = left, let r = right, l.count == r.count, l.component == r.component else {
                return false
            }
            left = l.parent
            right = r.parent
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var current = link
        var steps = 0
        // The last few components are enough to spread hashes; equal paths still hash equal.
        while let node = current, steps < 8 {
            hasher.combine(node.component)
            current = node.parent
            steps += 1
        }
    }

    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first else { return false }
        guard first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }

    /// One immutable step; `parent` is only cleared while the chain is being freed.
    private final class Link: @unchecked Sendable {
        var parent: Link?
        let component: Component
        let count: Int

        init(parent: Link?, component: Component, count: Int) {
            self.parent = parent
            self.component = component
            self.count = count
        }

        /// Frees a long chain iteratively instead of one nested release per link.
        deinit {
            var next = parent
            parent = nil
            while var node = next {
                next = nil
                guard isKnownUniquelyReferenced(&node) else { break }
                next = node.parent
                node.parent = nil
            }
        }
    }
}
