/// An order's `payment_status`: `pending`, `partially_paid`, `paid`, `partially_refunded`,
/// `refunded`, or any other value as written.
public struct PaymentStatus: OpenEnumeration {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending = PaymentStatus(rawValue: "pending")
    public static let partiallyPaid = PaymentStatus(rawValue: "partially_paid")
    public static let paid = PaymentStatus(rawValue: "paid")
    public static let partiallyRefunded = PaymentStatus(rawValue: "partially_refunded")
    public static let refunded = PaymentStatus(rawValue: "refunded")
    public static let knownValues: [PaymentStatus] = [
        .pending, .partiallyPaid, .paid, .partiallyRefunded, .refunded,
    ]
}
