import OrderModel

/// Finds what does not add up in an order: totals, items against the order, tax lines, payout
/// trees, payment operations against each other, `payment_details` and `payment_status`, and
/// line ids that point at no item. Every anomaly has a plain-language reason and a JSON path.
public enum AnomalyChecker {
    /// All anomalies of an order, in a stable order (totals, items, payouts, payments, travel).
    ///
    /// The timeline's checks need only its final totals, so they are computed without the
    /// timeline's entries (texts, paths): the same problems at a fraction of the cost.
    public static func check(_ order: Order) -> [Anomaly] {
        check(order, timelineProblems: PaymentTimeline.problems(order: order))
    }

    /// The same, reusing an already built timeline.
    public static func check(_ order: Order, timeline: PaymentTimeline) -> [Anomaly] {
        check(order, timelineProblems: timeline.problems)
    }

    static func check(_ order: Order, timelineProblems: [TimelineCheck]) -> [Anomaly] {
        // One list that every check appends to, not a list per check joined onto it (an
        // `append(contentsOf:)` per check and per item of every order).
        var anomalies: [Anomaly] = []
        appendUnreadableFields(order, to: &anomalies)
        appendTotals(order, to: &anomalies)
        appendItemSums(order, to: &anomalies)
        // Each item read where it lies: passing items by value copies each one whole (all its
        // fields retained, then released), which cost as much as the tax and payout checks.
        order.items.withUnsafeBufferPointer { items in
            guard let first = items.baseAddress else { return }
            for index in items.indices {
                appendTaxLines(first + index, index: index, currency: order.currency, to: &anomalies)
                appendPayout(first + index, index: index, currency: order.currency, to: &anomalies)
            }
        }
        appendFailedOperations(order, to: &anomalies)
        for check in timelineProblems {
            anomalies.append(Anomaly(kind: check.kind, message: check.message, jsonPath: check.jsonPath))
        }
        appendDanglingLineIDs(order, to: &anomalies)
        return anomalies
    }

    /// What one check appends, as a list of its own (the public checks one by one).
    private static func collect(_ check: (inout [Anomaly]) -> Void) -> [Anomaly] {
        var anomalies: [Anomaly] = []
        check(&anomalies)
        return anomalies
    }

    // MARK: - Unreadable fields

    /// A field that is present but cannot be read (`gross_amount: "abc"`, `1e400`, `items:
    /// "notalist"`) decodes as missing, so the checks that need it are silent: say so, or an
    /// order nobody can check would pass as clean.
    public static func unreadableFields(_ order: Order) -> [Anomaly] {
        collect { appendUnreadableFields(order, to: &$0) }
    }

    static func appendUnreadableFields(_ order: Order, to anomalies: inout [Anomaly]) {
        for issue in order.decodeIssues {
            anomalies.append(
                Anomaly(
                    kind: .unreadableField,
                    message:
                        "\(issue.path.isRoot ? "the order" : issue.path.description) cannot be read: \(issue.message)",
                    jsonPath: issue.path.jqPath))
        }
    }

    // MARK: - Totals

    /// gross − total_discount = net (a missing discount counts as zero).
    public static func totals(_ order: Order) -> [Anomaly] {
        collect { appendTotals(order, to: &$0) }
    }

    static func appendTotals(_ order: Order, to anomalies: inout [Anomaly]) {
        guard let gross = order.grossAmount, let net = order.netAmount else { return }
        let discount = order.totalDiscount ?? 0
        let (expected, overflow) = gross.subtractingReportingOverflow(discount)
        guard overflow || expected != net else { return }
        let money = { (amount: Int64) in DisplayText.money(amount, order.currency) }
        let message =
            overflow
            ? "gross \(money(gross)) − total discount \(money(discount)) overflows"
            : "gross \(money(gross)) − total discount \(money(discount)) = \(money(expected)), but net is \(money(net)) (differs by \(money(net &- expected)))"
        anomalies.append(Anomaly(kind: .totals, message: message, jsonPath: ".net_amount"))
    }

    /// The items' gross and net sums against the order's.
    public static func itemSums(_ order: Order) -> [Anomaly] {
        collect { appendItemSums(order, to: &$0) }
    }

    static func appendItemSums(_ order: Order, to anomalies: inout [Anomaly]) {
        let items = order.items
        guard !items.isEmpty else { return }
        let money = { (amount: Int64) in DisplayText.money(amount, order.currency) }
        // By index, reading one field of each item (iterating would copy every item whole).
        if let gross = order.grossAmount,
            let sum = PayoutTree.sumAmounts(items.indices.lazy.map { items[$0].grossAmount }),
            sum != gross
        {
            anomalies.append(
                Anomaly(
                    kind: .itemsGross,
                    message:
                        "the items' gross amounts add up to \(money(sum)), but the order's gross is \(money(gross))",
                    jsonPath: ".gross_amount"))
        }
        if let net = order.netAmount,
            let sum = PayoutTree.sumAmounts(items.indices.lazy.map { items[$0].netAmount }),
            sum != net
        {
            anomalies.append(
                Anomaly(
                    kind: .itemsNet,
                    message:
                        "the items' net amounts add up to \(money(sum)), but the order's net is \(money(net))",
                    jsonPath: ".net_amount"))
        }
    }

    // MARK: - Tax

    /// Each tax line's amount against its percentage of its basis (1 minor unit of rounding),
    /// and for price-included lines, basis + tax against the item's net.
    public static func taxLines(_ item: OrderItem, index: Int, currency: Currency?) -> [Anomaly] {
        withUnsafePointer(to: item) { item in
            collect { appendTaxLines(item, index: index, currency: currency, to: &$0) }
        }
    }

    /// The same, of the item `item` points at: the whole-order check passes each item where it
    /// lies in the order's array (see `check`) and reads only the fields it needs.
    static func appendTaxLines(
        _ item: UnsafePointer<OrderItem>, index: Int, currency: Currency?, to anomalies: inout [Anomaly]
    ) {
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }
        // Made only for a message: most items have nothing to report.
        var name: String { itemName(item.pointee, index: index) }
        for line in item.pointee.taxLines where line.exempt != true {
            guard let amount = line.amount, let basis = line.taxBasis, let percentage = line.percentage else {
                continue
            }
            let expected = Double(basis) * percentage / 100
            if abs(Double(amount) - expected) > 1.000_001 {
                let pct = line.percentageText ?? String(percentage)
                // Basis × percentage can leave Int64 (found by Tests/Fuzz): say so, never trap.
                let about = Int64(exactly: expected.rounded()).map(money) ?? "an amount out of range"
                anomalies.append(
                    Anomaly(
                        kind: .taxAmount,
                        message:
                            "\(name): tax \(money(amount)) is not \(pct)% of the basis \(money(basis)) (expected about \(about))",
                        jsonPath: line.path["amount"].jqPath))
            }
        }
        // The price-included lines with a basis and an amount, summed in one pass without
        // gathering them (every item of every order comes through here).
        var included = 0
        var sharedBasis: Int64?
        var basesAlike = true
        var taxSum: Int64? = 0  // nil once it overflows
        for line in item.pointee.taxLines where line.includedInPrice == true {
            guard let basis = line.taxBasis, let amount = line.amount else { continue }
            included += 1
            if let shared = sharedBasis, shared != basis { basesAlike = false }
            sharedBasis = sharedBasis ?? basis
            taxSum = taxSum.flatMap { sum in
                let (result, overflow) = sum.addingReportingOverflow(amount)
                return overflow ? nil : result
            }
        }
        if let net = item.pointee.netAmount, included > 0 {
            let expected: Int64?
            if basesAlike, let basis = sharedBasis, let tax = taxSum {
                let (sum, overflow) = basis.addingReportingOverflow(tax)
                expected = overflow ? nil : sum
            } else {
                // Every basis, then every amount, in that order (an overflow on the way is nil).
                let lines = item.pointee.taxLines.lazy.filter {
                    $0.includedInPrice == true && $0.taxBasis != nil && $0.amount != nil
                }
                expected = PayoutTree.sumAmounts(lines.map(\.taxBasis) + lines.map(\.amount))
            }
            if let expected, (net &- expected).magnitude > UInt64(included) {
                anomalies.append(
                    Anomaly(
                        kind: .taxBasis,
                        message:
                            "\(name): tax basis + tax = \(money(expected)) but the item's net is \(money(net)) (tax is included in the price)",
                        jsonPath: item.pointee.path["tax_lines"].jqPath))
            }
        }
    }

    // MARK: - Payout

    /// Each destination with children against their sum; each `percentage` destination against
    /// its share of the amount above it; the top level against what the customer paid for the
    /// line (`PayoutBasis`: net, else gross − discounts, else gross). Rules and sources are in
    /// `PayoutBasis` and `PayoutShare`.
    public static func payout(_ item: OrderItem, index: Int, currency: Currency?) -> [Anomaly] {
        withUnsafePointer(to: item) { item in
            collect { appendPayout(item, index: index, currency: currency, to: &$0) }
        }
    }

    /// The same, of the item `item` points at (as `appendTaxLines`).
    static func appendPayout(
        _ item: UnsafePointer<OrderItem>, index: Int, currency: Currency?, to anomalies: inout [Anomaly]
    ) {
        guard let tree = item.pointee.payout, !tree.isEmpty else { return }
        let rows = PayoutTreeRows(
            tree: tree,
            basis: PayoutBasis(
                net: item.pointee.netAmount, gross: item.pointee.grossAmount,
                discountLines: item.pointee.discountLines),
            currency: currency, withRows: false)
        guard !rows.mismatchedNodes.isEmpty || !rows.shareMismatches.isEmpty || rows.rootMismatch else {
            return
        }
        let effective = PayoutTreeRows.effectiveAmounts(tree)
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }
        let name = itemName(item.pointee, index: index)
        for node in rows.mismatchedNodes {
            let sum = PayoutTree.sumAmounts(tree.nodes[node].children.map { effective[$0] }) ?? 0
            anomalies.append(
                Anomaly(
                    kind: .payoutChildren,
                    message:
                        "\(name): payout destination of \(money(tree.nodes[node].amount ?? 0)) has destinations that add up to \(money(sum))",
                    jsonPath: tree.nodes[node].path.jqPath))
        }
        for mismatch in rows.shareMismatches {
            let node = tree.nodes[mismatch.node]
            let above = node.parent == nil ? (rows.basis?.name ?? "the line") : "its parent destination"
            let expected = mismatch.share.expected(of: mismatch.whole).map(money) ?? "an amount out of range"
            anomalies.append(
                Anomaly(
                    kind: .payoutShare,
                    message:
                        "\(name): payout destination of \(money(node.amount ?? 0)) says \(node.value ?? "")% of \(above) (\(money(mismatch.whole))), which is \(expected)",
                    jsonPath: node.path.jqPath))
        }
        if rows.rootMismatch, let sum = rows.rootSum, let basis = rows.basis {
            anomalies.append(
                Anomaly(
                    kind: .payoutRoot,
                    message:
                        "\(name): the payout destinations add up to \(money(sum)), but \(basis.name) is \(money(basis.amount))",
                    jsonPath: tree.path.jqPath))
        }
    }

    // MARK: - Payments

    public static func failedOperations(_ order: Order) -> [Anomaly] {
        collect { appendFailedOperations(order, to: &$0) }
    }

    static func appendFailedOperations(_ order: Order, to anomalies: inout [Anomaly]) {
        // Kind by kind, without joining the four arrays first (`order.operations`), and by
        // index, reading `success` alone (iterating copies every operation whole): most orders
        // have no failed operation.
        for kind in OperationKind.allCases {
            let operations = order.operations(kind)
            for index in operations.indices where operations[index].success == false {
                let operation = operations[index]
                let amount = DisplayText.money(operation.amount, order.currency).map { " of \($0)" } ?? ""
                let when = operation.timestamp.map { " at \($0.text)" } ?? ""
                anomalies.append(
                    Anomaly(
                        kind: .failedOperation, severity: .warning,
                        message: "a \(operation.kind.rawValue)\(amount)\(when) failed",
                        jsonPath: operation.path.jqPath))
            }
        }
    }

    // MARK: - Travel

    public static func danglingLineIDs(_ order: Order) -> [Anomaly] {
        collect { appendDanglingLineIDs(order, to: &$0) }
    }

    static func appendDanglingLineIDs(_ order: Order, to anomalies: inout [Anomaly]) {
        // Most orders name no line: nothing to look up, so no table of the items' ids.
        guard !order.attachments.isEmpty || !order.itinerary.isEmpty else { return }
        let known = KnownLineIDs(order.items)
        for attachment in order.attachments {
            for reservation in attachment.reservations {
                for id in reservation.lineIDs where !known.contains(id) {
                    anomalies.append(
                        Anomaly(
                            kind: .danglingLineID,
                            message:
                                "\(reservation.kind.title.lowercased()) reservation \(reservation.bookingID ?? "") names line \(id), but no item has that line id",
                            jsonPath: reservation.path["line_ids"].jqPath))
                }
            }
        }
        for leg in order.itinerary {
            for id in leg.lineIDs where !known.contains(id) {
                anomalies.append(
                    Anomaly(
                        kind: .danglingLineID,
                        message:
                            "itinerary leg \(leg.id ?? "") names line \(id), but no item has that line id",
                        jsonPath: leg.path["line_ids"].jqPath))
            }
        }
    }

    public static func itemName(_ item: OrderItem, index: Int) -> String {
        if let line = item.lineID { return "item \(index + 1) (line \(line))" }
        return "item \(index + 1)"
    }
}
