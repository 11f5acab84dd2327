import OrderModel

/// What the scanner has seen of the object it is reading as a possible order: byte spans of the
/// few values the list needs (decoded only when the object turns out to be an order).
package struct OrderCandidate {
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
    /// Has `order_id` or `order_number`: keys no other Dintero object carries at its top.
    var hasOrderKey = false
    var hasStatus = false
    /// Has a top-level `amount` (operations, sessions, transactions, their items; an order's
    /// amounts are `gross_amount`/`net_amount`).
    var hasAmount = false
    /// Has a key that only other Dintero objects carry at their top level (see `isOrder`).
    var foreign = false
    var hasAttachments = false
    /// The `[` of a top-level `items`/`data` array, kept in case the object is a list page.
    var fallbackArray = -1
    var fallbackIsData = false
    var maskedPANs: [String] = []
    var bookingIDs: [String] = []
    var orderType = ByteSpan.none
    var customerType = ByteSpan.none
    /// Bit n: an attachment holds a reservation of `ReservationKind.allCases[n]`.
    var reservationKinds: UInt8 = 0
    var payments = PaymentSums()
    /// The payment product (type, product or PSP) of the first operation that names one, in
    /// `Order.operations` order (authorizations first), and that operation's kind index.
    var paymentProduct = ByteSpan.none
    var paymentProductKind = 4
    // The operation being read.
    var operationAmount = ByteSpan.none
    var operationFailed = false
    var operationPSP = ByteSpan.none
    var operationProduct = ByteSpan.none
    var operationProductType = ByteSpan.none

    mutating func beginOperation() {
        operationAmount = .none
        operationFailed = false
        operationPSP = .none
        operationProduct = .none
        operationProductType = .none
    }

    /// Adds the operation just read to the sums (as `PaymentSums(order:)` does) and keeps its
    /// payment product if it is the first in `Order.operations` order.
    mutating func endOperation(kind: Int, base: UnsafePointer<UInt8>) {
        if !operationFailed, operationAmount.isPresent,
            let amount = JSONStringDecoder.integer(
                base, start: operationAmount.start, end: operationAmount.end)
        {
            payments.add(amount, to: OperationKind.allCases[kind])
        }
        if kind < paymentProductKind {
            let product =
                operationProductType.isPresent
                ? operationProductType
                : operationProduct.isPresent ? operationProduct : operationPSP
            if product.isPresent {
                paymentProduct = product
                paymentProductKind = kind
            }
        }
    }

    /// The rule for what is a Dintero order (README, "What counts as an order"):
    /// - an object with `order_number` or `order_id` is an order;
    /// - otherwise it must carry none of the keys that mark other Dintero objects at their top
    ///   level: `amount` without `gross_amount` (payment operations, sessions, transactions and
    ///   their items), `processed_at`/`processed_by`/`authorization_id` (payment operations),
    ///   `line_id`/`quantity` (order items, their additions, transaction items), `url`/`expires_at`/`order`/`transaction_id`
    ///   (checkout sessions), `merchant_reference`/`payment_product`/`session_id` (transactions);
    /// - and then an object with an `id` is an order when it also has one of `items`,
    ///   `gross_amount`, `currency`, `payment_status`, `status` (a list entry can be as bare as an
    ///   id and a status); one without any id needs two of `items`, `gross_amount`, `currency`,
    ///   `payment_status`.
    package var isOrder: Bool {
        if hasOrderKey { return true }
        if foreign || (hasAmount && !grossAmount.isPresent) { return false }
        let evidence =
            (hasItems ? 1 : 0) + (grossAmount.isPresent ? 1 : 0) + (currency.isPresent ? 1 : 0)
            + (paymentStatus.isPresent ? 1 : 0)
        if id.isPresent { return evidence > 0 || hasStatus }
        return evidence >= 2
    }

    /// Writes the list columns into `record` (reset first). An order with neither `id` nor
    /// `order_id` gets `fallbackID` ("#n", its position).
    package func fill(_ record: inout SummaryRecord, base: UnsafePointer<UInt8>, fallbackID: () -> String) {
        record.reset()
        func put(_ field: SummaryField, _ span: ByteSpan) {
            let raw = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
            if raw.contains(UInt8(ascii: "\\")) {
                record.set(field, JSONStringDecoder.decode(base, start: span.start, end: span.end))
            } else {
                record.set(field, bytes: raw)
            }
        }
        func put(_ field: SummaryField, _ first: ByteSpan, _ second: ByteSpan) {
            if first.isPresent { put(field, first) } else if second.isPresent { put(field, second) }
        }
        let idSpan = id.isPresent ? id : orderID
        if idSpan.isPresent, idSpan.end > idSpan.start {
            put(.id, idSpan)
        } else {
            record.set(.id, fallbackID())
        }
        put(.orderNumber, orderNumber, orderID)
        put(.createdAt, createdAt, .none)
        put(.firstName, firstName, .none)
        put(.lastName, lastName, .none)
        put(.email, email, .none)
        put(.phone, phone, .none)
        put(.company, bussinessName, businessName)
        put(.status, status, .none)
        put(.paymentStatus, paymentStatus, .none)
        put(.currency, currency, .none)
        put(.storeID, storeID, itemStoreID)
        record.set(.maskedPANs, list: maskedPANs)
        record.set(.bookingIDs, list: bookingIDs)
        put(.orderType, orderType, .none)
        put(.customerType, customerType, .none)
        put(.paymentProduct, paymentProduct, .none)
        if reservationKinds != 0 {
            record.set(
                .reservationKinds,
                list: ReservationKind.allCases.enumerated()
                    .filter { reservationKinds & (1 << $0.offset) != 0 }.map(\.element.rawValue))
        }
        record.payments = payments
        record.grossAmount =
            grossAmount.isPresent
            ? JSONStringDecoder.integer(base, start: grossAmount.start, end: grossAmount.end) : nil
        record.hasAttachments = hasAttachments
    }
}
