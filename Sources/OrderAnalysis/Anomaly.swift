/// One problem found in an order: what is wrong in plain language, where in the JSON it is, and
/// which check found it.
public struct Anomaly: Sendable, Equatable {
    /// Which check found it; tests and the `check` command group by it.
    public var kind: Kind
    public var severity: Severity
    /// A plain-language reason, e.g. "gross 598.00 NOK − discount 231.30 NOK = 366.70 NOK, but
    /// net is 478.40 NOK".
    public var message: String
    /// The jq path of the node the problem is about.
    public var jsonPath: String?

    public init(kind: Kind = .other, severity: Severity = .error, message: String, jsonPath: String? = nil) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.jsonPath = jsonPath
    }

    /// How serious an anomaly is: errors are numbers that do not add up; warnings are oddities
    /// (a failed operation) that may be fine.
    public enum Severity: String, Sendable, Equatable {
        case warning, error
    }

    /// The checks `AnomalyChecker` runs.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A field present in the order that cannot be read (wrong type, number out of range).
        case unreadableField
        /// gross − total_discount ≠ net.
        case totals
        /// The items' gross sum differs from the order's gross.
        case itemsGross
        /// The items' net sum differs from the order's net.
        case itemsNet
        /// A tax line's amount does not match its percentage of its basis.
        case taxAmount
        /// A price-included tax line's basis + amount differs from the item's net.
        case taxBasis
        /// More captured than authorized.
        case overCaptured
        /// More refunded than captured.
        case overRefunded
        /// A payout node whose children do not sum to it.
        case payoutChildren
        /// A payout tree whose top level does not sum to what was paid for the line (`PayoutBasis`).
        case payoutRoot
        /// A `percentage` payout destination whose amount is not that share of the amount above it.
        case payoutShare
        /// `payment_status` says something the operations contradict.
        case paymentStatus
        /// An operation with `success: false`.
        case failedOperation
        /// An attachment's or itinerary's `line_ids` names no item.
        case danglingLineID
        /// `payment_details` disagrees with the totals of the operations.
        case paymentDetails
        /// A sum of amounts leaves the Int64 range of minor units (it would wrap).
        case moneyOverflow
        case other
    }
}
