import OrderSources

/// A deliberate inconsistency the synthetic generator can plant in an order, so anomaly checks
/// and the UI's marks have something to find. Each anomalous order carries exactly one kind.
public enum SyntheticAnomaly: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `gross_amount − total_discount ≠ net_amount` (the stated total discount is off).
    case totals
    /// More captured than authorized (a capture was recorded twice).
    case overCaptured
    /// More refunded than captured (a refund was recorded twice).
    case overRefunded
    /// A payout destination whose child destinations do not add up to it.
    case payoutChildren
    /// `payment_status` contradicts the operations (e.g. `paid` with nothing captured).
    case paymentStatus
    /// A payment operation with `success: false`.
    case failedOperation
    /// An attachment reservation whose `line_ids` names no item.
    case danglingLineID

    public var description: String { rawValue }
}

/// What the generator decided for one order: enough to check coverage and anomalies without
/// decoding (tests decode anyway).
public struct SyntheticOrderInfo: Sendable, Equatable {
    /// Position in the dataset (0-based).
    public var index: Int
    public var status: String
    public var paymentStatus: String
    public var currency: String
    /// The planted anomaly, nil for a consistent order.
    public var anomaly: SyntheticAnomaly?
    /// Reservation kinds in the order's attachments (`bus`, `car`, …), empty for non-travel orders.
    public var reservationKinds: [String]

    public init(
        index: Int, status: String, paymentStatus: String, currency: String, anomaly: SyntheticAnomaly?,
        reservationKinds: [String]
    ) {
        self.index = index
        self.status = status
        self.paymentStatus = paymentStatus
        self.currency = currency
        self.anomaly = anomaly
        self.reservationKinds = reservationKinds
    }
}
