import OrderModel

/// What the summary view and `orderscope summary` group orders by.
///
/// Anomaly kind and reservation kind can hold several values for one order: such an order counts
/// once in each of its groups (so shares can add up to more than 100%), and an order with none
/// counts in the "(none)" group.
public enum SummaryColumn: String, CaseIterable, Sendable, Equatable, Hashable {
    case status
    case paymentStatus = "payment"
    case currency
    case store
    case paymentProduct = "product"
    case customerType = "customer"
    case orderType = "type"
    case anomaly
    case reservation
    case day
    case week
    case month

    /// Other spellings accepted by `--by` and `:group`.
    static let aliases: [String: SummaryColumn] = [
        "payment_status": .paymentStatus, "psp": .paymentProduct, "payment_product": .paymentProduct,
        "customer_type": .customerType, "order_type": .orderType, "anomaly_kind": .anomaly,
        "anomalies": .anomaly,
        "reservation_kind": .reservation, "reservations": .reservation, "created_day": .day,
        "created_week": .week,
        "created_month": .month, "date": .day,
    ]

    /// The header of the column.
    public var title: String {
        switch self {
        case .status: return "Status"
        case .paymentStatus: return "Payment"
        case .currency: return "Currency"
        case .store: return "Store"
        case .paymentProduct: return "Product"
        case .customerType: return "Customer"
        case .orderType: return "Type"
        case .anomaly: return "Anomaly"
        case .reservation: return "Reservation"
        case .day: return "Day"
        case .week: return "Week"
        case .month: return "Month"
        }
    }

    /// True for created day, week and month: groups that read as time and chart as bars.
    public var isTime: Bool { self == .day || self == .week || self == .month }

    /// True for columns an order can have several values of.
    var isMultiValued: Bool { self == .anomaly || self == .reservation }

    /// Parses `status,currency` (names or aliases, case-insensitive; at most three columns).
    public static func parseList(_ text: String) throws(SummaryColumnError) -> [SummaryColumn] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: Character(" ")).lowercased() }
        guard !(names.count == 1 && names[0].isEmpty) else {
            throw SummaryColumnError("name a column to group by: \(Self.namesText)")
        }
        var columns: [SummaryColumn] = []
        for name in names {
            guard let column = SummaryColumn(rawValue: name) ?? aliases[name] else {
                throw SummaryColumnError("cannot group by \"\(name)\": use \(Self.namesText)")
            }
            guard !columns.contains(column) else { throw SummaryColumnError("\(name) is named twice") }
            columns.append(column)
        }
        guard columns.count <= 3 else { throw SummaryColumnError("group by at most three columns") }
        return columns
    }

    /// The column names, for messages and help.
    public static let namesText = allCases.map(\.rawValue).joined(separator: ", ")
}

/// Why a list of columns could not be parsed, phrased for the operator.
public struct SummaryColumnError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
