import OrderModel
import OrderViewModel
import TerminalCore

/// Plain-text output for scripts and pipes (`orderscope print`): the order list as an aligned
/// table and one order's full detail as indented sections.
///
/// Every string from the order passes through the one `Sanitizer`, so escape sequences in the
/// data come out as visible text; columns are aligned by display width, so æøå, CJK and emoji
/// line up.
public enum PlainTextReport {
    /// The list columns, in print order. The caps keep a hostile megabyte value from widening
    /// every line; they hold a whole UUID and the largest amount an Int64 can carry.
    static let columns: [Column] = [
        Column("ORDER", .left, 40, cut: .middle), Column("CREATED", .left, 25), Column("CUSTOMER", .left, 30),
        Column("STATUS", .left, 12), Column("PAYMENT", .left, 18), Column("AMOUNT", .right, 34),
        Column("!", .left, 3),
    ]

    /// A column of the table: its title, where it pads, how wide it may grow, and which part of
    /// a too-wide value is cut (an order id keeps both ends, so ids that share a prefix differ).
    struct Column {
        var title: String
        var alignment: TextAlignment
        var maxWidth: Int
        var cut: TruncationPosition

        init(_ title: String, _ alignment: TextAlignment, _ maxWidth: Int, cut: TruncationPosition = .end) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
            self.cut = cut
        }
    }

    /// One table row per summary, with a header; widths fit the widest value up to a cap.
    public static func table(_ summaries: [OrderSummary]) -> String {
        var out = ""
        table(summaries) { out += $0 }
        return out
    }

    /// The same table streamed to `write` in pieces: one pass measures the columns, a second
    /// writes the rows, and no more than a block of rows is held at a time (summaries from a
    /// store are made one at a time), so memory stays flat however many orders there are.
    public static func table<Summaries: Collection>(_ summaries: Summaries, write: (String) -> Void)
    where Summaries.Element == OrderSummary {
        table(forEach: { body in summaries.forEach(body) }, write: write)
    }

    /// The streamed table over summaries handed out by `forEach`, which is called twice (once to
    /// measure, once to write) and must hand out the same summaries both times.
    public static func table(forEach: ((OrderSummary) -> Void) -> Void, write: (String) -> Void) {
        // The anomaly column only when anomalies were counted (summaries from a dump index
        // have not been checked; `check` does that).
        var showAnomalies = false
        var widths = self.columns.map { DisplayWidth.of($0.title) }
        forEach { summary in
            if summary.anomalyCount != nil { showAnomalies = true }
            for (index, cell) in Self.cells(for: summary).enumerated() {
                widths[index] = min(self.columns[index].maxWidth, max(widths[index], DisplayWidth.of(cell)))
            }
        }
        let columns = showAnomalies ? self.columns : Array(self.columns.dropLast())
        withoutActuallyEscaping(write) { write in
            var block = line(columns.map(\.title), widths, columns) + "\n"
            var lines = 0
            forEach { summary in
                block += line(Array(Self.cells(for: summary).prefix(columns.count)), widths, columns) + "\n"
                lines += 1
                if lines == 1024 {
                    write(block)
                    block = ""
                    lines = 0
                }
            }
            if !block.isEmpty { write(block) }
        }
    }

    static func cells(for summary: OrderSummary) -> [String] {
        let amount = summary.grossAmount.map {
            MoneyFormatter.standard.string(minorUnits: $0, currencyCode: summary.currency)
        }
        let anomaly: String
        switch summary.anomalyCount {
        case .some(let count) where count > 0: anomaly = "!\(count)"
        default: anomaly = ""
        }
        return [
            summary.orderNumber ?? summary.id, summary.createdAt ?? "", summary.customerName ?? "",
            summary.status ?? "", summary.paymentStatus ?? "", amount ?? "", anomaly,
        ].map { Sanitizer.sanitize($0) }
    }

    private static func line(_ cells: [String], _ widths: [Int], _ columns: [Column]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            parts.append(
                TextFit.fit(
                    cell, toWidth: widths[index], alignment: columns[index].alignment,
                    truncation: columns[index].cut))
        }
        // Trailing blanks carry no information in a pipe.
        var text = parts.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Sections as indented text: a title line per section, then label/value rows with labels
    /// aligned inside the section.
    public static func sections(_ sections: [DetailSection]) -> String {
        var out = ""
        for section in sections {
            out += "== " + Sanitizer.sanitize(section.title) + " ==\n"
            let labelWidth = min(
                32,
                section.rows.map { DisplayWidth.of(Sanitizer.sanitize($0.label)) + $0.indent * 2 }.max() ?? 0)
            for row in section.rows {
                let indent = String(repeating: "  ", count: row.indent)
                let label = Sanitizer.sanitize(row.label)
                let valueLines = Sanitizer.sanitizeLines(row.value)
                let head = "  " + indent + label
                if valueLines.isEmpty || row.value.isEmpty {
                    out += head.trimmedTrailing() + "\n"
                    continue
                }
                let padded = (indent + label).padded(toWidth: labelWidth)
                out += ("  " + padded + "  " + valueLines[0]).trimmedTrailing() + "\n"
                let continuation = String(
                    repeating: " ", count: 2 + max(labelWidth, DisplayWidth.of(indent + label)) + 2)
                for extra in valueLines.dropFirst() { out += (continuation + extra).trimmedTrailing() + "\n" }
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    func trimmedTrailing() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
