import JSONCore

/// Which list a payment operation came from.
public enum OperationKind: String, Sendable, Hashable, CaseIterable {
    case authorization
    case capture
    case refund
    case cancellation

    /// The order field holding operations of this kind (`authorizations`, …).
    public var fieldName: String {
        switch self {
        case .authorization: return "authorizations"
        case .capture: return "captures"
        case .refund: return "refunds"
        case .cancellation: return "cancellations"
        }
    }
}

/// One authorization, capture, refund or cancellation of an order (all four share a shape).
public struct PaymentOperation: Sendable, Equatable {
    public var kind: OperationKind
    public var id: String?
    public var createdAt: Timestamp?
    public var createdBy: String?
    /// Minor units of the order currency.
    public var amount: Int64?
    public var success: Bool?
    public var processedAt: Timestamp?
    /// e.g. `dintero-checkout`.
    public var processedBy: String?
    public var authorizationID: String?
    public var metadata: JSONObject?
    public var items: [OperationItem]
    public var paymentDetails: OperationPaymentDetails?
    public var links: [Link]
    public var path: JSONPath
    public var raw: JSONValue

    init(kind: OperationKind, reader r: NodeReader) {
        let skim = r.skimming  // fields no anomaly check reads
        self.kind = kind
        id = skim.string("id")
        processedAt = r.timestamp("processed_at")
        // The checks read `timestamp` alone (`processed_at`, else `created_at`): with a
        // processing time, the creation time is only checked for its type.
        createdAt = (processedAt == nil ? r : skim).timestamp("created_at")
        createdBy = skim.string("created_by")
        amount = r.int("amount")
        success = r.bool("success")
        processedBy = skim.string("processed_by")
        authorizationID = skim.string("authorization_id")
        metadata = skim.object("metadata")
        items = skim.children("items", OperationItem.init(reader:))
        paymentDetails = skim.child("payment_details", OperationPaymentDetails.init(reader:))
        links = skim.links()
        path = r.path
        raw = r.json
    }

    /// When it happened: `processed_at`, else `created_at`.
    public var timestamp: Timestamp? { processedAt ?? createdAt }
}

/// An order line covered by a payment operation: `{line_id, amount, payout}` plus, since
/// 2026-06, the exchange-rate fields.
public struct OperationItem: Sendable, Equatable {
    public var lineID: LineID?
    public var amount: Int64?
    public var payout: OperationPayout?
    public var conversion: CurrencyConversion?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        lineID = r.lineID("line_id")
        amount = r.int("amount")
        payout = r.child("payout", OperationPayout.init(reader:))
        conversion = CurrencyConversion(reader: r)
        path = r.path
        raw = r.json
    }
}

/// The flat payout of an operation item: `{rule_id, rule_type, destinations: [{destination, amount}]}`
/// (unlike the recursive payout of an order item).
public struct OperationPayout: Sendable, Equatable {
    public var ruleID: String?
    public var ruleType: String?
    public var destinations: [OperationPayoutDestination]
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        ruleID = r.string("rule_id")
        ruleType = r.string("rule_type")
        destinations = r.children("destinations", OperationPayoutDestination.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// One destination of an operation payout: `{destination, amount}`.
public struct OperationPayoutDestination: Sendable, Equatable {
    public var destination: String?
    public var amount: Int64?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        destination = r.string("destination")
        amount = r.int("amount")
        path = r.path
        raw = r.json
    }
}

/// How an operation was paid: PSP, payment ids and card.
public struct OperationPaymentDetails: Sendable, Equatable {
    /// e.g. `Bambora`.
    public var psp: String?
    public var paymentID: String?
    /// e.g. `bambora`.
    public var paymentProduct: String?
    /// e.g. `bambora.creditcard`.
    public var paymentProductType: String?
    public var card: Card?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        psp = r.string("psp")
        paymentID = r.string("payment_id")
        paymentProduct = r.string("payment_product")
        paymentProductType = r.string("payment_product_type")
        card = r.child("card", Card.init(reader:))
        path = r.path
        raw = r.json
    }
}

/// The card used for an operation: `{masked_pan, type, brand, metadata}`.
public struct Card: Sendable, Equatable {
    /// e.g. `4444 **** **** 4448`.
    public var maskedPAN: String?
    /// e.g. `Credit`.
    public var type: String?
    /// e.g. `Visa`.
    public var brand: String?
    public var metadata: JSONObject?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        maskedPAN = r.string("masked_pan")
        type = r.string("type")
        brand = r.string("brand")
        metadata = r.object("metadata")
        path = r.path
        raw = r.json
    }
}
