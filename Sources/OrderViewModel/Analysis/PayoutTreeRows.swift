import OrderModel

/// The payout tree of an order item as detail rows: one row per destination, indented by depth,
/// with its amount, its share of its parent (or of the item's gross at the top level) and a
/// mark when its children do not add up to it; a header row compares the top level with the
/// item's gross.
///
/// A destination without an `amount` counts as the sum of its children, so a grouping node
/// does not break its parent's check. Built without recursion (trees can be deep).
public struct PayoutTreeRows: Sendable, Equatable {
    public var rows: [DetailRow]
    /// Destinations whose children do not sum to them, by node index.
    public var mismatchedNodes: [Int]
    /// The sum of the top-level destinations (grouping nodes count as their children's sum).
    public var rootSum: Int64?
    /// True when the item has a gross amount and the top level sums to something else.
    public var rootMismatch: Bool

    public init(tree: PayoutTree, grossAmount: Int64?, currency: Currency?) {
        let effective = PayoutTreeRows.effectiveAmounts(tree)
        var rows: [DetailRow] = []
        var mismatched: [Int] = []
        let rootSum = PayoutTree.sumAmounts(tree.roots.map { effective[$0] })
        self.rootSum = rootSum
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }

        // Header: the top level against the item's gross.
        if let gross = grossAmount, let rootSum {
            if rootSum == gross {
                rows.append(
                    DetailRow("Payout total", "\(money(rootSum)) ✓ equals item gross", tone: .good,
                              jsonPath: tree.path.jqPath))
                rootMismatch = false
            } else {
                rows.append(
                    DetailRow(
                        "Payout total", "\(money(rootSum)) ✗ item gross is \(money(gross))", tone: .bad,
                        jsonPath: tree.path.jqPath))
                rootMismatch = true
            }
        } else {
            rows.append(
                DetailRow("Payout total", rootSum.map(money) ?? "—", tone: .muted, jsonPath: tree.path.jqPath))
            rootMismatch = false
        }

        // Pre-order: the arena is stored that way, but walk explicitly so appended nodes work too.
        var stack = Array(tree.roots.reversed())
        while let index = stack.popLast() {
            let node = tree.nodes[index]
            let label = PayoutTreeRows.label(node)
            var parts: [String] = []
            if let amount = node.amount {
                parts.append(money(amount))
            } else if let sum = effective[index] {
                parts.append("— (children \(money(sum)))")
            } else {
                parts.append("—")
            }
            let whole: Int64? = node.parent.map { effective[$0] } ?? grossAmount
            if let part = effective[index], let whole, let share = DisplayText.percent(part, of: whole) {
                parts.append(share + (node.parent == nil ? " of item gross" : " of parent"))
            }
            var tone = DetailRow.Tone.normal
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
                DetailRow(indent: node.depth, label, parts.joined(separator: "  "), tone: tone,
                          jsonPath: node.depth <= PayoutTreeRows.maxPathDepth ? node.path.jqPath : nil))
            stack.append(contentsOf: node.children.reversed())
        }
        self.rows = rows
        self.mismatchedNodes = mismatched
    }

    /// Nodes deeper than this get no `jsonPath` on their row (see the comment where rows are made).
    public static let maxPathDepth = 256

    /// `percentage 10` from type and value, the type or value alone, or `—`.
    static func label(_ node: PayoutNode) -> String {
        let text = DisplayText.join([node.type, node.value])
        return text.isEmpty ? "—" : text
    }

    /// Each node's amount, or for a node without one the sum of its children's effective
    /// amounts (nil when nothing below has an amount). Children come after parents in the
    /// arena's pre-order, but to be safe this works on any order by a post-order walk.
    static func effectiveAmounts(_ tree: PayoutTree) -> [Int64?] {
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
                effective[index] = PayoutTree.sumAmounts(node.children.map { effective[$0] })
            }
        }
        return effective
    }
}

extension PayoutTree {
    /// Sum of the present amounts; nil when none is present or on overflow.
    static func sumAmounts(_ amounts: [Int64?]) -> Int64? {
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
