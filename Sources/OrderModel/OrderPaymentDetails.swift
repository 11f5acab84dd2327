import JSONCore

/// The order's `payment_details`: what Dintero says is still open, in minor units. The payment
/// timeline checks its own running totals against these.
public struct OrderPaymentDetails: Sendable, Equatable {
    public var remainingCaptureAmount: Int64?
    public var remainingRefundAmount: Int64?
    public var remainingCancellationAmount: Int64?
    public var remainingAuthorizationAmount: Int64?
    public var amountDue: Int64?
    public var path: JSONPath
    public var raw: JSONValue

    init(reader r: NodeReader) {
        remainingCaptureAmount = r.int("remaining_capture_amount")
        remainingRefundAmount = r.int("remaining_refund_amount")
        remainingCancellationAmount = r.int("remaining_cancellation_amount")
        remainingAuthorizationAmount = r.int("remaining_authorization_amount")
        amountDue = r.int("amount_due")
        path = r.path
        raw = r.json
    }
}
