import OrderModel
import OrderViewModel
import TerminalCore

/// The time chart of a summary grouped by created day, week or month: bars of orders over time,
/// a row of `!` under the buckets with anomalies, then bars of gross for each currency that
/// fits, and the first and last bucket under them. Block eighths in Unicode, `#` in ASCII.
/// More buckets than columns are merged (several days a column); fewer are widened.
enum TimeChart {
    static func draw(_ table: SummaryTable, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard let series = TimeSeries(table), rect.width >= 8, rect.height >= 6 else { return }
        let unicode = theme.glyphs != .ascii
        let count = series.labels.count
        // Buckets per column when there are more buckets than columns; columns per bucket otherwise.
        let perColumn = max(1, (count + rect.width - 1) / rect.width)
        let columns = (count + perColumn - 1) / perColumn
        let cellWidth = max(1, min(4, rect.width / max(1, columns)))
        func merged<T>(_ values: [T], _ zero: T, _ add: (T, T) -> T) -> [T] {
            stride(from: 0, to: count, by: perColumn).map { start in
                values[start..<min(count, start + perColumn)].reduce(zero, add)
            }
        }
        let orders = merged(series.orders.map(Int64.init), 0, +)
        let anomalous = merged(series.anomalous, 0, +)
        // How many currency charts fit with bars at least two rows high.
        let fixed = 3  // the orders heading, the anomaly row, the axis
        var currencies = series.gross.count
        var barHeight = 0
        while currencies >= 0 {
            barHeight = (rect.height - fixed - currencies) / (1 + currencies)
            if barHeight >= 2 || currencies == 0 { break }
            currencies -= 1
        }
        guard barHeight >= 1 else { return }
        let unit =
            perColumn > 1
            ? "\(perColumn) \(series.column.rawValue)s a column" : "a \(series.column.rawValue) a column"
        var y = rect.y
        let peak = orders.max() ?? 0
        grid.put(
            "Orders per \(series.column.rawValue) · peak \(MoneyFormatter.groupedInteger(Int(peak), separator: " ")) · \(unit)",
            x: rect.x, y: y, style: theme.heading, maxWidth: rect.width)
        y += 1
        drawBars(
            orders, peak: peak, x: rect.x, y: y, height: barHeight, cellWidth: cellWidth, style: theme.good,
            unicode: unicode, grid: &grid)
        y += barHeight
        for (column, value) in anomalous.enumerated() where value > 0 {
            grid.put("!", x: rect.x + column * cellWidth, y: y, style: theme.bad, maxWidth: 1)
        }
        if anomalous.contains(where: { $0 > 0 }) {
            let legend = " ! anomalies"
            let x = rect.x + rect.width - legend.count
            if x > rect.x + columns * cellWidth {
                grid.put(legend, x: x, y: y, style: theme.muted, maxWidth: legend.count)
            }
        }
        y += 1
        for (currency, values) in series.gross.prefix(currencies) {
            let sums = merged(values, Int64?(0)) { CurrencyTotals.sum($0, $1) }
            let known = sums.map { $0 ?? 0 }
            let peak = known.max() ?? 0
            let code = currency ?? SummaryGroup.noValue
            let peakText = MoneyFormatter.standard.string(minorUnits: peak, currencyCode: currency)
            grid.put(
                TextFit.sanitizedLine(
                    "Gross \(code) · peak \(peakText)" + (sums.contains(nil) ? " · some out of range" : ""),
                    toWidth: rect.width),
                x: rect.x, y: y, style: theme.heading, maxWidth: rect.width)
            y += 1
            drawBars(
                known, peak: peak, x: rect.x, y: y, height: barHeight, cellWidth: cellWidth,
                style: theme.text,
                unicode: unicode, grid: &grid)
            y += barHeight
        }
        // The axis: the first bucket under the first bar, the last under the last.
        let firstLabel = series.labels.first ?? ""
        let lastLabel = series.labels.last ?? ""
        grid.put(firstLabel, x: rect.x, y: y, style: theme.muted, maxWidth: rect.width)
        let end = rect.x + max(firstLabel.count + 1, min(rect.width, columns * cellWidth) - lastLabel.count)
        if end + lastLabel.count <= rect.x + rect.width, lastLabel != firstLabel {
            grid.put(lastLabel, x: end, y: y, style: theme.muted, maxWidth: lastLabel.count)
        }
    }

    /// Vertical bars from the bottom of `height` rows, scaled so `peak` fills them; a value
    /// above zero shows at least a sliver. Negative sums (more refunded than sold) draw nothing.
    static func drawBars(
        _ values: [Int64], peak: Int64, x: Int, y: Int, height: Int, cellWidth: Int, style: Style,
        unicode: Bool,
        grid: inout Grid
    ) {
        guard peak > 0 else { return }
        let eighthsGlyphs = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let gap = cellWidth >= 3 ? 1 : 0
        for (column, value) in values.enumerated() where value > 0 {
            // In Double: value × 8 × height in Int64 can overflow for huge sums.
            let scaled = Double(value) / Double(peak) * Double(height * 8)
            var eighths = Int(scaled.rounded())
            if eighths == 0 { eighths = 1 }
            for row in 0..<height {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                let glyph: String
                if unicode {
                    glyph = eighthsGlyphs[min(8, filled)]
                } else {
                    glyph = filled >= 4 ? "#" : (row == 0 ? "." : "")
                }
                guard !glyph.isEmpty else { continue }
                let text = String(repeating: glyph, count: cellWidth - gap)
                grid.put(
                    text, x: x + column * cellWidth, y: y + height - 1 - row, style: style,
                    maxWidth: cellWidth - gap)
            }
        }
    }
}
