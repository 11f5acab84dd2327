import OrderModel
import OrderViewModel
import TerminalCore

/// Draws the payment timeline of the selected order: one line per session, operation and event
/// in time order, and the totals (running at the cursor while the pane has focus) with the
/// checks against the order.
enum TimelinePane {
    /// Lines reserved under the entries for totals and checks.
    static let totalsHeight = 4

    static func draw(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, grid: inout Grid) {
        grid.box(rect, title: "Payments", style: focused ? theme.focusedBorder : theme.border, glyphs: theme.glyphs)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        guard let analysis = state.selectedAnalysis else {
            let text = state.detail.load == .loading ? "loading…" : "no order selected"
            grid.put(text, x: inner.x + 1, y: inner.y, style: theme.muted, maxWidth: inner.width - 1)
            return
        }
        let timeline = analysis.timeline
        let entries = timeline.entries
        let listHeight = max(1, inner.height - totalsHeight)
        if entries.isEmpty {
            grid.put("no payment activity", x: inner.x + 1, y: inner.y, style: theme.muted, maxWidth: inner.width - 1)
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
            let time = ListPane.shortTime(entry.timeText)
            let line = (time.isEmpty ? "" : time + "  ") + entry.summary
            grid.put(TextFit.sanitizedLine(line, toWidth: inner.width), x: inner.x, y: y, style: style, maxWidth: inner.width)
        }

        // Totals, then the checks against payment_details.
        let totalsTop = inner.y + listHeight
        guard inner.height > totalsHeight else { return }
        grid.horizontalLine(x: inner.x, y: totalsTop, length: inner.width, style: theme.border, glyphs: theme.glyphs)
        // The order's final totals at a glance; running totals only while the operator steps
        // through the entries, else a cursor on the first entry reads as "nothing captured".
        let running = focused && entries.indices.contains(cursor)
        let totals = running ? entries[cursor].totals : timeline.totals
        let label = running ? " totals after \(cursor + 1)/\(entries.count) " : " totals "
        grid.put(label, x: inner.x + 1, y: totalsTop, style: theme.border, maxWidth: inner.width - 2)
        let currency = analysis.timeline.currency
        // No currency on the order: plain amounts, never a guessed one.
        let money = { (amount: Int64) in
            currency.map { MoneyFormatter.standard.string(minorUnits: amount, currency: $0) }
                ?? MoneyFormatter.standard.string(minorUnits: amount, currencyCode: nil)
        }
        let first = "auth \(money(totals.authorized))  capt \(money(totals.captured))  refd \(money(totals.refunded))"
        let second = "canc \(money(totals.cancelled))  capturable \(money(totals.capturable))  refundable \(money(totals.refundable))"
        grid.put(TextFit.sanitizedLine(first, toWidth: inner.width), x: inner.x, y: totalsTop + 1, style: theme.text, maxWidth: inner.width)
        grid.put(TextFit.sanitizedLine(second, toWidth: inner.width), x: inner.x, y: totalsTop + 2, style: theme.text, maxWidth: inner.width)
        let (checkText, checkStyle) = checkLine(timeline, theme: theme)
        grid.put(TextFit.sanitizedLine(checkText, toWidth: inner.width), x: inner.x, y: totalsTop + 3,
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
        if timeline.checks.contains(where: { $0.kind == .paymentDetails }) { fields.append("payment_details") }
        if timeline.checks.contains(where: { $0.kind == .paymentStatus }) { fields.append("payment_status") }
        guard !fields.isEmpty else { return ("no payment_details or payment_status to check", theme.muted) }
        return ("✓ totals agree with " + fields.joined(separator: " and "), theme.good)
    }
}
