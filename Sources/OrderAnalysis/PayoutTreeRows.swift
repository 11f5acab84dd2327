import OrderModel

/// The payout tree of an order item as detail rows: one row per destination, indented by depth,
/// with its amount, its share of its parent (or of the line's basis at the top level, see
/// `PayoutBasis`) and a mark when its children do not add up to it or its amount is not the
/// percentage it states; a header row compares the top level with the basis.
///
/// A destination without an `amount` counts as the sum of its children, so a grouping node
/// does not break its parent's check. Built without recursion (trees can be deep).
public struct PayoutTreeRows: Sendable, Equatable {
    public var rows: [DetailRow]
    /// Destinations whose children do not sum to them, by node index.
    public var mismatchedNodes: [Int]
    /// `percentage` destinations whose amount is not that share of the amount above them, with
    /// the amount compared with (the parent's, or the basis at the top level).
    public var shareMismatches: [(node: Int, whole: Int64, share: PayoutShare)]
    /// The sum of the top-level destinations (grouping nodes count as their children's sum).
    public var rootSum: Int64?
    /// True when the item has a basis and the top level sums to something else.
    public var rootMismatch: Bool
    /// What the top level was compared with.
    public var basis: PayoutBasis?

    public static func == (lhs: PayoutTreeRows, rhs: PayoutTreeRows) -> Bool {
        lhs.rows == rhs.rows && lhs.mismatchedNodes == rhs.mismatchedNodes && lhs.rootSum == rhs.rootSum
            && lhs.rootMismatch == rhs.rootMismatch && lhs.basis == rhs.basis
            && lhs.shareMismatches.map(\.node) == rhs.shareMismatches.map(\.node)
            && lhs.shareMismatches.map(\.whole) == rhs.shareMismatches.map(\.whole)
    }

    public init(tree: PayoutTree, basis: PayoutBasis?, currency: Currency?) {
        self.init(tree: tree, basis: basis, currency: currency, withRows: true)
    }

    /// With `withRows` false only the checks are computed and `rows` stays empty: the anomaly
    /// checks of whole dumps need the mismatches, not the formatted rows (the profile in
    /// BENCHMARKS.md found the rows' money texts and paths a tenth of `check`).
    init(tree: PayoutTree, basis: PayoutBasis?, currency: Currency?, withRows: Bool) {
        // The checks alone: `PayoutTreeChecks`, the same walk without the rows' texts.
        if !withRows {
            let checks = PayoutTreeChecks(walking: tree, basis: basis)
            rows = []
            mismatchedNodes = checks.mismatchedNodes
            shareMismatches = checks.shareMismatches
            rootSum = checks.rootSum
            self.basis = basis
            rootMismatch = basis.map { basis in checks.rootSum.map { $0 != basis.amount } ?? false } ?? false
            return
        }
        let effective = PayoutTreeRows.effectiveAmounts(tree)
        var rows: [DetailRow] = []
        var mismatched: [Int] = []
        var shareMismatches: [(node: Int, whole: Int64, share: PayoutShare)] = []
        let rootSum = PayoutTree.sumAmounts(tree.roots.lazy.map { effective[$0] })
        self.rootSum = rootSum
        self.basis = basis
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }

        // Header: the top level against what the customer paid for the line.
        if let basis, let rootSum {
            let named = basis.title
            if rootSum == basis.amount {
                rows.append(
                    DetailRow(
                        "Payout total", "\(money(rootSum)) ✓ equals \(named)", tone: .good,
                        jsonPath: tree.path.jqPath))
                rootMismatch = false
            } else {
                rows.append(
                    DetailRow(
                        "Payout total", "\(money(rootSum)) ✗ \(named) is \(money(basis.amount))", tone: .bad,
                        jsonPath: tree.path.jqPath))
                rootMismatch = true
            }
        } else {
            rows.append(
                DetailRow("Payout total", rootSum.map(money) ?? "—", tone: .muted, jsonPath: tree.path.jqPath)
            )
            rootMismatch = false
        }

        // Pre-order: the arena is stored that way, but walk explicitly so appended nodes work too.
        var stack = Array(tree.roots.reversed())
        while let index = stack.popLast() {
            let node = tree.nodes[index]
            let whole: Int64? = node.parent.map { effective[$0] } ?? basis?.amount
            let label = PayoutTreeRows.label(node)
            var parts: [String] = []
            if let amount = node.amount {
                parts.append(money(amount))
            } else if let sum = effective[index] {
                parts.append("— (children \(money(sum)))")
            } else {
                parts.append("—")
            }
            if let part = effective[index], let whole, let share = DisplayText.percent(part, of: whole) {
                parts.append(share + (node.parent == nil ? " " + (basis?.shareLabel ?? "") : " of parent"))
            }
            var tone = DetailRow.Tone.normal
            if let amount = node.amount, let whole,
                let share = PayoutShare(type: node.type, value: node.value)
            {
                let siblings = node.parent.map { tree.nodes[$0].children.count } ?? tree.roots.count
                if !share.agrees(amount: amount, whole: whole, tolerance: siblings) {
                    let expected = share.expected(of: whole).map(money) ?? "an amount out of range"
                    parts.append("✗ \(node.value ?? "")% would be \(expected)")
                    tone = .bad
                    shareMismatches.append((index, whole, share))
                }
            }
            if let amount = node.amount, !node.children.isEmpty {
                let sum = PayoutTree.sumAmounts(node.children.map { effective[$0] })
                if let sum, sum != amount {
                    parts.append("✗ children sum to \(money(sum))")
                    tone = .bad
                    mismatched.append(index)
                } else if sum != nil {
                    parts.append("✓ children add up")
                }
            }
            // A path's text grows with depth, so rows of a very deep tree would cost depth² to
            // label; past `maxPathDepth` rows carry no path (the raw view opens the tree instead).
            rows.append(
                DetailRow(
                    indent: node.depth, label, parts.joined(separator: "  "), tone: tone,
                    jsonPath: node.depth <= PayoutTreeRows.maxPathDepth ? node.path.jqPath : nil))
            stack.append(contentsOf: node.children.reversed())
        }
        self.rows = rows
        self.mismatchedNodes = mismatched
        self.shareMismatches = shareMismatches
    }

    /// Nodes deeper than this get no `jsonPath` on their row (see the comment where rows are made).
    public static let maxPathDepth = 256

    /// `percentage 10` from type and value, the type or value alone, or `—`.
    public static func label(_ node: PayoutNode) -> String {
        let text = DisplayText.join([node.type, node.value])
        return text.isEmpty ? "—" : text
    }

    /// Each node's amount, or for a node without one the sum of its children's effective
    /// amounts (nil when nothing below has an amount). Children come after parents in the
    /// arena's pre-order, but to be safe this works on any order by a post-order walk.
    public static func effectiveAmounts(_ tree: PayoutTree) -> [Int64?] {
        var effective = [Int64?](repeating: nil, count: tree.nodes.count)
        var order: [Int] = []
        order.reserveCapacity(tree.nodes.count)
        var stack = tree.roots
        while let index = stack.popLast() {
            order.append(index)
            stack.append(contentsOf: tree.nodes[index].children)
        }
        for index in order.reversed() {
            let node = tree.nodes[index]
            if let amount = node.amount {
                effective[index] = amount
            } else if !node.children.isEmpty {
                effective[index] = PayoutTree.sumAmounts(node.children.lazy.map { effective[$0] })
            }
        }
        return effective
    }
}

extension PayoutTree {
    /// Sum of the present amounts; nil when none is present or on overflow.
    public static func sumAmounts(_ amounts: some Sequence<Int64?>) -> Int64? {
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
}
