/// The list filter (`OrderQuery` text) that keeps the orders of one summary group, so Enter on a
/// group opens the list filtered to it and the operator sees and can edit the filter.
enum SummaryFilter {
    /// The term for one column's value; nil when the query language cannot say it (an absent
    /// value, a value with spaces or quotes, anomalies not checked yet).
    static func term(_ column: SummaryColumn, _ value: String?) -> String? {
        if column == .anomaly {
            guard let value else { return "-anomaly" }
            return value == SummaryGroup.notChecked ? nil : "anomaly:" + value
        }
        guard let value, !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "\"" || $0.isNewline })
        else {
            return nil
        }
        switch column {
        case .status: return "status:" + value
        case .paymentStatus: return "payment:" + value
        case .currency: return "currency:" + value
        case .store: return "store:" + value
        case .paymentProduct: return "product:" + value
        case .customerType: return "customer:" + value
        case .orderType: return "type:" + value
        case .reservation: return "reservation:" + value
        case .day, .month: return "created=" + value
        case .week:
            guard let bounds = CreatedBucket.weekBounds(value) else { return nil }
            return "created>=\(bounds.start) created<\(bounds.end)"
        case .anomaly: return nil
        }
    }
}
