/// Where a node sits inside a JSON document, e.g. `items[0].payout.destinations[2]`.
///
/// Every decoded model value carries one so the UI can show and copy the raw JSON of any node,
/// and every `DecodeIssue` names the field it is about. Paths share their prefixes (a linked
/// list of immutable links), so a node 100,000 levels deep costs one link, not 100,000, and
/// releasing a long path never recurses.
///
/// The last components are kept in the path itself, packed (`PathSegment`: up to eight keys of
/// `PathKeys` and indices below 64), and only a longer path or a key not known there takes a
/// link: the paths of an order's items, tax lines, payment operations and most payout
/// destinations take none. Making and freeing a link for each such value was a tenth of the
/// whole-order checks (issue 19). A path's form depends only on its components (as appending
/// them one by one from the root makes it), so paths compare and hash by their form.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path: an object member or an array element.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The path up to the packed tail: nil, or a link ending with a full segment or with a
    /// component that cannot be packed.
    private let link: Link?
    /// The last components, packed.
    private let tail: PathSegment

    /// The document root.
    public static let root = JSONPath(link: nil, tail: .empty)

    private init(link: Link?, tail: PathSegment) {
        self.link = link
        self.tail = tail
    }

    /// A path from its components, root first.
    public init(_ components: [Component]) {
        var path = JSONPath.root
        for component in components { path = path.appending(component) }
        self = path
    }

    public func appending(_ component: Component) -> JSONPath {
        if let code = PathSegment.code(component) { return appending(code: code) }
        return JSONPath(link: Link(parent: flushed, content: .component(component)), tail: .empty)
    }

    public func appending(_ key: String) -> JSONPath { appending(.key(key)) }
    public func appending(_ index: Int) -> JSONPath { appending(.index(index)) }

    public subscript(key: String) -> JSONPath { appending(key) }
    public subscript(index: Int) -> JSONPath { appending(index) }

    /// `self[key]` for a key spelled in the code (the decoders' field names): a known key is
    /// packed without a `String` made of it.
    public subscript(staticKey key: StaticString) -> JSONPath {
        if let id = PathKeys.id(key) { return appending(code: PathSegment.keyCode(id)) }
        return appending(.key(key.description))
    }

    private func appending(code: UInt8) -> JSONPath {
        if let packed = tail.appending(code) { return JSONPath(link: link, tail: packed) }
        return JSONPath(
            link: Link(parent: link, content: .segment(tail)), tail: PathSegment(code: code))
    }

    /// The link holding the whole path (the tail moved into a link when it holds anything).
    private var flushed: Link? {
        tail.count == 0 ? link : Link(parent: link, content: .segment(tail))
    }

    /// The path that ends with the whole of `link`, in the form appending makes: a segment
    /// link's components go back into the tail (a segment is flushed only when what follows
    /// needs it).
    private static func ending(at link: Link?) -> JSONPath {
        guard let link else { return .root }
        if case .segment(let segment) = link.content { return JSONPath(link: link.parent, tail: segment) }
        return JSONPath(link: link, tail: .empty)
    }

    /// Number of components (0 for the root).
    public var count: Int { (link?.count ?? 0) + tail.count }
    public var isRoot: Bool { link == nil && tail.count == 0 }

    /// The last component, or nil for the root.
    public var last: Component? {
        if tail.count > 0 { return tail.component(tail.count - 1) }
        return link?.lastComponent
    }

    /// The path one step up (the root stays the root).
    public var parent: JSONPath {
        if tail.count > 1 { return JSONPath(link: link, tail: tail.removingLast()) }
        if tail.count == 1 { return JSONPath.ending(at: link) }
        guard let link else { return self }
        return JSONPath.ending(at: link.parent)
    }

    /// Components from the root down.
    public var components: [Component] {
        var result: [Component] = []
        result.reserveCapacity(count)
        var links: [Link] = []
        var current = link
        while let node = current {
            links.append(node)
            current = node.parent
        }
        for node in links.reversed() {
            switch node.content {
            case .segment(let segment): segment.appendComponents(to: &result)
            case .component(let component): result.append(component)
            }
        }
        tail.appendComponents(to: &result)
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
        guard lhs.tail == rhs.tail else { return false }
        var left = lhs.link
        var right = rhs.link
        while true {
            if left === right { return true }
            guard let l = left, let r = right, l.count == r.count, l.content == r.content else {
                return false
            }
            left = l.parent
            right = r.parent
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(tail)
        var current = link
        var steps = 0
        // The last few links are enough to spread hashes; equal paths still hash equal.
        while let node = current, steps < 4 {
            hasher.combine(node.content)
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

    /// One immutable step: a full segment, or a component that cannot be packed. `parent` is
    /// only cleared while the chain is being freed.
    private final class Link: @unchecked Sendable {
        enum Content: Hashable {
            case segment(PathSegment)
            case component(Component)
        }

        var parent: Link?
        let content: Content
        /// Components up to and including this link's.
        let count: Int

        init(parent: Link?, content: Content) {
            self.parent = parent
            self.content = content
            let own: Int
            switch content {
            case .segment(let segment): own = segment.count
            case .component: own = 1
            }
            self.count = (parent?.count ?? 0) + own
        }

        var lastComponent: Component? {
            switch content {
            case .segment(let segment): segment.count > 0 ? segment.component(segment.count - 1) : nil
            case .component(let component): component
            }
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
