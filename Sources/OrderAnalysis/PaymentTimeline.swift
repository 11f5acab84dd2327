import OrderModel

/// The payment history of an order in time order: sessions, authorizations, captures, refunds,
/// cancellations and events, each with the running totals after it, and the final totals
/// checked against the order's `payment_details` and `payment_status`.
///
/// Entries are sorted by time (parsed times in time order, then unparsed ones by text, then
/// entries without a time); equal times keep the order sessions, authorizations, captures,
/// refunds, cancellations, events and their array order. Only successful operations move the
/// totals; an operation without `success` counts as successful, one with `success: false` does
/// not (and is reported as an anomaly).
public struct PaymentTimeline: Sendable, Equatable {
    public var entries: [TimelineEntry]
    /// The totals after the last entry.
    public var totals: PaymentTotals
    /// Final totals against `payment_details` and `payment_status`, and the totals' own sanity.
    public var checks: [TimelineCheck]
    public var currency: Currency?

    public init(order: Order) {
        currency = order.currency
        var pending: [(time: Timestamp?, entry: TimelineEntry)] = []
        for (index, session) in order.sessions.enumerated() {
            pending.append(
                (
                    session.processedAt ?? session.createdAt,
                    TimelineEntry(session: session, index: index, currency: order.currency)
                ))
        }
        for kind in OperationKind.allCases {
            for (index, operation) in order.operations(kind).enumerated() {
                pending.append(
                    (
                        operation.timestamp,
                        TimelineEntry(operation: operation, index: index, currency: order.currency)
                    ))
            }
        }
        for (index, event) in order.events.enumerated() {
            pending.append((event.createdAt, TimelineEntry(event: event, index: index)))
        }
        var totals = PaymentTotals()
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(pending.count)
        for item in PaymentTimeline.inTimeOrder(pending, time: { $0.time }) {
            var entry = item.entry
            totals.apply(entry)
            entry.totals = totals
            entries.append(entry)
        }
        self.entries = entries
        self.totals = totals
        self.checks = PaymentTimeline.checks(totals: totals, order: order)
    }

    /// Only the failed checks.
    public var problems: [TimelineCheck] { checks.filter { !$0.ok } }

    /// The failed checks of `order`'s timeline, equal to `PaymentTimeline(order:).problems`,
    /// from the totals alone: sessions and events move no total, and the operations sorted on
    /// their own keep the order they have among all entries (the sort is stable), so the
    /// totals, and the order in which one overflows, are the same.
    static func problems(order: Order) -> [TimelineCheck] {
        checks(totals: fileOrderTotals(order) ?? timeOrderTotals(order), order: order, failuresOnly: true)
    }

    /// The operations' totals in time order, as the timeline adds them.
    static func timeOrderTotals(_ order: Order) -> PaymentTotals {
        var pending: [(time: Timestamp?, kind: TimelineEntry.Kind, amount: Int64?, success: Bool?)] = []
        for kind in OperationKind.allCases {
            for operation in order.operations(kind) {
                pending.append(
                    (operation.timestamp, TimelineEntry.Kind(kind), operation.amount, operation.success))
            }
        }
        var totals = PaymentTotals()
        for item in inTimeOrder(pending, time: { $0.time }) {
            totals.apply(kind: item.kind, amount: item.amount, success: item.success)
        }
        return totals
    }

    /// The same totals added in file order, without gathering and sorting the operations (most
    /// of the checks' cost on a clean order), or nil when the order of adding could matter.
    ///
    /// A total's amounts all of one sign add up through sums that only grow away from zero,
    /// so no order of adding overflows unless all do; with no overflow the sum is the same in
    /// any order. So the file order's totals are the time order's unless a total has amounts
    /// of both signs (`[max, 1, -1]` overflows, `[max, -1, 1]` does not) or overflows (which
    /// total overflows first depends on the times): nil then, and the caller sorts.
    static func fileOrderTotals(_ order: Order) -> PaymentTotals? {
        var totals = PaymentTotals()
        for kind in OperationKind.allCases {
            let operations = order.operations(kind)
            var sum: Int64 = 0
            var positive = false
            var negative = false
            // By index, reading two fields (iterating copies every operation whole).
            for index in operations.indices where operations[index].success != false {
                guard let amount = operations[index].amount else { continue }
                if amount > 0 { positive = true } else if amount < 0 { negative = true }
                let (next, overflow) = sum.addingReportingOverflow(amount)
                if overflow || (positive && negative) { return nil }
                sum = next
            }
            switch kind {
            case .authorization: totals.authorized = sum
            case .capture: totals.captured = sum
            case .refund: totals.refunded = sum
            case .cancellation: totals.cancelled = sum
            }
        }
        return totals
    }

    /// `items` sorted by time: parsed times in time order, then unparsed ones by text, then
    /// items without a time; ties keep their order in `items` (stable).
    static func inTimeOrder<T>(_ items: [T], time: (T) -> Timestamp?) -> [T] {
        items.enumerated().sorted { lhs, rhs in
            switch (time(lhs.element), time(rhs.element)) {
            case let (l?, r?):
                if l != r { return l < r }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): break
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Detail rows for the timeline: one per entry with its running totals, then the checks.
    public func rows() -> [DetailRow] {
        var rows: [DetailRow] = []
        for entry in entries {
            rows.append(
                DetailRow(
                    entry.timeText.isEmpty ? "—" : entry.timeText, entry.summary,
                    tone: entry.success == false ? .bad : .normal, target: entry.target,
                    jsonPath: entry.jsonPath))
            if entry.kind != .session && entry.kind != .event {
                rows.append(DetailRow(indent: 1, "totals", entry.totals.text(currency), tone: .muted))
            }
        }
        for check in checks {
            rows.append(
                DetailRow(
                    check.label, (check.ok ? "✓ " : "✗ ") + check.message, tone: check.ok ? .good : .bad,
                    jsonPath: check.jsonPath))
        }
        return rows
    }

    public static func checks(totals: PaymentTotals, order: Order) -> [TimelineCheck] {
        checks(totals: totals, order: order, failuresOnly: false)
    }

    /// With `failuresOnly` the checks that pass are left out before their texts are made: the
    /// whole-dump anomaly checks want only the failures, and formatting the money of every
    /// passing check was most of their cost on a clean order.
    static func checks(totals: PaymentTotals, order: Order, failuresOnly: Bool) -> [TimelineCheck] {
        let currency = order.currency
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }
        var checks: [TimelineCheck] = []
        for kind in totals.overflowed {
            let field = kind.operationField
            checks.append(
                TimelineCheck(
                    kind: .moneyOverflow, label: "Sum of \(field)", ok: false,
                    message: "the \(field) add up to more than the largest amount that can be counted "
                        + "(\(Int64.max) minor units); the checks that use their total were skipped",
                    jsonPath: "." + field))
        }
        // A total that overflowed is unknown: every check below that needs it is skipped.
        if let captured = totals.total(.capture), let authorized = totals.total(.authorization),
            captured > authorized
        {
            checks.append(
                TimelineCheck(
                    kind: .overCaptured, label: "Captured vs authorized", ok: false,
                    message: "captured \(money(captured)) is more than the \(money(authorized)) authorized",
                    jsonPath: ".captures"))
        }
        if let refunded = totals.total(.refund), let captured = totals.total(.capture), refunded > captured {
            checks.append(
                TimelineCheck(
                    kind: .overRefunded, label: "Refunded vs captured", ok: false,
                    message: "refunded \(money(refunded)) is more than the \(money(captured)) captured",
                    jsonPath: ".refunds"))
        }
        if let details = order.paymentDetails {
            let path = details.path
            func compare(
                _ label: String, _ field: String, _ stated: Int64?, _ computed: Int64?, _ what: String
            ) {
                guard let stated, let computed else { return }
                let ok = stated == computed
                if ok, failuresOnly { return }
                checks.append(
                    TimelineCheck(
                        kind: .paymentDetails, label: label, ok: ok,
                        message: ok
                            ? "\(field) \(money(stated)) matches \(what)"
                            : "\(field) is \(money(stated)) but the operations leave \(money(computed)) \(what)",
                        jsonPath: path[field].jqPath))
            }
            compare(
                "Remaining capture", "remaining_capture_amount", details.remainingCaptureAmount,
                totals.capturable,
                "to capture")
            compare(
                "Remaining refund", "remaining_refund_amount", details.remainingRefundAmount,
                totals.refundable,
                "to refund")
            compare(
                "Remaining cancellation", "remaining_cancellation_amount",
                details.remainingCancellationAmount,
                totals.capturable, "to cancel")
        }
        if let status = order.paymentStatus, totals.overflowed.isEmpty {
            checks += statusChecks(status, totals: totals, order: order, failuresOnly: failuresOnly)
        }
        return checks
    }

    /// `payment_status` against what the operations did. "Paid" is measured against the net
    /// amount (what the customer owes after discounts), or the gross when there is no net.
    public static func statusChecks(_ status: PaymentStatus, totals: PaymentTotals, order: Order)
        -> [TimelineCheck]
    {
        statusChecks(status, totals: totals, order: order, failuresOnly: false)
    }

    static func statusChecks(
        _ status: PaymentStatus, totals: PaymentTotals, order: Order, failuresOnly: Bool
    ) -> [TimelineCheck] {
        let currency = order.currency
        let money = { (amount: Int64) in DisplayText.money(amount, currency) }
        let due = order.netAmount ?? order.grossAmount
        let dueName = order.netAmount != nil ? "net amount" : "gross amount"
        var problem: String?
        switch status {
        case .paid:
            if let due, totals.captured < due {
                problem =
                    "payment status is paid but only \(money(totals.captured)) of the \(dueName) \(money(due)) was captured"
            }
        case .partiallyPaid:
            if totals.captured == 0 {
                problem = "payment status is partially_paid but nothing was captured"
            } else if let due, totals.captured >= due {
                problem =
                    "payment status is partially_paid but \(money(totals.captured)) was captured, the whole \(dueName)"
            }
        case .refunded:
            if totals.refunded < totals.captured || totals.captured == 0 {
                problem =
                    "payment status is refunded but only \(money(totals.refunded)) of \(money(totals.captured)) captured was refunded"
            }
        case .partiallyRefunded:
            if totals.refunded == 0 {
                problem = "payment status is partially_refunded but nothing was refunded"
            } else if totals.refunded >= totals.captured {
                problem =
                    "payment status is partially_refunded but everything captured (\(money(totals.captured))) was refunded"
            }
        case .pending:
            if totals.captured > 0 {
                problem = "payment status is pending but \(money(totals.captured)) was captured"
            }
        default:
            return []
        }
        if problem == nil, failuresOnly { return [] }
        return [
            TimelineCheck(
                kind: .paymentStatus, label: "Payment status", ok: problem == nil,
                message: problem ?? "\(status.rawValue) agrees with the operations",
                jsonPath: ".payment_status")
        ]
    }
}

extension TimelineEntry.Kind {
    /// The order's array of operations of this kind (`authorizations`), as messages name it.
    public var operationField: String {
        switch self {
        case .authorization: return "authorizations"
        case .capture: return "captures"
        case .refund: return "refunds"
        case .cancellation: return "cancellations"
        case .session: return "sessions"
        case .event: return "events"
        }
    }
}
