import JSONCore
import OrderModel
import OrderViewModel
import TerminalCore

/// `orderscope summary` output: a summary table as aligned text, CSV or JSON. Values from the
/// orders are sanitized (text and CSV) or JSON-escaped; amounts are exact (JSON carries minor
/// units and the exponent, text and CSV the formatted major units).
public enum SummaryReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, csv, json
    }

    public static func render(_ table: SummaryTable, format: Format, partialNote: String? = nil) -> String {
        switch format {
        case .text: return text(table, partialNote: partialNote)
        case .csv: return csv(table)
        case .json: return json(table)
        }
    }

    // MARK: - Text

    static func text(_ table: SummaryTable, partialNote: String?) -> String {
        let lines = table.lines
        let titles = table.columns.map(\.title) + SummaryLine.headers
        var rows: [[String]] = [titles]
        for line in lines {
            let values = line.isFirst ? line.values.map(Sanitizer.sanitize) : table.columns.map { _ in "" }
            rows.append(
                values + [
                    line.orders, line.share, Sanitizer.sanitize(line.currency), line.gross, line.captured,
                    line.refunded,
                    line.outstanding,
                ])
        }
        let valueCount = table.columns.count
        var widths = [Int](repeating: 0, count: titles.count)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], min(cell.displayWidth, 40))
            }
        }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                // Values and the currency read left to right; counts and money line up on the right.
                let left = index < valueCount || index == valueCount + 2
                return cell.fitted(toWidth: widths[index], alignment: left ? .left : .right)
            }
            out += cells.joined(separator: "  ").trimmedTrailingSpaces() + "\n"
        }
        out +=
            "\(MoneyFormatter.groupedInteger(table.orderCount, separator: " ")) orders in \(table.groups.count) groups"
        if table.columns.contains(where: { $0 == .anomaly || $0 == .reservation }) {
            out += " (an order with several kinds counts in each)"
        }
        out += "\n"
        let withoutGross = table.ordersWithoutGross
        if withoutGross > 0 { out += "\(withoutGross) orders have no gross amount (not in Gross)\n" }
        if let partialNote { out += partialNote + "\n" }
        return out
    }

    // MARK: - CSV

    public static let csvMoneyHeaders = [
        "orders", "share_percent", "currency", "currency_orders", "gross", "orders_without_gross",
        "authorized",
        "captured", "refunded", "cancelled", "outstanding",
    ]

    static func csv(_ table: SummaryTable) -> String {
        let plain = MoneyFormatter(groupingSeparator: "", includesCurrencyCode: false)
        func amount(_ value: Int64?, _ currency: String?) -> String {
            value.map { plain.string(minorUnits: $0, currencyCode: currency) } ?? ""
        }
        var out = (table.columns.map(\.rawValue) + csvMoneyHeaders).joined(separator: ",") + "\r\n"
        for group in table.groups {
            let permille = group.permille(of: table.orderCount)
            for money in group.totals {
                let cells: [(String, Bool)] =
                    group.values.map { ($0 ?? "", false) } + [
                        (String(group.orders), true), ("\(permille / 10).\(permille % 10)", true),
                        (money.currency ?? "", false), (String(money.orders), true),
                        (amount(money.gross, money.currency), true), (String(money.withoutGross), true),
                        (amount(money.authorized, money.currency), true),
                        (amount(money.captured, money.currency), true),
                        (amount(money.refunded, money.currency), true),
                        (amount(money.cancelled, money.currency), true),
                        (amount(money.outstanding, money.currency), true),
                    ]
                out +=
                    cells.map { ListExporter.csvCell($0.0, isNumber: $0.1) }.joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    // MARK: - JSON

    static func json(_ table: SummaryTable) -> String {
        func number(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        func string(_ value: String?) -> String { value.map(JSONValue.quoted) ?? "null" }
        var out =
            "{\"by\": [" + table.columns.map { JSONValue.quoted($0.rawValue) }.joined(separator: ", ")
            + "],\n"
        out += " \"orders\": \(table.orderCount),\n \"groups\": ["
        for (index, group) in table.groups.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let values = zip(table.columns, group.values).map {
                "\(JSONValue.quoted($0.rawValue)): \(string($1))"
            }
            let permille = group.permille(of: table.orderCount)
            out += "  {\"values\": {\(values.joined(separator: ", "))}, \"orders\": \(group.orders), "
            out +=
                "\"share_percent\": \(permille / 10).\(permille % 10), \"anomalous\": \(group.anomalous), \"totals\": ["
            out += group.totals.map { money in
                let exponent = money.currencyValue?.exponent ?? Currency.defaultExponent
                return
                    "{\"currency\": \(string(money.currency)), \"exponent\": \(exponent), \"orders\": \(money.orders), "
                    + "\"gross\": \(number(money.gross)), \"orders_without_gross\": \(money.withoutGross), "
                    + "\"authorized\": \(number(money.authorized)), \"captured\": \(number(money.captured)), "
                    + "\"refunded\": \(number(money.refunded)), \"cancelled\": \(number(money.cancelled)), "
                    + "\"outstanding\": \(number(money.outstanding))}"
            }.joined(separator: ", ")
            out += "]}"
        }
        out +=
            "\n ],\n \"amounts\": \"minor units of the currency (divide by 10^exponent); null = out of range\"}\n"
        return out
    }
}

extension String {
    fileprivate func trimmedTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
