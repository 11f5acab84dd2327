import JSONCore

/// A Dintero order (`GET …/orders/{id}`), decoded tolerantly from its JSON.
///
/// Every field is optional and arrays are empty when absent; a field of the wrong type is nil
/// and listed in `decodeIssues`; unknown fields and unknown enum values are kept (`raw`, and
/// `OrderStatus("archived")`). Each nested value carries its `path` and `raw` JSON so any node
/// can be shown or copied as it was received.
public struct Order: Sendable, Equatable {
    // MARK: Identity and state
    /// UUID of the resource.
    public var id: String?
    /// Custom order id; defaults to `id`.
    public var orderID: String?
    public var orderNumber: String?
    /// `currency` (ISO 4217); nil when absent.
    public var currency: Currency?
    public var status: OrderStatus?
    public var paymentStatus: PaymentStatus?
    /// e.g. `delivery`.
    public var type: String?
    public var version: Int64?

    // MARK: Dates and actors
    public var createdAt: Timestamp?
    public var createdBy: String?
    public var updatedAt: Timestamp?
    public var deletedAt: Timestamp?
    public var deletedBy: String?
    public var cancelledAt: Timestamp?
    public var cancelledBy: String?
    /// e.g. `customer`.
    public var cancelledReason: String?
    public var closedAt: Timestamp?
    public var closedBy: String?

    // MARK: Amounts (minor units of `currency`)
    /// Before discounts.
    public var grossAmount: Int64?
    /// After discounts.
    public var netAmount: Int64?
    public var totalDiscount: Int64?
    public var totalManualDiscountAmount: Int64?

    // MARK: People and places
    public var customer: Customer?
    public var shippingAddress: Address?
    public var billingAddress: Address?
    public var store: Store?
    public var salespersonID: String?
    public var salespersonName: String?
    public var comment: String?
    public var metadata: JSONObject?

    // MARK: Delivery
    public var deliveryAt: Timestamp?
    public var pickupAt: Timestamp?
    public var courierID: String?
    public var deliveryID: String?
    public var preOrder: Bool?
    /// Seconds.
    public var timeToLive: Int64?
    public var timeToLiveExpiresAt: Timestamp?
    public var multipleAuthorizations: Bool?

    // MARK: Lists
    public var externalIDs: [ExternalID]
    public var externalLinks: [ExternalLink]
    public var items: [OrderItem]
    public var paymentDetails: OrderPaymentDetails?
    public var sessions: [Session]
    public var authorizations: [PaymentOperation]
    public var captures: [PaymentOperation]
    public var refunds: [PaymentOperation]
    public var cancellations: [PaymentOperation]
    public var events: [OrderEvent]
    /// The combined state of all events (present with events).
    public var state: EventState?
    public var discounts: [Discount]
    public var itinerary: [Itinerary]
    public var attachments: [Attachment]
    public var comments: [OrderComment]
    public var links: [Link]

    // MARK: Raw
    /// The order's JSON exactly as received.
    public var raw: JSONValue
    /// Always the root.
    public var path: JSONPath
    /// Fields that were present but unreadable; each became nil.
    public var decodeIssues: [DecodeIssue]

    /// Decodes an order; never fails. A non-object gives an empty order with one issue.
    public init(json: JSONValue) {
        let log = IssueLog()
        let source: JSONValue
        if case .object = json {
            source = json
        } else {
            source = .object(JSONObject())
            log.report(.root, "expected an order object, found \(NodeReader.describe(json))")
        }
        self.init(reader: NodeReader(json: source, path: .root, log: log), raw: json)
        withExtendedLifetime(log) {}  // the readers hold it unowned
    }

    /// Decodes an order straight from a tape over its bytes, with the same fields and issues as
    /// `init(json:)`, without building its `JSONValue` tree: the whole-order work's decoder.
    /// `raw` (of the order and of every nested value) stays null unless `keepingRaw`, which
    /// builds each from the tape (tests compare the two decoders with it). `root` is the
    /// order's token (0: the tape's document is the order).
    ///
    /// `forChecks` decodes what the anomaly checks read (amounts, currency, items with their
    /// tax lines, discount lines and payouts, payment operations, payment details, line ids,
    /// the order's ids): everything else (customer, addresses, store, events, sessions, texts
    /// and dates the checks never show…) is only checked for its type, so `decodeIssues` is
    /// complete (the `unreadableField` check reads it), and comes back nil or empty. Such an
    /// order is for `AnomalyChecker` and `displayNumber` only.
    public init(tape: JSONTape, at root: Int = 0, keepingRaw: Bool = false, forChecks: Bool = false) {
        let log = IssueLog()
        let raw = keepingRaw ? tape.value(root) : .null
        let reader = NodeReader(
            tape: tape, index: root, keepRaw: keepingRaw, forChecks: forChecks,
            schema: forChecks ? Order.checksSchemaReference : nil, path: .root, log: log)
        var chosen = reader
        if tape[root].kind != .object {
            log.report(.root, "expected an order object, found \(reader.describe(.tape(root)))")
            chosen = NodeReader(json: .object(JSONObject()), path: .root, log: log)
        }
        // One call: an order (over 2 KB) built in either of two branches was copied into place.
        self.init(reader: chosen, raw: raw)
        withExtendedLifetime(log) {}  // the readers hold it unowned
    }

    /// What decoding for the checks skims of an order, recorded from this decoder (`FieldSchema`).
    static let checksSchema = FieldSchema.record { _ = Order(reader: $0, raw: .null) }
    /// `checksSchema`, uncounted (it is never freed; see `NodeReader.schema`).
    static let checksSchemaReference = Unmanaged.passUnretained(checksSchema)

    private init(reader r: NodeReader, raw json: JSONValue) {
        let skim = r.skimming  // fields no anomaly check reads
        let log = r.log

        id = r.string("id")
        orderID = r.string("order_id")
        orderNumber = r.string("order_number")
        currency = r.string("currency").map { Currency(code: $0) }
        status = skim.openEnum("status")
        paymentStatus = r.openEnum("payment_status")
        type = skim.string("type")
        version = r.int("version")

        createdAt = skim.timestamp("created_at")
        createdBy = skim.string("created_by")
        updatedAt = skim.timestamp("updated_at")
        deletedAt = skim.timestamp("deleted_at")
        deletedBy = skim.string("deleted_by")
        cancelledAt = skim.timestamp("cancelled_at")
        cancelledBy = skim.string("cancelled_by")
        cancelledReason = skim.string("cancelled_reason")
        closedAt = skim.timestamp("closed_at")
        closedBy = skim.string("closed_by")

        grossAmount = r.int("gross_amount")
        netAmount = r.int("net_amount")
        totalDiscount = r.int("total_discount")
        totalManualDiscountAmount = r.int("total_manual_discount_amount")

        customer = skim.child("customer", Customer.init(reader:))
        shippingAddress = skim.child("shipping_address", Address.init(reader:))
        billingAddress = skim.child("billing_address", Address.init(reader:))
        store = skim.child("store", Store.init(reader:))
        salespersonID = skim.string("salesperson_id")
        salespersonName = skim.string("salesperson_name")
        comment = skim.string("comment")
        metadata = skim.object("metadata")

        deliveryAt = skim.timestamp("delivery_at")
        pickupAt = skim.timestamp("pickup_at")
        courierID = skim.string("courier_id")
        deliveryID = skim.string("delivery_id")
        preOrder = skim.bool("pre_order")
        timeToLive = skim.int("time_to_live")
        timeToLiveExpiresAt = skim.timestamp("time_to_live_expires_at")
        multipleAuthorizations = skim.bool("multiple_authorizations")

        externalIDs = skim.children("external_ids", ExternalID.init(reader:))
        externalLinks = skim.children("external_links", ExternalLink.init(reader:))
        items = r.children("items", OrderItem.init(reader:))
        paymentDetails = r.child("payment_details", OrderPaymentDetails.init(reader:))
        sessions = skim.children("sessions", Session.init(reader:))
        authorizations = r.children("authorizations") { PaymentOperation(kind: .authorization, reader: $0) }
        captures = r.children("captures") { PaymentOperation(kind: .capture, reader: $0) }
        refunds = r.children("refunds") { PaymentOperation(kind: .refund, reader: $0) }
        cancellations = r.children("cancellations") { PaymentOperation(kind: .cancellation, reader: $0) }
        events = skim.children("events", OrderEvent.init(reader:))
        state = skim.openEnum("state")
        discounts = skim.children("discounts", Discount.init(reader:))
        itinerary = r.children("itinerary", Itinerary.init(reader:))
        attachments = r.children("attachments", Attachment.init(reader:))
        comments = skim.children("comments", OrderComment.init(reader:))
        links = skim.links()

        raw = json
        path = .root
        decodeIssues = log.issues
    }

    // MARK: - Convenience

    /// All payment operations: authorizations, captures, refunds, cancellations, in that order
    /// (each tagged with its `kind`); sort by `timestamp` for a timeline.
    public var operations: [PaymentOperation] {
        authorizations + captures + refunds + cancellations
    }

    /// The operations of one kind.
    public func operations(_ kind: OperationKind) -> [PaymentOperation] {
        switch kind {
        case .authorization: return authorizations
        case .capture: return captures
        case .refund: return refunds
        case .cancellation: return cancellations
        }
    }

    /// What to call the order: `order_number`, else `order_id`, else `id`, else "?".
    public var displayNumber: String {
        for candidate in [orderNumber, orderID, id] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "?"
    }

    /// The customer's display name (see `Customer.displayName`), else the shipping or billing
    /// address name.
    public var customerName: String? {
        if let name = customer?.displayName { return name }
        for address in [shippingAddress, billingAddress] {
            let parts = [address?.firstName, address?.lastName].compactMap { $0 }.filter { !$0.isEmpty }
            if !parts.isEmpty { return parts.joined(separator: " ") }
        }
        return nil
    }

    /// An amount of this order as money in its currency (exponent 2 with no code when the
    /// order has no currency).
    public func money(_ minorUnits: Int64?) -> Money? {
        guard let minorUnits else { return nil }
        return Money(minorUnits: minorUnits, currency: currency ?? Currency(code: "", exponent: 2))
    }

    /// The item with a given line id.
    public func item(lineID: LineID) -> OrderItem? {
        items.first { $0.lineID == lineID }
    }

    /// Every reservation of every attachment.
    public var reservations: [Reservation] { attachments.flatMap(\.reservations) }

    /// The node at `path` in the raw JSON (for the raw view).
    public func rawNode(at path: JSONPath) -> JSONValue? { path.resolve(in: raw) }
}
