import OrderAnalysis
import OrderModel
import OrderViewModel
import TerminalCore

/// Draws the payment timeline of the selected order: one line per session, operation and event
/// in time order, and the totals (running at the cursor while the pane has focus) with the
/// checks against the order.
enum TimelinePane {
    /// How the six totals are arranged in a pane `paneWidth` wide, as rows of item indices
    /// (authorized, captured, refunded, cancelled, capturable, refundable): three to a line when
    /// wide, two columns at 80 columns, one to a line in a narrow side-by-side pane, so amounts
    /// up to 16 columns (`1 234 567.89 NOK`) are never cut.
    static func totalsRows(paneWidth: Int) -> [[Int]] {
        let inner = paneWidth - 2
        if inner >= 80 { return [[0, 1, 2], [3, 4, 5]] }
        if inner >= 50 { return [[0, 3], [1, 4], [2, 5]] }
        return (0..<6).map { [$0] }
    }

    /// Lines reserved under the entries: the separator, the totals and the check line.
    static func totalsHeight(paneWidth: Int) -> Int {
        totalsRows(paneWidth: paneWidth).count + 2
    }

    static func draw(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, grid: inout Grid) {
        grid.box(
            rect, title: "Payments", style: focused ? theme.focusedBorder : theme.border, glyphs: theme.glyphs
        )
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        guard let analysis = state.selectedAnalysis else {
            let text = state.detail.load == .loading ? "loading…" : "no order selected"
            grid.put(text, x: inner.x + 1, y: inner.y, style: theme.muted, maxWidth: inner.width - 1)
            return
        }
        let timeline = analysis.timeline
        let entries = timeline.entries
        let totalsHeight = totalsHeight(paneWidth: rect.width)
        let listHeight = max(1, inner.height - totalsHeight)
        if entries.isEmpty {
            grid.put(
                "no payment activity", x: inner.x + 1, y: inner.y, style: theme.muted,
                maxWidth: inner.width - 1)
        }
        let cursor = state.timeline.cursor
        for offset in 0..<listHeight {
            let index = state.timeline.scroll + offset
            guard entries.indices.contains(index) else { break }
            let entry = entries[index]
            let y = inner.y + offset
            let isCursor = index == cursor
            var style = theme.text
            if entry.success == false { style = theme.bad }
            if isCursor {
                style = focused ? theme.selection : theme.unfocusedSelection
                grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            }
            let time = ListPane.shortTime(entry.timeText, zone: true)
            let line = (time.isEmpty ? "" : time + "  ") + entry.summary
            grid.put(
                TextFit.sanitizedLine(line, toWidth: inner.width), x: inner.x, y: y, style: style,
                maxWidth: inner.width)
        }

        // Totals, then the checks against payment_details.
        let totalsTop = inner.y + listHeight
        guard inner.height > totalsHeight else { return }
        grid.horizontalLine(
            x: inner.x, y: totalsTop, length: inner.width, style: theme.border, glyphs: theme.glyphs)
        // The order's final totals at a glance; running totals only while the operator steps
        // through the entries, else a cursor on the first entry reads as "nothing captured".
        let running = focused && entries.indices.contains(cursor)
        let totals = running ? entries[cursor].totals : timeline.totals
        let label = running ? " totals after \(cursor + 1)/\(entries.count) " : " totals "
        grid.put(label, x: inner.x + 1, y: totalsTop, style: theme.border, maxWidth: inner.width - 2)
        let currency = analysis.timeline.currency
        // No currency on the order: plain amounts, never a guessed one.
        // A total that left Int64 is shown as such, never as a wrapped amount.
        let money = { (amount: Int64?) in
            guard let amount else { return PaymentTotals.outOfRange }
            return currency.map { MoneyFormatter.standard.string(minorUnits: amount, currency: $0) }
                ?? MoneyFormatter.standard.string(minorUnits: amount, currencyCode: nil)
        }
        let items = [
            ("auth", totals.total(.authorization)), ("capt", totals.total(.capture)),
            ("refd", totals.total(.refund)),
            ("canc", totals.total(.cancellation)), ("capturable", totals.capturable),
            ("refundable", totals.refundable),
        ].map { (label: $0.0, amount: money($0.1)) }
        let rows = totalsRows(paneWidth: rect.width)
        // Aligned in columns: labels padded, amounts right-aligned under each other.
        let columnCount = rows.map(\.count).max() ?? 0
        let cells = (0..<columnCount).map { column in
            rows.compactMap { $0.indices.contains(column) ? $0[column] : nil }
        }
        let labelWidths = cells.map { $0.map { items[$0].label.displayWidth }.max() ?? 0 }
        let amountWidths = cells.map { $0.map { items[$0].amount.displayWidth }.max() ?? 0 }
        let lines = rows.map { row in
            row.enumerated().map { column, index in
                items[index].label.padded(toWidth: labelWidths[column]) + " "
                    + items[index].amount.padded(toWidth: amountWidths[column], alignment: .right)
            }.joined(separator: "  ")
        }
        for (offset, line) in lines.enumerated() {
            grid.put(
                TextFit.sanitizedLine(line, toWidth: inner.width), x: inner.x, y: totalsTop + 1 + offset,
                style: theme.text, maxWidth: inner.width)
        }
        let (checkText, checkStyle) = checkLine(timeline, theme: theme)
        grid.put(
            TextFit.sanitizedLine(checkText, toWidth: inner.width), x: inner.x,
            y: totalsTop + 1 + lines.count,
            style: checkStyle, maxWidth: inner.width)
    }

    /// What the totals were checked against and how that went: only the fields the order has
    /// are named, and an order with neither says so rather than showing a ✓ for nothing.
    static func checkLine(_ timeline: PaymentTimeline, theme: Theme) -> (String, Style) {
        let problems = timeline.problems
        if !problems.isEmpty {
            let count = problems.count > 1 ? "\(problems.count) problems: " : ""
            return ("✗ " + count + problems.map(\.message).joined(separator: "; "), theme.bad)
        }
        var fields: [String] = []
        if timeline.checks.contains(where: { $0.kind == .paymentDetails }) {
            fields.append("payment_details")
        }
        if timeline.checks.contains(where: { $0.kind == .paymentStatus }) { fields.append("payment_status") }
        guard !fields.isEmpty else { return ("no payment_details or payment_status to check", theme.muted) }
        return ("✓ totals agree with " + fields.joined(separator: " and "), theme.good)
    }
}
