import OrderModel

/// What the scanner has seen of the object it is reading as a possible order: byte spans of the
/// few values the list needs (decoded only when the object turns out to be an order).
struct OrderCandidate {
    var id = ByteSpan.none
    var orderID = ByteSpan.none
    var orderNumber = ByteSpan.none
    var createdAt = ByteSpan.none
    var status = ByteSpan.none
    var paymentStatus = ByteSpan.none
    var grossAmount = ByteSpan.none
    var currency = ByteSpan.none
    var storeID = ByteSpan.none
    var itemStoreID = ByteSpan.none
    var firstName = ByteSpan.none
    var lastName = ByteSpan.none
    var email = ByteSpan.none
    var phone = ByteSpan.none
    var bussinessName = ByteSpan.none
    var businessName = ByteSpan.none
    /// Has one of id, order_id, order_number, gross_amount, currency, payment_status.
    var identifying = false
    var hasItems = false
    /// Has a key only orders have (never order items): order_id, order_number, payment_status,
    /// currency, created_at, customer.
    var strong = false
    var hasAttachments = false
    /// The `[` of a top-level `items`/`data` array, kept in case the object is a list page.
    var fallbackArray = -1
    var fallbackIsData = false
    var maskedPANs: [String] = []
    var bookingIDs: [String] = []

    var isOrder: Bool { identifying || hasItems }

    /// The list columns; `id` is empty when the order has neither `id` nor `order_id`.
    func summary(_ base: UnsafePointer<UInt8>) -> OrderSummary {
        func text(_ span: ByteSpan) -> String? {
            span.isPresent ? JSONStringDecoder.decode(base, start: span.start, end: span.end) : nil
        }
        let gross = grossAmount.isPresent
            ? JSONStringDecoder.integer(base, start: grossAmount.start, end: grossAmount.end) : nil
        return OrderSummary(
            id: text(id) ?? text(orderID) ?? "",
            orderNumber: text(orderNumber) ?? text(orderID),
            createdAt: text(createdAt),
            customerFirstName: text(firstName),
            customerLastName: text(lastName),
            customerEmail: text(email),
            customerPhone: text(phone),
            companyName: text(bussinessName) ?? text(businessName),
            status: text(status),
            paymentStatus: text(paymentStatus),
            grossAmount: gross,
            currency: text(currency),
            storeID: text(storeID) ?? text(itemStoreID),
            maskedPANs: maskedPANs,
            bookingIDs: bookingIDs,
            hasAttachments: hasAttachments)
    }
}
