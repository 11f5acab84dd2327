import OrderModel
import OrderViewModel
import TerminalCore

/// Draws the order list: a header of columns, one row per visible order, the selection, and a
/// footer line with loaded/total counts and the loading mark.
enum ListPane {
    struct Column {
        var column: ListColumn
        var width: Int
        var alignment: TextAlignment
    }

    /// Chooses the columns that fit, widest first to go: customer and created shrink or drop
    /// before the order number, status and amount. Which columns are shown depends on the width
    /// alone (`s` cycles through them); `cells`, the texts of the rows on screen by column, only
    /// narrow a column to what it holds, and the customer column takes what that frees.
    static func columns(width: Int, cells: [ListColumn: [String]] = [:]) -> [Column] {
        // Columns join in order of importance while they fit; the customer column takes what is
        // left over, so wide panes show more of the name rather than more blank space.
        let wanted: [(ListColumn, Int, TextAlignment)] = [
            (.anomaly, 3, .left), (.number, 13, .left), (.amount, 16, .right), (.status, 9, .left),
            (.customer, 12, .left), (.payment, 18, .left), (.created, 16, .left),
        ]
        var chosen: [Column] = []
        var used = 0
        for (column, columnWidth, alignment) in wanted {
            let needed = columnWidth + (chosen.isEmpty ? 0 : 1)
            guard used + needed <= width else { continue }
            chosen.append(Column(column: column, width: columnWidth, alignment: alignment))
            used += needed
        }
        if let index = chosen.firstIndex(where: { $0.column == .customer }) {
            for other in chosen.indices where other != index {
                guard let texts = cells[chosen[other].column] else { continue }
                let header =
                    chosen[other].column == .anomaly ? 0 : DisplayWidth.of(chosen[other].column.title) + 1
                let limit = chosen[other].width
                // Sanitized and cut first: the width as drawn, and a huge field costs no more.
                let content = texts.reduce(header) {
                    max($0, DisplayWidth.of(TextFit.sanitizedLine($1, toWidth: limit)))
                }
                let narrower = min(chosen[other].width, max(1, content))
                used -= chosen[other].width - narrower
                chosen[other].width = narrower
            }
            chosen[index].width += max(0, width - used)
        }
        let order: [ListColumn] = [.anomaly, .number, .created, .customer, .status, .payment, .amount]
        return chosen.sorted {
            (order.firstIndex(of: $0.column) ?? 0) < (order.firstIndex(of: $1.column) ?? 0)
        }
    }

    static func cell(_ column: ListColumn, _ summary: OrderSummary, mark: String? = nil) -> String {
        switch column {
        case .anomaly:
            // An anomaly outranks the follow mark (`new`, `chg`): the status bar counts those.
            guard let count = summary.anomalyCount, count > 0 else { return mark ?? "" }
            return "!\(count)"
        case .number: return summary.orderNumber ?? summary.id
        case .created: return shortTime(summary.createdAt)
        case .customer: return summary.customerName ?? ""
        case .status: return summary.status ?? ""
        case .payment: return summary.paymentStatus ?? ""
        case .amount:
            guard let gross = summary.grossAmount else { return "" }
            return MoneyFormatter.standard.string(minorUnits: gross, currencyCode: summary.currency)
        }
    }

    /// `2024-03-02T09:11:05Z` → `2024-03-02 09:11`; with `zone`, the zone as written after it
    /// (`2024-03-02 09:11Z`, `2024-03-02 11:11+02:00`), so a time is never read in the wrong zone.
    static func shortTime(_ text: String?, zone: Bool = false) -> String {
        guard let text else { return "" }
        let replaced = text.replacingFirst("T", with: " ")
        let short = String(replaced.prefix(16))
        guard zone, text.count > 16 else { return short }
        let tail = text.dropFirst(16)
        if tail.hasSuffix("Z") || tail.hasSuffix("z") { return short + "Z" }
        if let sign = tail.lastIndex(where: { $0 == "+" || $0 == "-" }),
            tail.distance(from: sign, to: tail.endIndex) <= 6
        {
            return short + String(tail[sign...].prefix(6))
        }
        return short
    }

    static func draw(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, grid: inout Grid) {
        let list = state.list
        var title = "Orders"
        if let sort = list.sort { title += " · " + sort.label }
        if !list.query.isEmpty { title += " · /" + list.query.source }
        grid.box(
            rect, title: title, style: focused ? theme.focusedBorder : theme.border, glyphs: theme.glyphs)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        // The rows on screen, redacted once each, with their cells: they set the column widths.
        let shown = list.visibleRows.prefix(max(0, inner.height - 1)).map { entry in
            (entry.row, entry.summary, state.redaction.apply(entry.summary))
        }
        // Only the columns the width shows: the cells are made once a frame for each row.
        var cells: [ListColumn: [String]] = [:]
        for column in columns(width: inner.width).map(\.column) {
            cells[column] = shown.map { cell(column, $0.2, mark: state.follow.mark(for: $0.1.id)) }
        }
        let columns = columns(width: inner.width, cells: shown.isEmpty ? [:] : cells)

        // Header.
        var x = inner.x
        for column in columns {
            let title = column.column == .anomaly ? "" : column.column.title
            let marker = list.sort?.column == column.column ? (list.sort?.ascending == true ? "↑" : "↓") : ""
            grid.put(
                (title + marker).fitted(toWidth: column.width, alignment: column.alignment), x: x, y: inner.y,
                style: theme.heading, maxWidth: column.width)
            x += column.width + 1
        }

        let bodyTop = inner.y + 1
        let bodyHeight = inner.height - 1
        guard bodyHeight > 0 else { return }
        if list.rows.isEmpty {
            let message: String
            if list.paging.inFlight != nil {
                message = "loading…"
            } else if let error = list.paging.error {
                message = "✗ " + error.message
            } else if !list.query.isEmpty {
                message = "no order matches the filter (Esc clears it)"
            } else {
                message = "no orders"
            }
            grid.put(message, x: inner.x + 1, y: bodyTop, style: theme.muted, maxWidth: inner.width - 1)
            return
        }
        let selected = list.selectedRow
        for (offset, (row, original, _)) in shown.enumerated() where offset < bodyHeight {
            let y = bodyTop + offset
            let isSelected = row == selected
            let rowStyle = isSelected ? (focused ? theme.selection : theme.unfocusedSelection) : theme.text
            if isSelected {
                grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: rowStyle)
            }
            var x = inner.x
            for column in columns {
                let text = cells[column.column]?[offset] ?? ""
                var style = rowStyle
                if !isSelected {
                    if column.column == .anomaly { style = theme.bad }
                    if column.column == .status, original.status == "cancelled" { style = theme.muted }
                }
                // Sanitized before it is fitted: escapes widen text, and a cut must show its "…".
                // Only the start is looked at, so a huge field costs no more than a short one.
                let safe: String
                if column.column == .number, text.utf8.count <= 256 {
                    // Cut in the middle: ids (shown when there is no order number) often share a
                    // prefix and differ at the end. Bounded, so the whole is cheap to look at.
                    safe = TextFit.truncate(
                        Sanitizer.sanitize(text), toWidth: column.width, position: .middle)
                } else {
                    safe = TextFit.sanitizedLine(text, toWidth: column.width)
                }
                let fitted = TextFit.pad(safe, toWidth: column.width, alignment: column.alignment)
                grid.put(
                    fitted, x: x, y: y, style: style,
                    maxWidth: column.width)
                x += column.width + 1
            }
        }
    }

    /// "1 234 / 5 000 orders" or "300 orders, more available", with the loading mark.
    static func countText(_ list: ListState) -> String {
        var text: String
        let shown = list.rows.count
        let loaded = list.loaded.count
        if let total = list.paging.totalCount {
            text = "\(loaded)/\(total) orders"
        } else {
            text = AppState.orders(loaded) + (list.hasMore ? ", more available" : "")
        }
        if shown != loaded { text = "\(shown) shown · " + text }
        if list.paging.inFlight != nil { text += " · loading…" }
        return text
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: replacement)
        return copy
    }
}
