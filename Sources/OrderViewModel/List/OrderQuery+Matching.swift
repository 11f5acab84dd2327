import OrderAnalysis
import OrderModel

extension OrderQuery {
    /// True when every term holds for the summary.
    public func matches(_ summary: OrderSummary) -> Bool {
        terms.allSatisfy { term in term.condition.holds(for: summary) != term.negated }
    }

    /// True when a term needs the anomaly checks (`anomaly`, `anomaly:KIND`).
    public var usesAnomalies: Bool {
        terms.contains { term in
            if case .anomalyKind = term.condition { return true }
            return term.condition == .anomaly
        }
    }
}

extension OrderQuery.Condition {
    func holds(for summary: OrderSummary) -> Bool {
        switch self {
        case .text(let needle):
            return OrderQuery.textMatches(needle, summary)
        case .status(let status):
            return summary.status?.lowercased() == status
        case .paymentStatus(let status):
            return summary.paymentStatus?.lowercased() == status
        case .currency(let currency):
            return summary.currency?.uppercased() == currency
        case .store(let store):
            return summary.storeID?.caseInsensitiveEquals(store) ?? false
        case .orderType(let wanted):
            return summary.orderType?.lowercased() == wanted
        case .customerType(let wanted):
            return summary.customerType?.lowercased() == wanted
        case .paymentProduct(let wanted):
            return summary.paymentProduct?.lowercased() == wanted
        case .reservation(let kind):
            return summary.reservationKinds.contains(kind)
        case .anomalyKind(let kind):
            return summary.anomalyKinds & AnomalyTally.bit(kind) != 0
        case .hasAttachments:
            return summary.hasAttachments
        case .anomaly:
            return (summary.anomalyCount ?? 0) > 0
        case .amount(let comparison, let major):
            guard let gross = summary.grossAmount,
                let threshold = MajorAmount.minorUnits(major, currency: summary.currency)
            else { return false }
            return comparison.holds(gross, threshold)
        case .created(let comparison, let date):
            guard let created = summary.createdAt else { return false }
            // Compare on the query's precision: "2023-11-01" against the date part only.
            let prefix = String(created.prefix(date.count))
            return comparison.holds(prefix, date)
        }
    }
}

extension OrderQuery {
    /// Case-insensitive substring match over the fields an operator would paste in.
    static func textMatches(_ needle: String, _ summary: OrderSummary) -> Bool {
        let candidates: [String?] = [
            summary.orderNumber, summary.id, summary.customerName, summary.customerEmail,
            summary.customerPhone, summary.companyName,
        ]
        for candidate in candidates {
            // A redacted summary's mask is not the customer's data: "red" must not find it.
            if let candidate, candidate != Redactor.mask, candidate.containsIgnoringCase(needle) {
                return true
            }
        }
        for pan in summary.maskedPANs where pan.containsIgnoringCase(needle) { return true }
        for booking in summary.bookingIDs where booking.containsIgnoringCase(needle) { return true }
        return false
    }
}

extension String {
    func containsIgnoringCase(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        return lowercased().contains(needle.lowercased())
    }

    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
