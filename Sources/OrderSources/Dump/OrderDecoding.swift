import JSONCore
import OrderModel

/// How the whole-dump passes (`DumpSource.streamOrders`, `mapOrders`) decode each order.
public enum OrderDecoding: Sendable {
    /// Every field and the raw JSON (`JSONParser` → `Order(json:)`).
    case whole
    /// What the anomaly checks read, straight from the bytes (`JSONTape` →
    /// `Order(tape:forChecks:)`): the same anomalies and decode issues at a fraction of the
    /// cost (issue 19); the other fields are nil or empty and `raw` is null.
    case forChecks

    /// Order `bytes` decoded this way; their text issues go to `issues`.
    func order(_ bytes: UnsafeRawBufferPointer, issues: inout JSONTextIssues) throws(JSONParseError) -> Order
    {
        switch self {
        case .whole: return Order(json: try JSONParser.parse(bytes, textIssues: &issues))
        case .forChecks: return Order(tape: try JSONTape(bytes, textIssues: &issues), forChecks: true)
        }
    }
}
