import JSONCore
import OrderAnalysis
import OrderModel

/// Accumulates detail rows, skipping fields that are absent, so screens list only what the
/// order has.
struct RowList {
    var rows: [DetailRow] = []
    var indent = 0

    var isEmpty: Bool { rows.isEmpty }

    /// Adds `label: value` when the value is present and not empty.
    mutating func field(
        _ label: String, _ value: String?, tone: DetailRow.Tone = .normal, target: DrillTarget? = nil,
        path: JSONPath? = nil
    ) {
        guard let value, !value.isEmpty else { return }
        rows.append(
            DetailRow(indent: indent, label, value, tone: tone, target: target, jsonPath: path?.jqPath))
    }

    /// Adds a row whatever its value.
    mutating func row(
        _ label: String, _ value: String = "", tone: DetailRow.Tone = .normal, target: DrillTarget? = nil,
        path: JSONPath? = nil, indent extra: Int = 0
    ) {
        rows.append(
            DetailRow(
                indent: indent + extra, label, value, tone: tone, target: target, jsonPath: path?.jqPath))
    }

    mutating func timestamp(_ label: String, _ value: Timestamp?, path: JSONPath? = nil) {
        field(label, value?.text, path: path)
    }

    mutating func flag(_ label: String, _ value: Bool?, path: JSONPath? = nil) {
        field(label, DisplayText.yesNo(value), path: path)
    }

    mutating func money(_ label: String, _ amount: Int64?, _ currency: Currency?, path: JSONPath? = nil) {
        field(label, DisplayText.money(amount, currency), path: path)
    }

    /// One row per key of a free-form object (values shown as one line of JSON).
    mutating func metadata(_ object: JSONObject?, path: JSONPath, prefix: String = "") {
        guard let object else { return }
        for pair in object.pairs {
            row(prefix + pair.key, DisplayText.json(pair.value), path: path[pair.key])
        }
    }

    mutating func append(_ other: [DetailRow]) { rows += other }

    func section(_ id: String, _ title: String, path: JSONPath? = nil) -> DetailSection? {
        rows.isEmpty ? nil : DetailSection(id: id, title: title, rows: rows, jsonPath: path?.jqPath)
    }
}
