/// The list columns of one order: everything the list pane, sort, filter and search need,
/// without the order's full detail.
///
/// Dump indexes build these straight from the bytes of each order (never decoding it whole), the
/// API client from each page, and `OrderSummary(order:)` from a decoded `Order`; every field is
/// optional because real orders are sparse.
public struct OrderSummary: Sendable, Equatable {
    /// The order's `id` (UUID); the key used to load the full order.
    public var id: String
    public var orderNumber: String?
    /// `created_at` as written (ISO 8601); ISO text sorts in time order.
    public var createdAt: String?
    public var customerFirstName: String?
    public var customerLastName: String?
    public var customerEmail: String?
    public var customerPhone: String?
    public var companyName: String?
    /// `status` as written; unknown values (e.g. "archived") are kept.
    public var status: String?
    /// `payment_status` as written.
    public var paymentStatus: String?
    /// `gross_amount` in minor units of `currency`.
    public var grossAmount: Int64?
    public var currency: String?
    /// Order-level `store.id`, or the first item's store id when the order has none.
    public var storeID: String?
    /// Masked card numbers seen in any payment operation (for free-text search).
    public var maskedPANs: [String]
    /// Booking ids of every reservation attachment (for free-text search).
    public var bookingIDs: [String]
    public var hasAttachments: Bool
    /// Number of anomalies found, or nil when not checked yet (summaries built from bytes).
    public var anomalyCount: Int?
    /// The order's `type` as written.
    public var orderType: String?
    /// `customer.type` as written (e.g. `private`, `company`).
    public var customerType: String?
    /// How the order was paid: the first operation's `payment_product_type`, else its
    /// `payment_product`, else its `psp`.
    public var paymentProduct: String?
    /// The reservation kinds of the attachments (`bus`, `train`, …), each once, in
    /// `ReservationKind` order.
    public var reservationKinds: [String]
    /// The sums of the successful payment operations.
    public var payments: PaymentSums
    /// Which kinds of anomaly were found: bit n is the n-th kind of the view-model's anomaly
    /// kinds (OrderModel does not know them); 0 with a nil `anomalyCount` means not checked.
    public var anomalyKinds: UInt32

    public init(
        id: String, orderNumber: String? = nil, createdAt: String? = nil,
        customerFirstName: String? = nil, customerLastName: String? = nil,
        customerEmail: String? = nil, customerPhone: String? = nil, companyName: String? = nil,
        status: String? = nil, paymentStatus: String? = nil, grossAmount: Int64? = nil,
        currency: String? = nil, storeID: String? = nil, maskedPANs: [String] = [],
        bookingIDs: [String] = [], hasAttachments: Bool = false, anomalyCount: Int? = nil,
        orderType: String? = nil, customerType: String? = nil, paymentProduct: String? = nil,
        reservationKinds: [String] = [], payments: PaymentSums = PaymentSums(), anomalyKinds: UInt32 = 0
    ) {
        self.id = id
        self.orderNumber = orderNumber
        self.createdAt = createdAt
        self.customerFirstName = customerFirstName
        self.customerLastName = customerLastName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.companyName = companyName
        self.status = status
        self.paymentStatus = paymentStatus
        self.grossAmount = grossAmount
        self.currency = currency
        self.storeID = storeID
        self.maskedPANs = maskedPANs
        self.bookingIDs = bookingIDs
        self.hasAttachments = hasAttachments
        self.anomalyCount = anomalyCount
        self.orderType = orderType
        self.customerType = customerType
        self.paymentProduct = paymentProduct
        self.reservationKinds = reservationKinds
        self.payments = payments
        self.anomalyKinds = anomalyKinds
    }

    /// "First Last", falling back to the company name or the email.
    public var customerName: String? {
        let parts = [customerFirstName, customerLastName].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        return companyName ?? customerEmail
    }
}
