import OrderModel

/// What `PayoutTreeRows` finds in a tree without its rows: the whole-dump anomaly checks run
/// this for every item with a payout (`PayoutTreeRows(…, withRows: false)`).
struct PayoutTreeChecks {
    var mismatchedNodes: [Int] = []
    var shareMismatches: [(node: Int, whole: Int64, share: PayoutShare)] = []
    var rootSum: Int64?

    private init() {}

    /// The checks of a tree stored as its decoder stores it, or nil for any other shape (the
    /// caller then walks it as the screens do).
    ///
    /// The shape: roots and each node's children in increasing index order, every child after
    /// its parent and naming it as its `parent`, every root without one. Then the tree is a
    /// forest (each node reached once), a node's effective amount can be found from the last
    /// node back (its children are done before it), and the walk's stack never holds more than
    /// every node: both fit in temporary buffers, where the screens' walk builds three arrays
    /// and copies every node. The walk and its order are the screens' (mismatches come out in
    /// the same order).
    init?(tree: PayoutTree, basis: PayoutBasis?) {
        let roots = tree.roots
        guard
            let found = tree.nodes.withUnsafeBufferPointer({ nodes -> PayoutTreeChecks? in
                guard Self.isForestInArenaOrder(nodes, roots: roots) else { return nil }
                return withUnsafeTemporaryAllocation(of: Int64?.self, capacity: nodes.count) { effective in
                    Self.effectiveAmounts(nodes, into: effective)
                    return Self.walk(
                        nodes, roots: roots, effective: UnsafeBufferPointer(effective), basis: basis,
                        room: nodes.count)
                }
            })
        else { return nil }
        self = found
    }

    /// The checks of any tree, as `PayoutTreeRows`' walk finds them: the shortcut above for a
    /// tree as decoded, else the effective amounts by a post-order walk (any order of nodes) and
    /// a stack with room for every child list (a node listed twice is walked twice, as the rows
    /// do).
    init(walking tree: PayoutTree, basis: PayoutBasis?) {
        if let checks = PayoutTreeChecks(tree: tree, basis: basis) {
            self = checks
            return
        }
        let roots = tree.roots
        let room = tree.nodes.reduce(roots.count) { $0 + $1.children.count }
        self = PayoutTreeRows.effectiveAmounts(tree).withUnsafeBufferPointer { effective in
            tree.nodes.withUnsafeBufferPointer { nodes in
                Self.walk(nodes, roots: roots, effective: effective, basis: basis, room: room)
            }
        }
    }

    private static func isForestInArenaOrder(_ nodes: UnsafeBufferPointer<PayoutNode>, roots: [Int]) -> Bool {
        var previous = -1
        for root in roots {
            guard root > previous, root < nodes.count, nodes[root].parent == nil else { return false }
            previous = root
        }
        for index in nodes.indices {
            previous = index
            for child in nodes[index].children {
                guard child > previous, child < nodes.count, nodes[child].parent == index else {
                    return false
                }
                previous = child
            }
        }
        return true
    }

    /// `PayoutTreeRows.effectiveAmounts`, for a forest in arena order.
    private static func effectiveAmounts(
        _ nodes: UnsafeBufferPointer<PayoutNode>, into effective: UnsafeMutableBufferPointer<Int64?>
    ) {
        for index in nodes.indices.reversed() {
            if let amount = nodes[index].amount {
                effective.initializeElement(at: index, to: amount)
            } else {
                let children = nodes[index].children
                effective.initializeElement(
                    at: index,
                    to: children.isEmpty ? nil : PayoutTree.sumAmounts(children.lazy.map { effective[$0] }))
            }
        }
    }

    /// The checks of `PayoutTreeRows`' walk, in its order (pre-order, children in source order).
    /// `room`: the most entries the stack holds at once (every node for a forest; the roots and
    /// every child list for any tree without a cycle).
    private static func walk(
        _ nodes: UnsafeBufferPointer<PayoutNode>, roots: [Int], effective: UnsafeBufferPointer<Int64?>,
        basis: PayoutBasis?, room: Int
    ) -> PayoutTreeChecks {
        var found = PayoutTreeChecks()
        found.rootSum = PayoutTree.sumAmounts(roots.lazy.map { effective[$0] })
        withUnsafeTemporaryAllocation(of: Int.self, capacity: room) { stack in
            var top = 0
            for root in roots.reversed() {
                stack[top] = root
                top += 1
            }
            while top > 0 {
                top -= 1
                let index = stack[top]
                let parent = nodes[index].parent
                let children = nodes[index].children
                let whole: Int64? = parent.map { effective[$0] } ?? basis?.amount
                if let amount = nodes[index].amount, let whole,
                    let share = PayoutShare(type: nodes[index].type, value: nodes[index].value)
                {
                    let siblings = parent.map { nodes[$0].children.count } ?? roots.count
                    if !share.agrees(amount: amount, whole: whole, tolerance: siblings) {
                        found.shareMismatches.append((index, whole, share))
                    }
                }
                if let amount = nodes[index].amount, !children.isEmpty,
                    let sum = PayoutTree.sumAmounts(children.lazy.map { effective[$0] }), sum != amount
                {
                    found.mismatchedNodes.append(index)
                }
                for child in children.reversed() {
                    stack[top] = child
                    top += 1
                }
            }
        }
        return found
    }
}
