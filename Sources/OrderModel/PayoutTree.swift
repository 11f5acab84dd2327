import JSONCore

/// An order item's `payout`: a tree of `destinations`, each `{type, value, amount,
/// destinations}` nested to any depth, stored as a flat arena in pre-order.
///
/// Payout trees come from outside and can be arbitrarily deep, so nothing here recurses:
/// decoding walks the JSON with an explicit stack, nodes refer to each other by index, and
/// freeing the tree frees one array. `nodes[i].children` lists child indices in source order;
/// `roots` are the top-level destinations (depth 0).
public struct PayoutTree: Sendable, Equatable {
    public var nodes: [PayoutNode]
    /// Indices of the top-level destinations, in source order.
    public var roots: [Int]
    /// Path of the `payout` object, e.g. `items[0].payout`.
    public var path: JSONPath
    public var raw: JSONValue

    public init(nodes: [PayoutNode] = [], path: JSONPath = .root, raw: JSONValue = .null) {
        self.nodes = nodes
        self.roots = nodes.indices.filter { nodes[$0].parent == nil }
        self.path = path
        self.raw = raw
    }

    init(reader r: NodeReader) {
        path = r.path
        raw = r.json
        nodes = []
        roots = []
        struct Pending {
            var node: NodeReader.Node
            var path: JSONPath
            var depth: Int
            var parent: Int?
        }
        // Depth first, in source order: each node's children are pushed, then turned round.
        var stack: [Pending] = []
        r.forEachElement("destinations") { element, elementPath in
            stack.append(Pending(node: element, path: elementPath, depth: 0, parent: nil))
        }
        if stack.isEmpty { return }
        // Most trees hold a few nodes: room for them at once, not regrown one by one.
        stack.reserveCapacity(8)
        nodes.reserveCapacity(8)
        stack.reverse()
        while let next = stack.popLast() {
            guard let node = r.reader(next.node, path: next.path) else { continue }
            let index = nodes.count
            nodes.append(
                PayoutNode(
                    depth: next.depth, parent: next.parent, children: [], type: node.string("type"),
                    value: node.string("value"), amount: node.int("amount"), path: next.path,
                    raw: r.raw(next.node)))
            if let parent = next.parent {
                nodes[parent].children.append(index)
            } else {
                roots.append(index)
            }
            let pushed = stack.count
            node.forEachElement("destinations") { child, childPath in
                stack.append(Pending(node: child, path: childPath, depth: next.depth + 1, parent: index))
            }
            var low = pushed
            var high = stack.count - 1
            while low < high {  // (reversing the slice in place copied it)
                stack.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
    }

    public var isEmpty: Bool { nodes.isEmpty }
    public var count: Int { nodes.count }

    public subscript(index: Int) -> PayoutNode { nodes[index] }

    /// The deepest node's depth, or nil for an empty tree.
    public var maxDepth: Int? { nodes.map(\.depth).max() }

    /// The children of `index`, in source order.
    public func children(of index: Int) -> [PayoutNode] {
        nodes[index].children.map { nodes[$0] }
    }

    /// The top-level destinations.
    public var rootNodes: [PayoutNode] { roots.map { nodes[$0] } }

    /// Sum of the `amount` of the children of `index` that have one; nil when the node has no
    /// child with an amount, or the sum overflows.
    public func childAmountSum(of index: Int) -> Int64? {
        PayoutTree.sum(nodes[index].children.map { nodes[$0].amount })
    }

    /// Sum of the top-level destinations' amounts (those that have one); nil when none has one
    /// or the sum overflows.
    public var rootAmountSum: Int64? {
        PayoutTree.sum(roots.map { nodes[$0].amount })
    }

    static func sum(_ amounts: [Int64?]) -> Int64? {
        var total: Int64 = 0
        var any = false
        for case let amount? in amounts {
            let (result, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = result
            any = true
        }
        return any ? total : nil
    }

    /// Adds a node as the last child of `parent` (or as a new root) and returns its index. The
    /// arena stays in pre-order when nodes are appended depth-first, as a decoder would.
    @discardableResult
    public mutating func append(type: String? = nil, value: String? = nil, amount: Int64?, parent: Int?)
        -> Int
    {
        let index = nodes.count
        let depth: Int
        let nodePath: JSONPath
        if let parent {
            depth = nodes[parent].depth + 1
            nodePath = nodes[parent].path["destinations"][nodes[parent].children.count]
            nodes[parent].children.append(index)
        } else {
            depth = 0
            nodePath = path["destinations"][roots.count]
            roots.append(index)
        }
        nodes.append(
            PayoutNode(
                depth: depth, parent: parent, children: [], type: type, value: value, amount: amount,
                path: nodePath, raw: .null))
        return index
    }
}

/// One payout destination in a `PayoutTree`.
public struct PayoutNode: Sendable, Equatable {
    /// 0 for a top-level destination.
    public var depth: Int
    /// Index of the parent node, nil for a top-level destination.
    public var parent: Int?
    /// Indices of the child destinations, in source order.
    public var children: [Int]
    /// e.g. `percentage`.
    public var type: String?
    /// The `value` as written (a string such as `"10"`).
    public var value: String?
    /// Minor units.
    public var amount: Int64?
    /// e.g. `items[0].payout.destinations[0].destinations[1]`.
    public var path: JSONPath
    /// The destination's JSON, including its nested destinations.
    public var raw: JSONValue

    public init(
        depth: Int, parent: Int?, children: [Int], type: String?, value: String?, amount: Int64?,
        path: JSONPath, raw: JSONValue
    ) {
        self.depth = depth
        self.parent = parent
        self.children = children
        self.type = type
        self.value = value
        self.amount = amount
        self.path = path
        self.raw = raw
    }
}
