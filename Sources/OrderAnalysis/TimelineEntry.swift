import OrderModel

/// One entry of the payment timeline: a session, a payment operation or an event.
public struct TimelineEntry: Sendable, Equatable {
    /// What kind of entry it is.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case session, authorization, capture, refund, cancellation, event

        init(_ kind: OperationKind) {
            switch kind {
            case .authorization: self = .authorization
            case .capture: self = .capture
            case .refund: self = .refund
            case .cancellation: self = .cancellation
            }
        }
    }

    public var kind: Kind
    public var time: Timestamp?
    /// The time as written, or "" when the entry has none.
    public var timeText: String
    /// Minor units of the order currency.
    public var amount: Int64?
    public var success: Bool?
    public var psp: String?
    /// `payment_product_type`, else `payment_product`.
    public var product: String?
    /// e.g. `Visa Credit 4444 **** **** 4448`.
    public var cardText: String?
    /// The order lines the entry covers.
    public var lineIDs: [LineID]
    /// One line for the timeline pane, e.g. `capture 6.00 NOK ✓ Bambora Visa … lines 1, 2`.
    public var summary: String
    /// The drill-down of the entry: `.operation`, `.session` or `.event`.
    public var target: DrillTarget?
    public var jsonPath: String?
    /// The running totals after this entry.
    public var totals = PaymentTotals()

    public init(
        kind: Kind, time: Timestamp? = nil, amount: Int64? = nil, success: Bool? = nil, psp: String? = nil,
        product: String? = nil, cardText: String? = nil, lineIDs: [LineID] = [], summary: String = "",
        target: DrillTarget? = nil, jsonPath: String? = nil
    ) {
        self.kind = kind
        self.time = time
        self.timeText = time?.text ?? ""
        self.amount = amount
        self.success = success
        self.psp = psp
        self.product = product
        self.cardText = cardText
        self.lineIDs = lineIDs
        self.summary = summary
        self.target = target
        self.jsonPath = jsonPath
    }

    public init(session: Session, index: Int, currency: Currency?) {
        let lines = session.items.compactMap(\.lineID)
        self.init(
            kind: .session, time: session.processedAt ?? session.createdAt, amount: session.amount,
            lineIDs: lines,
            summary: DisplayText.join([
                "session", DisplayText.money(session.amount, currency), TimelineEntry.linesText(lines),
            ]),
            target: .session(index), jsonPath: session.path.jqPath)
    }

    public init(operation: PaymentOperation, index: Int, currency: Currency?) {
        let details = operation.paymentDetails
        let card = TimelineEntry.cardText(details?.card)
        let lines = operation.items.compactMap(\.lineID)
        let mark: String? = operation.success.map { $0 ? "✓" : "✗ failed" }
        self.init(
            kind: Kind(operation.kind), time: operation.timestamp, amount: operation.amount,
            success: operation.success,
            psp: details?.psp, product: details?.paymentProductType ?? details?.paymentProduct,
            cardText: card,
            lineIDs: lines,
            summary: DisplayText.join([
                operation.kind.rawValue, DisplayText.money(operation.amount, currency), mark, details?.psp,
                card,
                TimelineEntry.linesText(lines),
            ]),
            target: .operation(kind: operation.kind.rawValue, index: index), jsonPath: operation.path.jqPath)
    }

    public init(event: OrderEvent, index: Int) {
        let text: String
        switch event.shape {
        case .api:
            text = DisplayText.join(["event", event.request?.method, event.request?.path])
        case .status:
            text = DisplayText.join([
                "status event", event.state?.rawValue, event.service, event.serviceStatus, event.description,
            ])
        }
        self.init(
            kind: .event, time: event.createdAt, summary: text, target: .event(index),
            jsonPath: event.path.jqPath)
    }

    public static func cardText(_ card: Card?) -> String? {
        guard let card else { return nil }
        let text = DisplayText.join([card.brand, card.type, card.maskedPAN])
        return text.isEmpty ? nil : text
    }

    public static func linesText(_ lines: [LineID]) -> String? {
        guard !lines.isEmpty else { return nil }
        return (lines.count == 1 ? "line " : "lines ") + lines.map(\.rawValue).joined(separator: ", ")
    }
}
