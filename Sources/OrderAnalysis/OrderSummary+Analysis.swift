import OrderModel

extension OrderSummary {
    /// The list columns of a decoded order with `anomalyCount` filled in by `AnomalyChecker`.
    public init(analysing order: Order) {
        self.init(order: order)
        anomalyCount = AnomalyChecker.check(order).count
    }
}
