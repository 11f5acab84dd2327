import OrderModel
import OrderViewModel
import TerminalCore

/// Draws the summary view over the panes: a box with the grouping, the table of groups (values,
/// orders, share with a text bar, and per currency gross, captured, refunded, outstanding), the
/// cursor, and for a created day/week/month grouping the time chart above the table.
enum SummaryPane {
    /// A column of the table as drawn.
    struct Column: Equatable {
        enum Kind: Equatable {
            case value(Int), orders, share, currency, gross, captured, refunded, outstanding
        }
        var kind: Kind
        var title: String
        var width: Int
        var alignment: TextAlignment
    }

    /// The widest a value column gets (store ids and products can be long).
    static let valueWidthLimit = 24
    /// The share bar's width when there is room.
    static let barWidth = 12

    static func draw(_ state: AppState, in rect: Rect, theme: Theme, grid: inout Grid) {
        let view = state.summary
        grid.fill(rect, style: theme.text)
        var title = "Summary by " + view.columns.map(\.title).joined(separator: ", ")
        if let table = view.table {
            title += " · \(MoneyFormatter.groupedInteger(table.orderCount, separator: " ")) orders"
        }
        if !view.baseFilter.isEmpty { title += " · /" + view.baseFilter }
        if view.partial || view.computing && view.table == nil { title += " · partial" }
        grid.box(rect, title: title, style: theme.focusedBorder, glyphs: theme.glyphs)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        guard let table = view.table else {
            grid.put(
                "grouping the orders…", x: inner.x + 1, y: inner.y, style: theme.muted,
                maxWidth: inner.width - 1)
            return
        }
        var tableRect = inner
        if view.columns.count == 1, view.columns[0].isTime, inner.height >= 14, table.groups.count > 1 {
            let chartHeight = min(inner.height / 2, 16)
            TimeChart.draw(
                table, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: chartHeight),
                theme: theme, grid: &grid)
            tableRect = Rect(
                x: inner.x, y: inner.y + chartHeight, width: inner.width, height: inner.height - chartHeight)
        }
        drawTable(view, table, in: tableRect, theme: theme, grid: &grid)
    }

    /// The columns that fit in `width`, in order of importance: values, orders, share, currency,
    /// gross, captured, refunded, outstanding; the bar takes what is left, up to `barWidth`.
    static func columns(_ view: SummaryViewState, _ lines: [SummaryLine], width: Int) -> [Column] {
        let sort = view.table?.sort
        func widest(_ header: String, _ cell: (SummaryLine) -> String) -> Int {
            lines.reduce(header.displayWidth) { max($0, min(cell($1).displayWidth, valueWidthLimit)) }
        }
        var wanted: [Column] = view.columns.enumerated().map { index, column in
            Column(
                kind: .value(index), title: column.title,
                width: widest(column.title) {
                    $0.values.count > index ? Sanitizer.sanitize($0.values[index]) : ""
                },
                alignment: .left)
        }
        wanted.append(
            Column(kind: .orders, title: "Orders", width: widest("Orders") { $0.orders }, alignment: .right))
        wanted.append(Column(kind: .share, title: "Share", width: 6, alignment: .right))
        if !view.columns.contains(.currency) {
            // Grouped by currency, each line's currency is already its value.
            wanted.append(
                Column(
                    kind: .currency, title: "Cur", width: widest("Cur") { Sanitizer.sanitize($0.currency) },
                    alignment: .left))
        }
        let money: [(Column.Kind, String, (SummaryLine) -> String)] = [
            (.gross, "Gross", { $0.gross }), (.captured, "Captured", { $0.captured }),
            (.refunded, "Refunded", { $0.refunded }), (.outstanding, "Outstanding", { $0.outstanding }),
        ]
        for (kind, title, cell) in money {
            wanted.append(Column(kind: kind, title: title, width: widest(title, cell), alignment: .right))
        }
        // The sorted column's header has room for its marker.
        if let sort {
            for index in wanted.indices where !sortMarker(sort, wanted[index].kind).isEmpty {
                wanted[index].width = max(wanted[index].width, wanted[index].title.displayWidth + 1)
            }
        }
        var chosen: [Column] = []
        var used = 0
        for column in wanted {
            let needed = column.width + (chosen.isEmpty ? 0 : 1)
            if used + needed > width {
                // A value column that does not fit whole is cut rather than dropped.
                if case .value = column.kind, width - used > 4 {
                    chosen.append(
                        Column(
                            kind: column.kind, title: column.title,
                            width: width - used - (chosen.isEmpty ? 0 : 1), alignment: .left))
                    used = width
                }
                break
            }
            chosen.append(column)
            used += needed
        }
        // The share bar joins the share column when there is room left.
        let room = width - used - 1
        if room >= 4, let share = chosen.firstIndex(where: { $0.kind == .share }) {
            chosen[share].width += min(barWidth, room) + 1
        }
        return chosen
    }

    static func drawTable(
        _ view: SummaryViewState, _ table: SummaryTable, in rect: Rect, theme: Theme, grid: inout Grid
    ) {
        guard rect.height > 0 else { return }
        let lines = view.lines
        let columns = columns(view, lines, width: rect.width)
        var x = rect.x
        for column in columns {
            let marker = sortMarker(table.sort, column.kind)
            grid.put(
                (column.title + marker).fitted(
                    toWidth: column.width, alignment: column.kind == .share ? .left : column.alignment),
                x: x, y: rect.y, style: theme.heading, maxWidth: column.width)
            x += column.width + 1
        }
        let bodyHeight = rect.height - 1
        guard bodyHeight > 0 else { return }
        if lines.isEmpty {
            grid.put(
                "no orders to group", x: rect.x + 1, y: rect.y + 1, style: theme.muted,
                maxWidth: rect.width - 1)
            return
        }
        // The selection stays in view whatever the viewport the state assumed.
        var first = min(view.scroll, max(0, lines.count - bodyHeight))
        if view.selectedLine >= first + bodyHeight { first = view.selectedLine - bodyHeight + 1 }
        if view.selectedLine < first { first = view.selectedLine }
        for offset in 0..<min(bodyHeight, lines.count - first) {
            let index = first + offset
            let line = lines[index]
            let y = rect.y + 1 + offset
            let selected = index == view.selectedLine
            let style = selected ? theme.selection : theme.text
            if selected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            var x = rect.x
            for column in columns {
                let text: String
                var cellStyle = style
                switch column.kind {
                case .value(let index):
                    let value = index < line.values.count ? line.values[index] : ""
                    text = TextFit.sanitizedLine(value, toWidth: column.width)
                    if !selected, value == SummaryGroup.noValue || value == SummaryGroup.notChecked {
                        cellStyle = theme.muted
                    }
                case .orders: text = line.orders
                case .share:
                    text = line.isFirst ? shareCell(line, width: column.width, glyphs: theme.glyphs) : ""
                case .currency: text = TextFit.sanitizedLine(line.currency, toWidth: column.width)
                case .gross: text = line.gross
                case .captured: text = line.captured
                case .refunded: text = line.refunded
                case .outstanding: text = line.outstanding
                }
                let alignment = column.kind == .share ? TextAlignment.left : column.alignment
                grid.put(
                    text.fitted(toWidth: column.width, alignment: alignment), x: x, y: y, style: cellStyle,
                    maxWidth: column.width)
                x += column.width + 1
            }
        }
    }

    /// ` 75.0% ██████▍` : the share, then a bar of eighths (`#` in ASCII) as wide as what is left.
    static func shareCell(_ line: SummaryLine, width: Int, glyphs: BoxGlyphs) -> String {
        let text = SummaryTable.percentText(line.permille).padded(toWidth: 6, alignment: .right)
        let barRoom = width - 7
        guard barRoom > 0 else { return text }
        return text + " " + bar(permille: line.permille, width: barRoom, unicode: glyphs != .ascii)
    }

    /// A horizontal bar of `permille`/1000 of `width` cells, in eighths of a cell.
    static func bar(permille: Int, width: Int, unicode: Bool) -> String {
        let eighths = (permille * width * 8 + 500) / 1000
        if !unicode {
            let cells = (eighths + 4) / 8
            return String(repeating: "#", count: min(width, cells))
        }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: min(width, eighths / 8))
        if eighths / 8 < width { text += partial[eighths % 8] }
        return text
    }

    static func sortMarker(_ sort: SummarySort, _ kind: Column.Kind) -> String {
        let matches: Bool
        switch (sort.column, kind) {
        case (.value(let a), .value(let b)): matches = a == b
        case (.orders, .orders), (.orders, .share), (.gross, .gross), (.captured, .captured),
            (.refunded, .refunded),
            (.outstanding, .outstanding):
            matches = true
        default: matches = false
        }
        // Shares sort with orders: one marker, on the orders column.
        if kind == .share { return "" }
        return matches ? (sort.ascending ? "↑" : "↓") : ""
    }
}
