import OrderModel

/// What the copy keys and the copy menu can put on the clipboard.
public enum CopyTarget: String, Sendable, Equatable, CaseIterable {
    /// The value under the cursor of the focused pane (`y`).
    case value
    /// The order's id (`Y`).
    case orderID
    case orderNumber
    /// The JSON of the node under the cursor, pretty-printed.
    case json
    /// One paragraph about the order for a support ticket.
    case ticket
    /// The jq path of the node under the cursor (`.items[0].payout`).
    case jqPath

    /// The menu's words for it.
    public var title: String {
        switch self {
        case .value: return "value under the cursor"
        case .orderID: return "order id"
        case .orderNumber: return "order number"
        case .json: return "JSON of the node"
        case .ticket: return "ticket summary of the order"
        case .jqPath: return "jq path of the node"
        }
    }
}

extension AppState {
    /// The lines `target` copies now, or nil when there is nothing (no order loaded). Built from
    /// what the screens show, so it is redacted whenever the screens are.
    ///
    /// Lines, not text: a value from data is one line however many line breaks it holds, so the
    /// terminal layer sanitizes each line (a `\r` in a customer name shows and copies as `\r`)
    /// and the only breaks in a copy are the ones between the lines of a JSON node.
    public func copyLines(_ target: CopyTarget) -> [String]? {
        copyIsJSON(target) ? jsonLines : copyValueLines(target)
    }

    /// True when `target` copies JSON text now (the JSON menu entry, or `y` in the raw view),
    /// which is escaped the JSON way so that it still parses.
    public func copyIsJSON(_ target: CopyTarget) -> Bool {
        target == .json || (target == .value && focus == .detail && detail.rawPath != nil)
    }

    private var jsonLines: [String]? {
        guard let analysis = selectedAnalysis, let path = focusedJSONPath,
            let node = RawJSON.node(at: path, in: analysis.order.raw)
        else { return nil }
        return RawJSON.lines(node)
    }

    private func copyValueLines(_ target: CopyTarget) -> [String]? {
        let summary = list.selectedSummary.map(redaction.apply)
        switch target {
        case .orderID:
            return summary.map { [$0.id] }
        case .orderNumber:
            return summary.map { [$0.orderNumber ?? $0.id] }
        case .jqPath:
            return focusedJSONPath.map { [$0] }
        case .json:
            return jsonLines
        case .ticket:
            return selectedAnalysis.map { [Self.ticketSummary($0)] }
        case .value:
            return focusedValue
        }
    }

    /// The jq path of what the cursor is on: the raw view's node, the detail row, the timeline
    /// entry, or the whole order in the list.
    public var focusedJSONPath: String? {
        guard selectedAnalysis != nil else { return nil }
        switch focus {
        case .list: return "."
        case .detail: return detail.rawPath ?? detail.current?.cursorJSONPath ?? "."
        case .timeline:
            guard let entries = selectedAnalysis?.timeline.entries, entries.indices.contains(timeline.cursor)
            else {
                return "."
            }
            return entries[timeline.cursor].jsonPath ?? "."
        }
    }

    private var focusedValue: [String]? {
        switch focus {
        case .list:
            return copyLines(.orderNumber)
        case .detail:
            guard let level = detail.current, level.lines.indices.contains(level.cursor) else { return nil }
            switch level.lines[level.cursor] {
            case .header(let section): return [level.screen.sections[section].title]
            case .row:
                guard let row = level.row(at: level.lines[level.cursor]) else { return nil }
                return [row.value.isEmpty ? row.label : row.value]
            }
        case .timeline:
            guard let entries = selectedAnalysis?.timeline.entries, entries.indices.contains(timeline.cursor)
            else {
                return nil
            }
            let entry = entries[timeline.cursor]
            return [[entry.timeText, entry.summary].filter { !$0.isEmpty }.joined(separator: " ")]
        }
    }

    /// "Order SO-100001 (id 0a7c…), open, payment paid, created 2024-06-23T17:44:32Z: 3 items,
    /// gross 1 234.56 NOK. Authorized …, captured …, refunded …. Customer: … . 1 anomaly: …"
    public static func ticketSummary(_ analysis: LoadedOrder) -> String {
        let order = analysis.order
        let formatter = MoneyFormatter.standard
        func money(_ minor: Int64?) -> String {
            guard let minor else { return "?" }
            return order.currency.map { formatter.string(minorUnits: minor, currency: $0) } ?? String(minor)
        }
        var text = "Order \(order.displayNumber)"
        if let id = order.id, id != order.displayNumber { text += " (id \(id))" }
        text += ", " + (order.status?.rawValue ?? "no status")
        text += ", payment " + (order.paymentStatus?.rawValue ?? "unknown")
        if let created = order.createdAt { text += ", created \(created.text)" }
        text +=
            ": \(order.items.count) item\(order.items.count == 1 ? "" : "s"), gross \(money(order.grossAmount))."
        let totals = analysis.timeline.totals
        text += " Authorized \(money(totals.authorized)), captured \(money(totals.captured)),"
        text += " refunded \(money(totals.refunded)), cancelled \(money(totals.cancelled))."
        if let name = order.customerName { text += " Customer: \(name)." }
        if analysis.anomalies.isEmpty {
            text += " No anomalies."
        } else {
            let count = analysis.anomalies.count
            text +=
                " \(count) anomal\(count == 1 ? "y" : "ies"): "
                + analysis.anomalies.map(\.message).joined(separator: "; ") + "."
        }
        return text
    }
}
