extension OrderSummary {
    /// The list columns of a decoded order. `anomalyCount` is left nil: the view-model computes
    /// anomalies. An order without `id` uses `order_id`, then `order_number`, then "".
    public init(order: Order) {
        var pans: [String] = []
        for operation in order.operations {
            if let pan = operation.paymentDetails?.card?.maskedPAN, !pan.isEmpty, !pans.contains(pan) {
                pans.append(pan)
            }
        }
        var bookings: [String] = []
        for reservation in order.reservations {
            if let booking = reservation.bookingID, !booking.isEmpty, !bookings.contains(booking) {
                bookings.append(booking)
            }
        }
        self.init(
            id: order.id ?? order.orderID ?? order.orderNumber ?? "",
            orderNumber: order.orderNumber,
            createdAt: order.createdAt?.text,
            customerFirstName: order.customer?.firstName,
            customerLastName: order.customer?.lastName,
            customerEmail: order.customer?.email,
            customerPhone: order.customer?.phoneNumber,
            companyName: order.customer?.company?.businessName,
            status: order.status?.rawValue,
            paymentStatus: order.paymentStatus?.rawValue,
            grossAmount: order.grossAmount,
            currency: order.currency?.code,
            storeID: order.store?.id ?? order.items.lazy.compactMap { $0.store?.id }.first,
            maskedPANs: pans,
            bookingIDs: bookings,
            hasAttachments: !order.attachments.isEmpty,
            anomalyCount: nil,
            orderType: order.type,
            customerType: order.customer?.type,
            paymentProduct: order.operations.lazy.compactMap {
                $0.paymentDetails.flatMap { $0.paymentProductType ?? $0.paymentProduct ?? $0.psp }
            }.first,
            reservationKinds: ReservationKind.allCases.filter { kind in
                order.attachments.contains { $0.kinds.contains(kind) }
            }.map(\.rawValue),
            payments: PaymentSums(order: order))
    }
}
